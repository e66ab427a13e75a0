import Testing

@testable import MicroFlask

@Suite("Dispatch: paths, methods, redirects")
struct DispatchTests {
    @Test("an unknown path is 404 with Flask's page")
    func unknownPath() throws {
        let app = App()
        app.get("/") { _ in "home" }
        let response = try app.test.get("/nope")
        #expect(response.status == .notFound)
        #expect(response.text == FlaskPages.notFound)
        #expect(response.headers["Content-Type"] == "text/html; charset=utf-8")
    }

    @Test("paths are case-sensitive")
    func caseSensitive() throws {
        let app = App()
        app.get("/about") { _ in "about" }
        #expect(try app.test.get("/about").status == .ok)
        #expect(try app.test.get("/About").status == .notFound)
        #expect(try app.test.get("/ABOUT").status == .notFound)
    }

    @Test("a wrong method is 405 with Allow and Flask's page")
    func wrongMethod() throws {
        let app = App()
        app.get("/a") { _ in "a" }
        let response = try app.test.post("/a", body: "x")
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers["Allow"] == "GET, HEAD, OPTIONS")
        #expect(response.text == FlaskPages.methodNotAllowed)
    }

    @Test("405's Allow lists the methods of every rule matching the path")
    func allowAcrossRules() throws {
        let app = App()
        app.get("/items/<int:id>") { _ in "get" }
        app.delete("/items/<int:id>") { _ in "delete" }
        let response = try app.test.put("/items/3", body: Array("x".utf8))
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers["Allow"] == "DELETE, GET, HEAD, OPTIONS")
    }

    @Test("HEAD runs the GET view and sends no body with the same Content-Length")
    func headFromGet() throws {
        let app = App()
        let calls = Recorder(0)
        app.get("/hello") { _ in
            calls.update { $0 += 1 }
            return "Hello, World!"
        }
        let get = try app.test.get("/hello")
        let head = try app.test.head("/hello")
        #expect(head.status == .ok)
        #expect(head.bodyBytes.isEmpty)
        #expect(head.headers["Content-Length"] == "13")
        #expect(head.headers["Content-Length"] == get.headers["Content-Length"])
        #expect(head.headers["Content-Type"] == get.headers["Content-Type"])
        #expect(calls.value == 2)
    }

    @Test("HEAD is not allowed on a POST-only rule")
    func headNeedsGet() throws {
        let app = App()
        app.post("/submit") { _ in "ok" }
        let response = try app.test.head("/submit")
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers["Allow"] == "OPTIONS, POST")
    }

    @Test("OPTIONS is answered automatically with 200, Allow and an empty body")
    func automaticOptions() throws {
        let app = App()
        app.route("/form", methods: [.GET, .POST]) { _ in "form" }
        let response = try app.test.options("/form")
        #expect(response.status == .ok)
        #expect(response.headers["Allow"] == "GET, HEAD, OPTIONS, POST")
        #expect(response.bodyBytes.isEmpty)
    }

    @Test("a user-registered OPTIONS view replaces the automatic answer")
    func userOptions() throws {
        let app = App()
        app.route("/cors", methods: [.GET, .OPTIONS]) { req in
            req.method == .OPTIONS ? Response.text("custom options", status: .noContent) : Response.text("get")
        }
        let response = try app.test.options("/cors")
        #expect(response.status == .noContent)
        #expect(response.text == "custom options")
    }

    @Test("OPTIONS on an unknown path is 404")
    func optionsUnknownPath() throws {
        let app = App()
        app.get("/a") { _ in "a" }
        #expect(try app.test.options("/b").status == .notFound)
    }

    @Test("a rule ending in / redirects the slash-less URL with 308, keeping the query string")
    func trailingSlashRedirect() throws {
        let app = App()
        app.get("/docs/") { _ in "docs" }
        let response = try app.test.get("/docs?page=2&q=a+b")
        #expect(response.status == .permanentRedirect)
        #expect(response.headers["Location"] == "/docs/?page=2&q=a+b")
        let plain = try app.test.get("/docs")
        #expect(plain.status == .permanentRedirect)
        #expect(plain.headers["Location"] == "/docs/")
        #expect(try app.test.get("/docs/").text == "docs")
    }

    @Test("the trailing-slash redirect keeps the path percent-encoded (Werkzeug: /a%20b -> /a%20b/)")
    func trailingSlashRedirectKeepsEncoding() throws {
        let app = App()
        app.get("/<name>/") { req in req.params["name"] ?? "" }
        let response = try app.test.get("/a%20b")
        #expect(response.status == .permanentRedirect)
        #expect(response.headers["Location"] == "/a%20b/")
        let crlf = try app.test.get("/a%0D%0Ab")
        #expect(crlf.status == .permanentRedirect)
        #expect(crlf.headers["Location"] == "/a%0D%0Ab/")
    }

    @Test("a slash-less rule does not answer the URL with a trailing slash")
    func noSlashRuleRejectsSlash() throws {
        let app = App()
        app.get("/hello") { _ in "hello" }
        #expect(try app.test.get("/hello/").status == .notFound)
        #expect(try app.test.get("/hello").status == .ok)
    }

    @Test("the path is percent-decoded once before matching")
    func percentDecodedOnce() throws {
        let app = App()
        app.get("/hello/<name>") { req in req.params["name"] ?? "" }
        #expect(try app.test.get("/hello/a%20b").text == "a b")
        #expect(try app.test.get("/hello/a%2520b").text == "a%20b")
        #expect(try app.test.get("/hello/%C3%A9t%C3%A9").text == "été")
    }

    @Test("%2F is decoded before matching, as under Werkzeug: a string placeholder then sees two segments")
    func encodedSlash() throws {
        let app = App()
        app.get("/hello/<name>") { req in "name:\(req.params["name"] ?? "")" }
        app.get("/files/<path:p>") { req in "path:\(req.params["p"] ?? "")" }
        #expect(try app.test.get("/hello/a%2Fb").status == .notFound)
        #expect(try app.test.get("/files/a%2Fb").text == "path:a/b")
    }

    @Test("encoded literal text matches the decoded rule")
    func encodedStaticPath() throws {
        let app = App()
        app.get("/caf\u{E9}") { _ in "cafe" }
        #expect(try app.test.get("/caf%C3%A9").text == "cafe")
    }

    @Test("the query string never affects routing")
    func queryIgnoredForRouting() throws {
        let app = App()
        app.get("/search") { _ in "search" }
        app.get("/hello/<name>") { req in req.params["name"] ?? "" }
        #expect(try app.test.get("/search?q=/etc/passwd").text == "search")
        #expect(try app.test.get("/search?").text == "search")
        #expect(try app.test.get("/hello/ada?name=bob").text == "ada")
        #expect(try app.test.get("/nope?x=/search").status == .notFound)
    }

    @Test("the matched endpoint and params are visible to the view")
    func endpointOnRequest() throws {
        let app = App()
        app.get("/users/<int:id>", endpoint: "user") { req in "\(req.endpoint ?? "-") \(try req.param("id") as Int)" }
        #expect(try app.test.get("/users/42").text == "user 42")
    }

    @Test("req.param throws a 400 for a missing or unconvertible parameter")
    func paramErrors() throws {
        let app = App()
        app.get("/a/<name>") { req in "\(try req.param("name") as Int)" }
        app.get("/b/<name>") { req in "\(try req.param("nope") as String)" }
        #expect(try app.test.get("/a/7").text == "7")
        let bad = try app.test.get("/a/x")
        #expect(bad.status == .badRequest)
        #expect(bad.text.contains("Parameter &#39;name&#39; is not a valid Int"))
        #expect(try app.test.get("/b/x").status == .badRequest)
    }

    @Test("req.args is an ordered multi-map with + as space")
    func queryArguments() throws {
        let app = App()
        app.get("/s") { req in
            let tags = req.args.getAll("tag").joined(separator: ",")
            let page = req.args.get("page", as: Int.self).map(String.init) ?? "nil"
            let bad = req.args.get("q", as: Int.self).map(String.init) ?? "nil"
            return "q=\(req.args["q"] ?? "nil") tags=\(tags) page=\(page) bad=\(bad) keys=\(req.args.keys)"
        }
        let response = try app.test.get("/s?q=a+b%2Bc&tag=x&page=2&tag=y&empty=")
        #expect(response.text == #"q=a b+c tags=x,y page=2 bad=nil keys=["q", "tag", "page", "empty"]"#)
    }
}
