import Testing

@testable import MicroFlask

@Suite("Headers.vary")
struct HeadersVaryTests {
    @Test("adds to an existing Vary, keeping it (Werkzeug's vary.add: 'Accept-Encoding, Cookie')")
    func mergesIntoExisting() {
        var headers: Headers = ["Vary": "Accept-Encoding"]
        headers.vary("Cookie")
        #expect(headers.values(for: "Vary") == ["Accept-Encoding, Cookie"])
    }

    @Test("a name already there, in any case, is not repeated; several Vary lines become one")
    func noDuplicates() {
        var headers = Headers()
        headers.add("Vary", "accept-encoding, COOKIE")
        headers.add("Vary", "Origin")
        headers.vary("Cookie")
        headers.vary("Accept-Encoding")
        #expect(headers.values(for: "Vary") == ["accept-encoding, COOKIE, Origin"])
    }

    @Test("* absorbs every other name")
    func starAbsorbs() {
        var headers: Headers = ["Vary": "*"]
        headers.vary("Cookie")
        #expect(headers.values(for: "Vary") == ["*"])
        var other: Headers = ["Vary": "Cookie"]
        other.vary("*")
        #expect(other.values(for: "Vary") == ["*"])
    }

    @Test("on no Vary it sets one; an empty name changes nothing")
    func fromNothing() {
        var headers = Headers()
        headers.vary("")
        #expect(!headers.contains("Vary"))
        headers.vary("Cookie")
        #expect(headers["Vary"] == "Cookie")
    }
}
