import Testing

@testable import MicroFlask

/// The prefix that rules a dynamic route out before its segments are matched.
@Suite("Dynamic route prefixes")
struct LeadingBytesTests {
    private func prefix(_ rule: String) throws -> String {
        String(decoding: try RoutePattern(rule).leadingBytes, as: UTF8.self)
    }

    @Test func leadingLiteralSegmentsEachEndWithASlash() throws {
        #expect(try prefix("/users/<int:id>") == "/users/")
        #expect(try prefix("/a/b/<x>/c") == "/a/b/")
        #expect(try prefix("/<path:p>") == "/")
        #expect(try prefix("/static/<path:filename>") == "/static/")
    }

    @Test func aSegmentWithAPlaceholderOrNonASCIITextEndsThePrefix() throws {
        #expect(try prefix("/v<int:n>/x") == "/")
        #expect(try prefix("/café/<x>") == "/")
        #expect(try prefix("/a/café/<x>") == "/a/")
    }

    /// The prefix only rules routes out: every path the rules matched before still matches, and
    /// one that a canonically equivalent spelling of a non-ASCII literal reaches still does.
    @Test func pathsStillReachTheirRules() throws {
        let app = App()
        app.get("/users/<int:id>") { req in "user \(try req.param("id") as Int)" }
        app.get("/files/<path:p>") { req in "file \(req.params["p"] ?? "")" }
        app.get("/café/<x>") { req in "cafe \(req.params["x"] ?? "")" }
        #expect(try app.test.get("/users/7").text == "user 7")
        #expect(try app.test.get("/files/a/b.txt").text == "file a/b.txt")
        #expect(try app.test.get("/usersx/7").status == .notFound)
        #expect(try app.test.get("/users").status == .notFound)
        // "cafe" + U+0301 (combining acute accent), percent-encoded: the same text as "café".
        #expect(try app.test.get("/cafe%CC%81/1").text == "cafe 1")
    }
}
