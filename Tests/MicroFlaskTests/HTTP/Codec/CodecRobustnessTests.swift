import Testing

@testable import MicroFlask

/// Hostile and broken input in process: refused at once, never waited on.
@Suite("HTTP1Codec: robustness")
struct CodecRobustnessTests {
    @Test("binary garbage is 400 at its first byte, before any line end")
    func garbage() {
        var generator = SystemRandomNumberGenerator()
        var garbage = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        garbage[0] = 0x16
        #expect(codecTranscript([garbage[...]]) == [.failure(400), .closed])
        #expect(codecTranscript([garbage[0..<1]]) == [.failure(400), .closed])
    }

    @Test func printableGarbageLine() {
        expectCodecRejects("this is not http at all\r\n\r\n", status: 400)
    }

    @Test("a TLS ClientHello on the plain port is 400 at once")
    func tlsClientHello() {
        var hello: [UInt8] = [0x16, 0x03, 0x01, 0x00, 0x2F, 0x01, 0x00, 0x00, 0x2B, 0x03, 0x03]
        hello += [UInt8](repeating: 0x42, count: 32)
        hello += [0x00, 0x00, 0x04, 0x13, 0x01, 0xC0, 0x2F, 0x01, 0x00]
        #expect(!hello.contains(0x0A))
        expectCodecRejects(hello, status: 400)
    }

    @Test("after a failure every further byte is ignored")
    func closedAfterFailure() {
        var codec = HTTP1Codec(limits: HTTPLimits())
        let recorder = CodecRecorder(policy: CodecPolicy())
        let bad = Array("BAD\u{01} / HTTP/1.1\r\n\r\n".utf8)
        #expect(bad.withUnsafeBufferPointer { codec.feed($0, recorder.handle) } == .close)
        let good = Array(codecGet().utf8)
        #expect(good.withUnsafeBufferPointer { codec.feed($0, recorder.handle) } == .close)
        #expect(recorder.records == [.failure(400)])
        #expect(codec.phase == .closed)
        #expect(!codec.hasBufferedInput)
    }

    @Test("the head deadline counts from the head's first byte and restarts with the next head")
    func headDeadline() {
        var codec = HTTP1Codec(limits: HTTPLimits())
        let recorder = CodecRecorder(policy: CodecPolicy())
        let partial = Array("GET / HT".utf8)
        _ = partial.withUnsafeBufferPointer { codec.feed($0, recorder.handle) }
        #expect(codec.headDeadline(now: 1000, timeout: 10) == 1010)
        #expect(codec.headDeadline(now: 1005, timeout: 10) == 1010)
        let rest = Array("TP/1.1\r\nHost: h\r\n\r\nGET".utf8)
        _ = rest.withUnsafeBufferPointer { codec.feed($0, recorder.handle) }
        #expect(codec.phase == .head)
        #expect(codec.headDeadline(now: 2000, timeout: 10) == 2010)
    }
}
