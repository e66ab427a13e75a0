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

@Suite("HTTPRequest.hasCookieField and hasContentTypeField")
struct KnownFieldTests {
    @Test("noted by the head's parse in any case, before and after headers are built")
    func notedWhileParsing() throws {
        func request(_ text: String) throws -> HTTPRequest {
            let raw = Array(text.utf8)
            let head = try raw.withUnsafeBufferPointer { try RequestParser.parseHead($0, limits: HTTPLimits()).get() }
            return HTTPRequest(head: head, content: RequestBody(), remoteAddress: "127.0.0.1")
        }
        let withCookie = try request("GET / HTTP/1.1\r\nHost: x\r\ncOOKIE: a=1\r\nX-Content-Type-Note: y\r\n\r\n")
        #expect(withCookie.hasCookieField)
        #expect(!withCookie.hasContentTypeField)
        #expect(withCookie.headers["Cookie"] == "a=1")
        #expect(withCookie.hasCookieField && !withCookie.hasContentTypeField)
        let withType = try request("POST / HTTP/1.1\r\nHost: x\r\ncontent-type: text/plain\r\nExpect: none\r\n\r\n")
        #expect(withType.hasContentTypeField)
        #expect(!withType.hasCookieField)
        let fromParts = HTTPRequest(method: .GET, target: "/", headers: ["Cookie": "a=1"])
        #expect(fromParts.hasCookieField && !fromParts.hasContentTypeField)
    }
}
