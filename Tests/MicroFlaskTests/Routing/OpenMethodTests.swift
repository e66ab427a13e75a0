import Testing

@testable import MicroFlask

/// Methods are an open set: what Flask 3.1's test client answers (checked with
/// `client.open(path, method=...)`): a registered extension method is served, a known path
/// without it is 405 with `Allow`, an unknown path is 404.
@Suite("Extension methods route like any other")
struct OpenMethodTests {
    private func app() -> App {
        let app = App()
        app.route("/dav", methods: ["PROPFIND"]) { _ in "dav" }
        app.route("/x") { _ in "x" }
        app.route("/items/<int:id>", methods: ["PURGE", "REPORT"]) { req in
            "\(req.method) \(try req.param("id") as Int)"
        }
        return app
    }

    @Test("a registered extension method is served")
    func registered() throws {
        let app = app()
        let dav = try app.test.request("PROPFIND", "/dav")
        #expect(dav.status == .ok)
        #expect(dav.text == "dav")
        #expect(try app.test.request("PURGE", "/items/3").text == "PURGE 3")
        #expect(try app.test.request("REPORT", "/items/3").text == "REPORT 3")
    }

    @Test(
        "a known path without the method is 405 with Allow",
        arguments: [
            ("GET", "/dav", "OPTIONS, PROPFIND"), ("PROPFIND", "/x", "GET, HEAD, OPTIONS"),
            ("QUERY", "/x", "GET, HEAD, OPTIONS"), ("PROPFIND", "/items/3", "OPTIONS, PURGE, REPORT"),
        ])
    func notAllowed(method: String, path: String, allow: String) throws {
        let response = try app().test.request(Method(method), path)
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers["Allow"] == allow)
    }

    @Test("an unknown path is 404 whatever the method", arguments: ["PROPFIND", "PURGE", "QUERY", "GET"])
    func unknownPath(method: String) throws {
        #expect(try app().test.request(Method(method), "/nope").status == .notFound)
    }

    @Test("OPTIONS lists the extension methods")
    func options() throws {
        let response = try app().test.options("/dav")
        #expect(response.status == .ok)
        #expect(response.headers["Allow"] == "OPTIONS, PROPFIND")
    }
}
