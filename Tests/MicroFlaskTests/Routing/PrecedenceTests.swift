import Testing

@testable import MicroFlask

/// An app whose views answer with their own names, registered in the given order.
private func namedViews(_ rules: [(String, String)]) -> App {
    let app = App()
    for (rule, name) in rules {
        app.get(rule, endpoint: name) { _ in name }
    }
    return app
}

@Suite("Route precedence")
struct PrecedenceTests {
    @Test("a static rule wins over a dynamic one whichever is registered first")
    func staticBeforeDynamic() throws {
        for order in [
            [("/users/<name>", "user"), ("/users/new", "new")], [("/users/new", "new"), ("/users/<name>", "user")],
        ] {
            let app = namedViews(order)
            #expect(try app.test.get("/users/new").text == "new")
            #expect(try app.test.get("/users/bob").text == "user")
        }
    }

    @Test("int is tried before string, in either registration order")
    func intBeforeString() throws {
        for order in [
            [("/x/<name>", "string"), ("/x/<int:n>", "int")], [("/x/<int:n>", "int"), ("/x/<name>", "string")],
        ] {
            let app = namedViews(order)
            #expect(try app.test.get("/x/5").text == "int")
            #expect(try app.test.get("/x/abc").text == "string")
        }
    }

    @Test("string is tried before path for a single segment")
    func stringBeforePath() throws {
        let app = namedViews([("/x/<path:p>", "path"), ("/x/<name>", "string")])
        #expect(try app.test.get("/x/5").text == "string")
        #expect(try app.test.get("/x/a/b").text == "path")
    }

    @Test("a longer literal segment is tried before a shorter one and before a placeholder")
    func literalSegmentsFirst() throws {
        let app = namedViews([("/<a>/<b>", "both"), ("/<a>/edit", "edit"), ("/blog/<b>", "blog")])
        #expect(try app.test.get("/x/edit").text == "edit")
        #expect(try app.test.get("/blog/post").text == "blog")
        #expect(try app.test.get("/x/y").text == "both")
    }

    @Test("equal-precedence rules keep registration order")
    func tiesKeepRegistrationOrder() throws {
        let first = namedViews([("/<name>", "name"), ("/<any(a,b):page>", "page")])
        #expect(try first.test.get("/a").text == "name")
        let second = namedViews([("/<any(a,b):page>", "page"), ("/<name>", "name")])
        #expect(try second.test.get("/a").text == "page")
        #expect(try second.test.get("/c").text == "name")
    }

    @Test("a dynamic rule answers a method the static rule for the same path lacks")
    func dynamicRuleTakesOtherMethod() throws {
        let app = App()
        app.get("/items/new") { _ in "static" }
        app.post("/items/<name>") { req in "posted \(req.params["name"] ?? "")" }
        #expect(try app.test.get("/items/new").text == "static")
        #expect(try app.test.post("/items/new", body: "x").text == "posted new")
    }
}

@Suite("Shadowed rules (routes --check)")
struct ShadowingTests {
    @Test("/<name> registered before /<any(a,b):page> shadows it")
    func stringShadowsAny() throws {
        let app = namedViews([("/<name>", "name"), ("/<any(a,b):page>", "page")])
        let shadowed = try app.freeze().table.shadowedRoutes()
        #expect(shadowed.count == 1)
        let pair = try #require(shadowed.first)
        #expect(pair.shadowed.route.rule == "/<any(a,b):page>")
        #expect(pair.by.route.rule == "/<name>")
        #expect(app.printRoutes(sort: "endpoint", check: true) == 1)
    }

    @Test("/<any(a,b):page> registered before /<name> is not shadowed")
    func anyFirstIsNotShadowed() throws {
        let app = namedViews([("/<any(a,b):page>", "page"), ("/<name>", "name")])
        #expect(try app.freeze().table.shadowedRoutes().isEmpty)
    }

    @Test("distinct static rules are not shadowed")
    func distinctStaticRules() throws {
        let app = namedViews([("/a", "a"), ("/b", "b"), ("/a/b", "ab"), ("/", "root")])
        app.config.templateFolder = "no-templates-here"  // --check also reads the templates' url_for names
        #expect(try app.freeze().table.shadowedRoutes().isEmpty)
        #expect(app.printRoutes(sort: "rule", check: true) == 0)
    }

    @Test("a path placeholder shadows a later int rule under the same prefix only when tried first")
    func pathVersusInt() throws {
        // int is tried before path, so the int rule is reachable: no shadowing.
        let app = namedViews([("/f/<path:p>", "path"), ("/f/<int:n>", "int")])
        #expect(try app.freeze().table.shadowedRoutes().isEmpty)
        #expect(try app.test.get("/f/3").text == "int")
    }

    @Test("/<path:p>/edit is tried before /<path:p>, so neither order shadows it")
    func pathWithSuffixNotShadowed() throws {
        for order in [
            [("/f/<path:p>", "path"), ("/f/<path:p>/edit", "edit")],
            [("/f/<path:p>/edit", "edit"), ("/f/<path:p>", "path")],
        ] {
            let app = namedViews(order)
            #expect(try app.freeze().table.shadowedRoutes().isEmpty)
            #expect(try app.test.get("/f/a/b/edit").text == "edit")
            #expect(try app.test.get("/f/a/b").text == "path")
        }
    }

    @Test("a rule covered only for some methods is not shadowed")
    func otherMethodNotShadowed() throws {
        let app = App()
        app.get("/<name>") { _ in "get" }
        app.post("/<any(a,b):page>") { _ in "post" }
        #expect(try app.freeze().table.shadowedRoutes().isEmpty)
        #expect(try app.test.post("/a", body: "").text == "post")
    }
}
