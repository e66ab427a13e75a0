import Testing

@testable import MicroFlask

@Suite("Registration styles, endpoints and urlFor")
struct RegistrationTests {
    @Test("route, urls and include feed one table that urlFor sees")
    func threeStylesOneTable() throws {
        let app = App()
        app.route("/users/<int:id>") { req in "user \(try req.param("id") as Int)" }
        app.urls = ["/": { _ in "index" }, "/test": { _ in "test" }]
        app.include([path("/about", { _ in "about" }, name: "about")])
        app.include([path("/contact", { _ in "contact" }, methods: [.GET, .POST])], prefix: "/site")

        #expect(try app.test.get("/users/3").text == "user 3")
        #expect(try app.test.get("/").text == "index")
        #expect(try app.test.get("/test").text == "test")
        #expect(try app.test.get("/about").text == "about")
        #expect(try app.test.post("/site/contact", body: "m").text == "contact")

        #expect(try app.urlFor("users_id", ["id": 3]) == "/users/3")
        #expect(try app.urlFor("index") == "/")
        #expect(try app.urlFor("test") == "/test")
        #expect(try app.urlFor("about") == "/about")
        #expect(try app.urlFor("site_contact") == "/site/contact")
        #expect(app.registeredRoutes.count == 5)
        #expect(app.urls.keys.sorted() == ["/", "/test"])
    }

    @Test(
        "endpoint names are derived from the rule",
        arguments: [
            ("/", "index"), ("/users/<int:id>", "users_id"), ("/hello/<name>", "hello_name"),
            ("/static/<path:filename>", "static_filename"), ("/api/v1/items", "api_v1_items"),
            ("/a-b/c.json", "a_b_c_json"),
        ])
    func derivedEndpoint(rule: String, endpoint: String) {
        #expect(App.derivedEndpoint(rule) == endpoint)
    }

    @Test("a given endpoint name replaces the derived one")
    func givenEndpoint() throws {
        let app = App()
        app.get("/users/<int:id>", endpoint: "user") { _ in "u" }
        #expect(try app.urlFor("user", ["id": 7]) == "/users/7")
        #expect(throws: URLBuildError.self) { try app.urlFor("users_id", ["id": 7]) }
    }

    @Test("urlFor puts leftover values in a sorted, form-encoded query string")
    func urlForLeftovers() throws {
        let app = App()
        app.get("/users/<int:id>", endpoint: "user") { _ in "u" }
        #expect(try app.urlFor("user", ["id": 7, "tab": "posts"]) == "/users/7?tab=posts")
        #expect(try app.urlFor("user", ["id": 7, "q": "a b&c", "a": 1]) == "/users/7?a=1&q=a+b%26c")
    }

    @Test("urlFor percent-encodes values and keeps a path's slashes")
    func urlForEncoding() throws {
        let app = App()
        app.get("/hello/<name>") { _ in "h" }
        app.get("/files/<path:p>") { _ in "f" }
        app.get("/f/<float:x>") { _ in "x" }
        #expect(try app.urlFor("hello_name", ["name": "a b"]) == "/hello/a%20b")
        #expect(try app.urlFor("hello_name", ["name": "\u{E9}"]) == "/hello/%C3%A9")
        #expect(try app.urlFor("files_p", ["p": "docs/a b.txt"]) == "/files/docs/a%20b.txt")
        #expect(try app.urlFor("f_x", ["x": 1.5]) == "/f/1.5")
    }

    @Test("urlFor and the router agree: a built URL routes back to its values")
    func urlForRoundTrip() throws {
        let app = App()
        app.get("/hello/<name>") { req in req.params["name"] ?? "" }
        for name in ["a b", "x+y", "caf\u{E9}", "100%", "a?b", "#hash"] {
            let url = try app.urlFor("hello_name", ["name": name])
            #expect(try app.test.get(url).text == name, "url \(url)")
        }
    }

    @Test("urlFor throws for an unknown endpoint, naming the known ones")
    func urlForUnknownEndpoint() throws {
        let app = App()
        app.get("/a") { _ in "a" }
        let error = try #require(throws: URLBuildError.self) { try app.urlFor("nope") }
        #expect(error.message.contains("'nope'"))
        #expect(error.message.contains("the known endpoints are: a"))
    }

    @Test("urlFor throws when a value does not fit its converter or is missing")
    func urlForBadValue() throws {
        let app = App()
        app.get("/post/<int:id>") { _ in "p" }
        app.get("/hello/<name>") { _ in "h" }
        #expect(throws: URLBuildError.self) { try app.urlFor("post_id", ["id": "abc"]) }
        #expect(throws: URLBuildError.self) { try app.urlFor("post_id", ["id": -1]) }
        #expect(throws: URLBuildError.self) { try app.urlFor("post_id") }
        #expect(throws: URLBuildError.self) { try app.urlFor("hello_name", ["name": "a/b"]) }
        #expect(try app.urlFor("post_id", ["id": 5]) == "/post/5")
    }

    @Test("one endpoint registered under several methods for the same rule is fine")
    func sameEndpointSeveralMethods() throws {
        let app = App()
        app.get("/item", endpoint: "item") { _ in "get" }
        app.post("/item", endpoint: "item") { _ in "post" }
        try app.freeze()
        #expect(try app.test.get("/item").text == "get")
        #expect(try app.test.post("/item", body: "x").text == "post")
    }
}

@Suite("Registration errors at freeze")
struct FreezeErrorTests {
    @Test("freeze reports every problem at once")
    func allProblemsReported() throws {
        let app = App()
        app.get("nope") { _ in "missing slash" }
        app.get("/a/<b") { _ in "unbalanced" }
        app.get("/c/<hex:x>") { _ in "unknown converter" }
        app.get("/d") { _ in "first" }
        app.get("/d") { _ in "duplicate" }
        app.get("/x/<a>/edit") { _ in "derived x_edit" }
        app.get("/x/edit") { _ in "derived x_edit too" }
        app.get("/fine") { _ in "fine" }

        let error = try #require(throws: AppSetupError.self) { try app.freeze() }
        #expect(error.problems.count == 5)
        let text = error.description
        #expect(text.contains("5 problems"))
        #expect(error.problems.contains { $0.contains("'nope'") && $0.contains("must start with '/'") })
        #expect(error.problems.contains { $0.contains("'/a/<b'") && $0.contains("no matching '>'") })
        #expect(
            error.problems.contains {
                $0.contains("unknown converter 'hex'") && $0.contains("string, int, float, path, uuid, any")
            })
        #expect(error.problems.contains { $0.contains("duplicate route GET '/d'") })
        #expect(
            error.problems.contains {
                $0.contains(
                    "endpoint 'x_edit' of '/x/edit' is already the endpoint of '/x/<a>/edit' at MicroFlaskTests/")
            })
        #expect(error.problems.allSatisfy { $0.contains("RegistrationTests.swift:") })
    }

    @Test("the test client surfaces the setup error instead of serving")
    func testClientThrowsSetupError() {
        let app = App()
        app.get("/x/<int:a") { _ in "x" }
        #expect(throws: AppSetupError.self) { try app.test.get("/") }
    }

    @Test("rules of the same shape with different parameter names are duplicates")
    func duplicateShape() throws {
        let app = App()
        app.get("/d/<int:a>") { _ in "a" }
        app.get("/d/<int:b>") { _ in "b" }
        let error = try #require(throws: AppSetupError.self) { try app.freeze() }
        #expect(error.problems.count == 1)
        #expect(error.problems[0].contains("duplicate route GET '/d/<int:b>'"))
    }

    @Test("the same rule under different methods is not a duplicate")
    func sameRuleOtherMethod() throws {
        let app = App()
        app.get("/d") { _ in "get" }
        app.post("/d", endpoint: "d_post") { _ in "post" }
        try app.freeze()
        #expect(try app.test.post("/d", body: "x").text == "post")
    }

    @Test(
        "bad patterns fail to compile with the right reason",
        arguments: [
            ("nope", RoutePatternError.Reason.missingLeadingSlash),
            ("/a/<b", .unbalancedBrackets),
            ("/a/b>", .unbalancedBrackets),
            ("/a/<<b>>", .unbalancedBrackets),
            ("/a/<int:>", .badName("")),
            ("/a/<1x>", .badName("1x")),
            ("/a/<x>/<x>", .duplicateName("x")),
            ("/a/<foo:x>", .unknownConverter("foo")),
        ])
    func patternErrors(source: String, reason: RoutePatternError.Reason) {
        #expect(throws: RoutePatternError.self) { try RoutePattern(source) }
        do {
            _ = try RoutePattern(source)
        } catch {
            #expect(error.reason == reason)
            #expect(error.pattern == source)
        }
    }
}
