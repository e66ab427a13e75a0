import Testing

@testable import MicroFlask

/// Decodes `text` in one call; returns the body and the index reached.
private func decode(_ text: String, maxBodySize: Int = 1 << 20) -> (Result<Int, RequestParseError>, String, Bool) {
    var decoder = ChunkedDecoder(maxBodySize: maxBodySize)
    var body: [UInt8] = []
    let result = Array(text.utf8).withUnsafeBufferPointer { decoder.decode($0, from: 0, into: &body) }
    let done = (try? result.get().done) ?? false
    return (result.map(\.position), String(decoding: body, as: UTF8.self), done)
}

private func failureCode(_ text: String, maxBodySize: Int = 1 << 20) -> Int? {
    if case .failure(let error) = decode(text, maxBodySize: maxBodySize).0 { return error.status.code }
    return nil
}

@Suite("ChunkedDecoder")
struct ChunkedDecoderTests {
    @Test("chunks are joined; extensions are skipped and trailers dropped")
    func extensionsAndTrailers() throws {
        let text = "5;name=value\r\nhello\r\n6;a;b=\"c\"\r\n world\r\n0;last\r\nExpires: never\r\nX-T: 1\r\n\r\n"
        let (result, body, done) = decode(text)
        #expect(try result.get() == text.utf8.count)
        #expect(body == "hello world")
        #expect(done)
    }

    @Test("hex sizes are case-insensitive")
    func hexSizes() throws {
        let data = String(repeating: "z", count: 26)
        let (result, body, done) = decode("1A\r\n\(data)\r\n0\r\n\r\n")
        #expect(try result.get() > 0)
        #expect(body == data)
        #expect(done)
        #expect(decode("1a\r\n\(data)\r\n0\r\n\r\n").1 == data)
    }

    @Test("decoding stops after the final CRLF, leaving pipelined bytes alone")
    func stopsAtEnd() throws {
        let chunked = "3\r\nabc\r\n0\r\n\r\n"
        let (result, body, done) = decode(chunked + "GET / HTTP/1.1\r\n")
        #expect(try result.get() == chunked.utf8.count)
        #expect(body == "abc")
        #expect(done)
    }

    @Test("a body fed one byte at a time decodes the same")
    func byteAtATime() throws {
        let bytes = Array("4;x\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nA: b\r\n\r\n".utf8)
        var decoder = ChunkedDecoder(maxBodySize: 1 << 20)
        var body: [UInt8] = []
        var done = false
        for (index, byte) in bytes.enumerated() {
            #expect(!done, "done early at \(index)")
            let step = try [byte].withUnsafeBufferPointer { try decoder.decode($0, from: 0, into: &body).get() }
            #expect(step.position == 1)
            done = step.done
        }
        #expect(done)
        #expect(String(decoding: body, as: UTF8.self) == "Wikipedia in\r\n\r\nchunks.")
        #expect(decoder.total == 23)
    }

    @Test("an incomplete body is not done and keeps what it has")
    func incomplete() throws {
        let (result, body, done) = decode("5\r\nhel")
        #expect(try result.get() == 6)
        #expect(body == "hel")
        #expect(!done)
    }

    @Test(
        "malformed chunked bodies get the right status",
        arguments: [
            ("bad hex", "zz\r\nhello\r\n0\r\n\r\n", 400),
            ("empty size", "\r\nhello\r\n0\r\n\r\n", 400),
            ("negative size", "-5\r\nhello\r\n0\r\n\r\n", 400),
            ("space after size", "5 \r\nhello\r\n0\r\n\r\n", 400),
            ("bare LF after size", "5\nhello\r\n0\r\n\r\n", 400),
            ("data longer than size", "3\r\nhello\r\n0\r\n\r\n", 400),
            ("data without CRLF", "5\r\nhelloXX0\r\n\r\n", 400),
            ("control char in extension", "5;a\u{01}\r\nhello\r\n0\r\n\r\n", 400),
            ("control char in trailer", "0\r\nX: a\u{01}\r\n\r\n", 400),
            ("bare LF ending trailers", "0\r\n\n", 400),
            ("size over 15 hex digits", "1000000000000000\r\n", 413),
        ])
    func malformed(_ label: String, text: String, status: Int) {
        #expect(failureCode(text) == status, "\(label)")
    }

    @Test("the body limit is checked before the data arrives")
    func bodyLimit() {
        #expect(failureCode("a\r\n", maxBodySize: 9) == 413)
        #expect(failureCode("5\r\nhello\r\n5\r\n", maxBodySize: 9) == 413)
        #expect(failureCode("5\r\nhello\r\n4\r\nabcd\r\n0\r\n\r\n", maxBodySize: 9) == nil)
    }

    @Test("a trailer section over its limit is 431")
    func trailerLimit() {
        var decoder = ChunkedDecoder(maxBodySize: 100, maxTrailerSize: 16)
        var body: [UInt8] = []
        let text = "0\r\nX-Long: " + String(repeating: "a", count: 32) + "\r\n\r\n"
        let result = Array(text.utf8).withUnsafeBufferPointer { decoder.decode($0, from: 0, into: &body) }
        guard case .failure(let error) = result else {
            Issue.record("expected 431")
            return
        }
        #expect(error.status == .requestHeaderFieldsTooLarge)
    }
}

extension ChunkedDecoder {
    /// Decodes all of `bytes` from `start`, appending data to `body` (a test helper: the server
    /// gathers bodies only in `RequestBodyAccumulator`); gives the index reached and whether the
    /// body's end was.
    mutating func decode(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, into body: inout [UInt8]) -> Result<
        (position: Int, done: Bool), RequestParseError
    > {
        var position = start
        while true {
            switch next(bytes, at: &position) {
            case .failure(let error): return .failure(error)
            case .success(.data(let range)): body.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
            case .success(.end): return .success((position, true))
            case .success(.needMore): return .success((position, false))
            }
        }
    }
}
