import Testing

@testable import MicroFlask

/// A rule's own text is quoted when a URL is built, as Werkzeug quotes it, so the built URL
/// matches its rule again once decoded (found by Fuzz/FuzzRoutes: a literal `%01`).
@Suite("URL building quotes the rule's text")
struct BuildQuotingTests {
    @Test func literalsAreQuotedAndTheURLMatchesAgain() throws {
        let pattern = try RoutePattern("/a b/%41/<int:n>")
        let built = try pattern.build(["n": "5"])
        #expect(built == "/a%20b/%2541/5")  // Werkzeug's url_for gives the same
        let again = pattern.match(RouteTable.segments(of: PercentEncoding.decode(built[...])))
        #expect(again?["n"] == .int(5))
    }
}
