import Testing

@testable import MicroFlask

/// Scans and parses one request head from `text`, as the server does with a complete buffer.
private func parse(_ text: String, limits: HTTPLimits = HTTPLimits()) -> Result<RequestHead, RequestParseError> {
    parse(Array(text.utf8), limits: limits)
}

private func parse(_ bytes: [UInt8], limits: HTTPLimits = HTTPLimits()) -> Result<RequestHead, RequestParseError> {
    bytes.withUnsafeBufferPointer { buffer in
        switch RequestParser.scanHead(buffer, from: 0, limits: limits) {
        case .failure(let error):
            return .failure(error)
        case .incomplete:
            return .failure(
                RequestParseError(status: Status(code: 0, reasonPhrase: "incomplete"), reason: "incomplete"))
        case .complete(let end):
            return RequestParser.parseHead(UnsafeBufferPointer(rebasing: buffer[0..<end]), limits: limits)
        }
    }
}

/// The status a malformed request is answered with, or nil when it parses.
private func failureCode(_ text: String, limits: HTTPLimits = HTTPLimits()) -> Int? {
    if case .failure(let error) = parse(text, limits: limits) { return error.status.code }
    return nil
}

private func head(_ text: String) throws -> RequestHead {
    try parse(text).get()
}

/// What a simple server loop makes of a buffer holding pipelined requests.
private struct Parsed: Equatable {
    var method: String
    var target: String
    var body: String
}

/// Splits `bytes` into requests the way the worker does: scan, parse, then read the body.
private func parsePipeline(_ bytes: [UInt8], limits: HTTPLimits = HTTPLimits()) throws -> [Parsed] {
    var results: [Parsed] = []
    try bytes.withUnsafeBufferPointer { buffer in
        var position = 0
        while position < buffer.count {
            let rest = UnsafeBufferPointer(rebasing: buffer[position...])
            guard case .complete(let end) = RequestParser.scanHead(rest, from: 0, limits: limits) else {
                Issue.record("head not complete at \(position)")
                return
            }
            let head = try RequestParser.parseHead(UnsafeBufferPointer(rebasing: rest[0..<end]), limits: limits).get()
            position += end
            var body: [UInt8] = []
            if head.isChunked {
                var decoder = ChunkedDecoder(maxBodySize: limits.maxBodySize)
                let step = try decoder.decode(buffer, from: position, into: &body).get()
                position = step.position
                #expect(step.done)
            } else {
                body = Array(buffer[position..<(position + head.contentLength)])
                position += head.contentLength
            }
            results.append(
                Parsed(method: head.method.rawValue, target: head.target, body: String(decoding: body, as: UTF8.self)))
        }
    }
    return results
}

@Suite("RequestParser: valid requests")
struct RequestParserValidTests {
    @Test("a GET head gives method, target, version and lazily parsed headers")
    func simpleGet() throws {
        let parsed = try head(
            "GET /search?q=a%20b HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\nX-Multi: 1\r\nx-multi: 2\r\n\r\n")
        #expect(parsed.method == .GET)
        #expect(parsed.target == "/search?q=a%20b")
        #expect(parsed.version == .http1_1)
        #expect(parsed.contentLength == 0)
        #expect(!parsed.isChunked)
        #expect(parsed.keepAlive)
        let headers = RequestParser.headers(from: parsed.rawHeaders)
        #expect(headers["host"] == "example.com")
        #expect(headers.values(for: "X-MULTI") == ["1", "2"])
        #expect(headers.count == 4)
    }

    @Test("header values lose surrounding spaces and tabs but keep inner ones")
    func valueTrimming() throws {
        let parsed = try head("GET / HTTP/1.1\r\nHost: h\r\nX-A: \t a  b \t\r\n\r\n")
        #expect(RequestParser.headers(from: parsed.rawHeaders)["X-A"] == "a  b")
    }

    @Test("a POST head with Content-Length declares the body length")
    func postWithLength() throws {
        let parsed = try head("POST /submit HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n")
        #expect(parsed.method == .POST)
        #expect(parsed.contentLength == 11)
    }

    @Test("a repeated, identical Content-Length (also as a list) is accepted")
    func identicalContentLengths() throws {
        #expect(
            try head("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\n").contentLength == 5)
        #expect(try head("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5, 5\r\n\r\n").contentLength == 5)
    }

    @Test("Transfer-Encoding: chunked marks the body as chunked, case-insensitively")
    func chunkedHead() throws {
        #expect(try head("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: Chunked\r\n\r\n").isChunked)
    }

    @Test("Expect: 100-continue is noticed")
    func expectContinue() throws {
        #expect(
            try head("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nExpect: 100-Continue\r\n\r\n").expectsContinue)
        #expect(try !head("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\n").expectsContinue)
    }

    @Test("an absolute-form target keeps only its path")
    func absoluteForm() throws {
        #expect(try head("GET http://example.com/a?b=1 HTTP/1.1\r\nHost: example.com\r\n\r\n").target == "/a?b=1")
        #expect(try head("GET http://example.com HTTP/1.1\r\nHost: example.com\r\n\r\n").target == "/")
    }

    @Test("a bare LF ending the request line or a header line is 400")
    func bareLF() throws {
        #expect(failureCode("GET /x HTTP/1.1\nHost: h\r\n\r\n") == 400)
        #expect(failureCode("GET /x HTTP/1.1\r\nHost: h\n\r\n") == 400)
        #expect(failureCode("GET /x HTTP/1.1\r\nHost: h\r\n\n") == 400)
        #expect(failureCode("GET /x HTTP/1.1\nHost: h\n\n") == 400)
    }

    @Test("every method token parses, standard or not; invalid tokens are 400")
    func methods() throws {
        for method in ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "QUERY", "get"]
        {
            #expect(try head("\(method) / HTTP/1.1\r\nHost: h\r\n\r\n").method.rawValue == method)
        }
        #expect(failureCode("G(ET / HTTP/1.1\r\nHost: h\r\n\r\n") == 400)
    }
}

@Suite("RequestParser: keep-alive")
struct RequestParserKeepAliveTests {
    @Test(
        "keep-alive follows the version and the Connection header",
        arguments: [
            ("HTTP/1.1", "", true),
            ("HTTP/1.1", "Connection: close\r\n", false),
            ("HTTP/1.1", "Connection: keep-alive, Close\r\n", false),
            ("HTTP/1.1", "Connection: Upgrade\r\n", true),
            ("HTTP/1.0", "", false),
            ("HTTP/1.0", "Connection: keep-alive\r\n", true),
            ("HTTP/1.0", "Connection: Keep-Alive\r\n", true),
        ])
    func keepAlive(version: String, connection: String, expected: Bool) throws {
        let parsed = try head("GET / \(version)\r\nHost: h\r\n\(connection)\r\n")
        #expect(parsed.keepAlive == expected)
    }

    @Test("HTTP/1.0 without Host is fine")
    func http10WithoutHost() throws {
        let parsed = try head("GET / HTTP/1.0\r\n\r\n")
        #expect(parsed.version == .http1_0)
    }
}

@Suite("RequestParser: strictness")
struct RequestParserStrictnessTests {
    @Test(
        "malformed heads get the right status",
        arguments: [
            (
                "CL and TE both",
                "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", 400
            ),
            (
                "TE and CL both",
                "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n", 400
            ),
            ("differing CL", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", 400),
            ("differing CL list", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5, 6\r\n\r\n", 400),
            ("negative CL", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n", 400),
            ("alphabetic CL", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: abc\r\n\r\n", 400),
            ("CL with inner space", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1 2\r\n\r\n", 400),
            ("CL with plus", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: +1\r\n\r\n", 400),
            ("empty CL", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length:\r\n\r\n", 400),
            ("overflowing CL", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999999\r\n\r\n", 400),
            ("TE gzip", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n", 400),
            ("TE chunked then gzip", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", 400),
            ("TE chunked twice", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", 400),
            ("TE in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
            ("space before colon", "GET / HTTP/1.1\r\nHost : h\r\n\r\n", 400),
            ("tab before colon", "GET / HTTP/1.1\r\nHost\t: h\r\n\r\n", 400),
            ("control char in value", "GET / HTTP/1.1\r\nHost: h\r\nX-A: a\u{01}b\r\n\r\n", 400),
            ("NUL in value", "GET / HTTP/1.1\r\nHost: h\r\nX-A: a\u{00}b\r\n\r\n", 400),
            ("DEL in value", "GET / HTTP/1.1\r\nHost: h\r\nX-A: a\u{7F}b\r\n\r\n", 400),
            ("obs-fold", "GET / HTTP/1.1\r\nHost: h\r\nX-A: a\r\n b\r\n\r\n", 400),
            ("no colon", "GET / HTTP/1.1\r\nHost: h\r\nNoColon\r\n\r\n", 400),
            ("empty field name", "GET / HTTP/1.1\r\nHost: h\r\n: v\r\n\r\n", 400),
            ("invalid token in method", "G(ET / HTTP/1.1\r\nHost: h\r\n\r\n", 400),
            ("missing Host in 1.1", "GET / HTTP/1.1\r\n\r\n", 400),
            ("two Host headers", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
            ("HTTP/2.0", "GET / HTTP/2.0\r\nHost: h\r\n\r\n", 505),
            ("HTTP/3", "GET / HTTP/3\r\nHost: h\r\n\r\n", 505),
            ("HTTP/0.9", "GET / HTTP/0.9\r\nHost: h\r\n\r\n", 400),
            ("lower-case version", "GET / http/1.1\r\nHost: h\r\n\r\n", 400),
            ("missing version", "GET /\r\nHost: h\r\n\r\n", 400),
            ("double space", "GET  / HTTP/1.1\r\nHost: h\r\n\r\n", 400),
            ("relative target", "GET index.html HTTP/1.1\r\nHost: h\r\n\r\n", 400),
            ("non-ASCII target", "GET /caf\u{E9} HTTP/1.1\r\nHost: h\r\n\r\n", 400),
        ])
    func malformed(_ label: String, request: String, status: Int) {
        #expect(failureCode(request) == status, "\(label)")
    }

    @Test("a request line over 8 KiB is 414, whether complete or still arriving")
    func longRequestLine() {
        let target = "/" + String(repeating: "a", count: 8 * 1024 + 10)
        #expect(failureCode("GET \(target) HTTP/1.1\r\nHost: h\r\n\r\n") == 414)
        let partial = Array("GET \(target)".utf8)
        let scan = partial.withUnsafeBufferPointer { RequestParser.scanHead($0, from: 0, limits: HTTPLimits()) }
        #expect(
            scan
                == .failure(
                    RequestParseError(status: .uriTooLong, reason: "The request line is longer than 8192 bytes.")))
    }

    @Test("a request line just under 8 KiB is accepted")
    func requestLineUnderLimit() throws {
        let target = "/" + String(repeating: "a", count: 8 * 1024 - 40)
        #expect(try head("GET \(target) HTTP/1.1\r\nHost: h\r\n\r\n").target == target)
    }

    @Test("a complete header section over 32 KiB is 431")
    func largeHeaderSectionComplete() {
        let big = String(repeating: "x", count: 33 * 1024)
        #expect(failureCode("GET / HTTP/1.1\r\nHost: h\r\nX-Big: \(big)\r\n\r\n") == 431)
    }

    @Test("a header section still arriving past 32 KiB is 431 before it completes")
    func largeHeaderSectionIncomplete() {
        let big = String(repeating: "x", count: 33 * 1024)
        let partial = Array("GET / HTTP/1.1\r\nHost: h\r\nX-Big: \(big)".utf8)
        let scan = partial.withUnsafeBufferPointer { RequestParser.scanHead($0, from: 0, limits: HTTPLimits()) }
        guard case .failure(let error) = scan else {
            Issue.record("expected 431, got \(scan)")
            return
        }
        #expect(error.status == .requestHeaderFieldsTooLarge)
    }

    @Test("100 header fields are accepted and 101 are 431")
    func headerCount() {
        func request(_ fields: Int) -> String {
            "GET / HTTP/1.1\r\nHost: h\r\n" + (1..<fields).map { "X-\($0): v\r\n" }.joined() + "\r\n"
        }
        #expect(failureCode(request(100)) == nil)
        #expect(failureCode(request(101)) == 431)
    }

    @Test("a Content-Length over the body limit is 413")
    func bodyTooLarge() {
        var limits = HTTPLimits()
        limits.maxBodySize = 1000
        #expect(failureCode("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1000\r\n\r\n", limits: limits) == nil)
        #expect(failureCode("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1001\r\n\r\n", limits: limits) == 413)
        #expect(failureCode("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: \(16 * 1024 * 1024 + 1)\r\n\r\n") == 413)
    }
}

@Suite("RequestParser: incremental scanning and pipelining")
struct RequestParserScanTests {
    private static let request = "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\n"

    @Test("a head fed one byte at a time completes exactly at its last byte", arguments: ["\r\n"])
    func byteAtATime(lineEnding: String) throws {
        let text = "GET /slow HTTP/1.1\(lineEnding)Host: h\(lineEnding)X-A: b\(lineEnding)\(lineEnding)"
        let bytes = Array(text.utf8)
        var buffer: [UInt8] = []
        var resume = 0
        var completedAt: Int?
        for byte in bytes {
            buffer.append(byte)
            let scan = buffer.withUnsafeBufferPointer { RequestParser.scanHead($0, from: resume, limits: HTTPLimits()) }
            switch scan {
            case .incomplete(let resumeAt):
                #expect(resumeAt >= resume && resumeAt <= buffer.count)
                resume = resumeAt
            case .complete(let end):
                completedAt = end
                #expect(buffer.count == bytes.count, "completed early at \(buffer.count)")
            case .failure(let error):
                Issue.record("failed: \(error)")
            }
            if completedAt != nil { break }
        }
        #expect(completedAt == bytes.count)
        let parsed = try parse(buffer).get()
        #expect(parsed.target == "/slow")
    }

    @Test("scanning resumes correctly when the blank line is split across reads")
    func splitTerminator() {
        let bytes = Array("GET / HTTP/1.1\r\nHost: h\r\n\r\n".utf8)
        for split in 1..<bytes.count {
            let first = Array(bytes[..<split])
            let resume: Int
            switch first.withUnsafeBufferPointer({ RequestParser.scanHead($0, from: 0, limits: HTTPLimits()) }) {
            case .incomplete(let at): resume = at
            default:
                Issue.record("complete too early at split \(split)")
                continue
            }
            let scan = bytes.withUnsafeBufferPointer { RequestParser.scanHead($0, from: resume, limits: HTTPLimits()) }
            #expect(scan == .complete(end: bytes.count), "split at \(split)")
        }
    }

    @Test("several pipelined requests in one buffer are parsed in order with their bodies")
    func pipelined() throws {
        let text =
            "GET /one HTTP/1.1\r\nHost: h\r\n\r\n"
            + "POST /two HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"
            + "POST /three HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nT: 1\r\n\r\n"
            + "DELETE /four HTTP/1.1\r\nHost: h\r\n\r\n"
        let results = try parsePipeline(Array(text.utf8))
        #expect(
            results == [
                Parsed(method: "GET", target: "/one", body: ""),
                Parsed(method: "POST", target: "/two", body: "hello"),
                Parsed(method: "POST", target: "/three", body: "abc"),
                Parsed(method: "DELETE", target: "/four", body: ""),
            ])
    }

    @Test("scanHead stops at the first head's end even when more bytes follow")
    func scanStopsAtFirstHead() {
        let first = "GET /a HTTP/1.1\r\nHost: h\r\n\r\n"
        let bytes = Array((first + "GET /b HTTP/1.1\r\n").utf8)
        let scan = bytes.withUnsafeBufferPointer { RequestParser.scanHead($0, from: 0, limits: HTTPLimits()) }
        #expect(scan == .complete(end: first.utf8.count))
    }

    @Test("the token test accepts exactly RFC 9110's tchar: letters, digits and its fifteen symbols")
    func tokenBytes() {
        let symbols = Set(RequestParser.tokenSymbols.utf8)
        #expect(symbols.count == 15)
        for value in 0...255 {
            let byte = UInt8(value)
            let letterOrDigit =
                (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
            #expect(RequestParser.isTokenByte(byte) == (letterOrDigit || symbols.contains(byte)), "byte \(value)")
        }
    }
}
