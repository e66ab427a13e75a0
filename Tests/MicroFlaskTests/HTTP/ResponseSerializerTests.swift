import Testing

@testable import MicroFlask

private let date = Array("Sun, 06 Nov 1994 08:49:37 GMT".utf8)

private func serialize(
    _ response: Response, framing: ResponseSerializer.Framing, keepAlive: Bool = true, version: HTTPVersion = .http1_1,
    serverName: String? = nil
) throws -> String {
    var out: [UInt8] = []
    try ResponseSerializer.writeHead(
        response, framing: framing, keepAlive: keepAlive, version: version, date: date, serverName: serverName,
        into: &out)
    return String(decoding: out, as: UTF8.self)
}

@Suite("ResponseSerializer")
struct ResponseSerializerTests {
    @Test("writes one status line, the headers, Date and Content-Length, and one blank line")
    func oneHead() throws {
        let response = Response(status: .ok, headers: ["Content-Type": "text/plain"], body: Array("hi".utf8))
        let head = try serialize(response, framing: .length(2))
        #expect(
            head
                == "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nContent-Length: 2\r\n\r\n"
        )
    }

    @Test("framing headers set by the handler are replaced by the serializer's own")
    func framingHeadersReplaced() throws {
        let response = Response(
            status: .ok,
            headers: ["Content-Length": "999", "transfer-encoding": "gzip", "Connection": "upgrade", "X-A": "1"])
        let head = try serialize(response, framing: .length(5))
        #expect(head.components(separatedBy: "Content-Length").count == 2)
        #expect(head.contains("Content-Length: 5\r\n"))
        #expect(!head.lowercased().contains("transfer-encoding"))
        #expect(!head.contains("upgrade"))
        #expect(head.contains("X-A: 1\r\n"))
        #expect(head.hasSuffix("\r\n\r\n"))
        #expect(head.components(separatedBy: "\r\n\r\n").count == 2)
    }

    @Test("chunked framing, no framing, and the handler's own Date")
    func otherFraming() throws {
        let chunked = try serialize(Response(), framing: .chunked)
        #expect(chunked.contains("Transfer-Encoding: chunked\r\n"))
        #expect(!chunked.contains("Content-Length"))
        let none = try serialize(Response(status: .noContent), framing: .none)
        #expect(none == "HTTP/1.1 204 No Content\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\n")
        let ownDate = try serialize(Response(status: .ok, headers: ["date": "x"]), framing: .length(0))
        #expect(ownDate.components(separatedBy: "ate: ").count == 2)
        #expect(ownDate.contains("date: x\r\n"))
    }

    @Test("Connection: close when not keeping alive; keep-alive spelled out for HTTP/1.0")
    func connectionHeader() throws {
        #expect(try serialize(Response(), framing: .length(0), keepAlive: false).contains("Connection: close\r\n"))
        #expect(try !serialize(Response(), framing: .length(0), keepAlive: true).contains("Connection"))
        #expect(
            try serialize(Response(), framing: .length(0), keepAlive: true, version: .http1_0).contains(
                "Connection: keep-alive\r\n"))
        #expect(
            try serialize(Response(), framing: .length(0), keepAlive: false, version: .http1_0).contains(
                "Connection: close\r\n"))
    }

    @Test("the Server header is sent only when configured")
    func serverHeader() throws {
        #expect(
            try serialize(Response(), framing: .length(0), serverName: "MicroFlask").contains("Server: MicroFlask\r\n"))
        #expect(try !serialize(Response(), framing: .length(0)).contains("Server"))
    }

    @Test(
        "a header with CR, LF or NUL, or a bad name, throws instead of breaking the framing",
        arguments: [
            ("X-A", "a\r\nSet-Cookie: x=1"), ("X-A", "a\nb"), ("X-A", "a\rb"), ("X-A", "a\u{0}b"),
            ("Bad Name", "v"), ("", "v"), ("X:A", "v"), ("X-\r\nA", "v"),
        ])
    func invalidHeaders(name: String, value: String) {
        var response = Response()
        response.headers.add(name, value)
        #expect(throws: ResponseSerializer.InvalidHeader.self) { try serialize(response, framing: .length(0)) }
    }

    @Test("decimal lengths and chunk sizes are written correctly")
    func numbers() throws {
        for length in [0, 9, 10, 99, 100, 12_345, 1 << 40] {
            #expect(try serialize(Response(), framing: .length(length)).contains("Content-Length: \(length)\r\n"))
        }
        var out: [UInt8] = []
        ResponseSerializer.appendChunk(Array(repeating: 0x61, count: 26), to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "1a\r\n" + String(repeating: "a", count: 26) + "\r\n")
    }

    @Test("HTTPDate formats IMF-fixdate")
    func httpDate() {
        #expect(HTTPDate.format(epochSeconds: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.format(epochSeconds: 0) == "Thu, 01 Jan 1970 00:00:00 GMT")
    }
}
