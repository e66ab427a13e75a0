import Testing

@testable import MicroFlask

/// The framing decision for responses (RFC 9112 sections 6.3 and 9.3), and the 500 that
/// replaces a response whose header would break the framing, as the server and test client use.
@Suite("ResponseFraming")
struct ResponseFramingTests {
    private static let stream = Response(stream: { write in try write("x") })

    private func framing(
        _ response: Response, method: Method = .GET, version: HTTPVersion = .http1_1, keepAlive: Bool = true
    ) -> ResponseFraming {
        ResponseFraming(for: response, method: method, version: version, keepAlive: keepAlive)
    }

    @Test func bytesHaveALength() {
        let decided = framing(Response.text("hello"))
        #expect(decided.framing == .length(5) && decided.keepAlive && decided.sendsBody && decided.chunksStream)
    }

    @Test("HEAD keeps the length of the body it does not send")
    func head() {
        let decided = framing(Response.text("hello"), method: .HEAD)
        #expect(decided.framing == .length(5))
        #expect(!decided.sendsBody)
        let streamed = framing(Self.stream, method: .HEAD)
        #expect(streamed.framing == .none && !streamed.sendsBody && streamed.keepAlive)
    }

    @Test("1xx, 204 and 304 have neither body nor framing")
    func noBodyStatuses() {
        for status in [Status.noContent, .notModified, Status(103)] {
            let decided = framing(Response(status: status, body: Array("x".utf8)))
            #expect(decided.framing == .none && !decided.sendsBody, "\(status)")
        }
    }

    @Test("a stream is chunked in HTTP/1.1 and ended by closing in HTTP/1.0")
    func streams() {
        #expect(framing(Self.stream).framing == .chunked)
        let old = framing(Self.stream, version: .http1_0)
        #expect(old.framing == .none && old.sendsBody && !old.keepAlive && !old.chunksStream)
    }

    @Test("Connection: close from the handler or the request ends the connection")
    func closing() {
        var response = Response.text("x")
        response.headers["Connection"] = "Close"
        #expect(!framing(response).keepAlive)
        #expect(!framing(Response.text("x"), keepAlive: false).keepAlive)
    }

    @Test("a header with CR/LF is replaced by a whole 500, without the handler's body")
    func invalidHeaderBecomes500() {
        var response = Response.text("should not be sent")
        response.headers["X-Evil"] = "a\r\nInjected: yes"
        var out: [UInt8] = []
        let decided = framing(response)
        let outcome = HTTP1Codec.writeHead(
            response, framing: decided, method: .GET, version: .http1_1, date: Array("today".utf8), serverName: nil,
            into: &out)
        guard case .replaced(_, let fallback) = outcome else {
            Issue.record("not replaced")
            return
        }
        let text = String(decoding: out, as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 500 Internal Server Error\r\n"))
        #expect(!text.contains("Injected") && !text.contains("should not be sent"))
        #expect(text.hasSuffix("</p>\n"))
        #expect(fallback.sendsBody && fallback.keepAlive)
    }

    @Test("a parse-error page comes from the HTTP layer and says Connection: close")
    func parseErrorPage() {
        let page = ProtocolErrorPage.response(for: .bad("The request target contains '#'."))
        #expect(page.status == .badRequest)
        #expect(page.headers["Connection"] == "close")
        #expect(page.text.contains("<title>400 Bad Request</title>"))
        #expect(page.text.contains("contains &#39;#&#39;."))
    }
}
