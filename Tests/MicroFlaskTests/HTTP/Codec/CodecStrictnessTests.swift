import Testing

@testable import MicroFlask

/// Requests that smuggling hides in, and size limits, in process: each is refused with its
/// status and the codec closes, whether the bytes come whole, one at a time or split anywhere.
@Suite("HTTP1Codec: strictness")
struct CodecStrictnessTests {
    private static let head = "POST /echo HTTP/1.1\r\nHost: localhost\r\n"
    private static let chunked = head + "Transfer-Encoding: chunked\r\n\r\n"

    private static func small() -> HTTPLimits {
        var limits = HTTPLimits()
        limits.maxBodySize = 1024
        return limits
    }

    @Test func contentLengthAndTransferEncodingTogether() {
        expectCodecRejects(
            Self.head + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", status: 400)
        expectCodecRejects(Self.head + "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n", status: 400)
    }

    @Test("an empty Transfer-Encoding next to Content-Length is 400, not ignored")
    func emptyTransferEncoding() {
        expectCodecRejects(Self.head + "Content-Length: 5\r\nTransfer-Encoding:\r\n\r\nhello", status: 400)
        expectCodecRejects(Self.head + "Transfer-Encoding: \r\nContent-Length: 5\r\n\r\nhello", status: 400)
        expectCodecRejects(Self.head + "Transfer-Encoding: , \r\n\r\n", status: 400)
    }

    @Test func differingContentLengths() {
        expectCodecRejects(Self.head + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", status: 400)
        expectCodecRejects(Self.head + "Content-Length: 5, 6\r\n\r\nhello!", status: 400)
    }

    @Test(arguments: ["abc", "-1", "+5", "5 5", "0x10", "1.0", "", "99999999999999999999999"])
    func malformedContentLength(_ value: String) {
        expectCodecRejects(Self.head + "Content-Length: \(value)\r\n\r\nhello", status: 400)
    }

    @Test(arguments: ["gzip", "chunked, gzip", "chunked, identity", "chunkedx", "chunked, chunked"])
    func finalTransferCodingNotChunkedOrTwice(_ value: String) {
        expectCodecRejects(Self.head + "Transfer-Encoding: \(value)\r\n\r\n0\r\n\r\n", status: 400)
    }

    @Test func unsupportedTransferCodingBeforeChunked() {
        expectCodecRejects(Self.head + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", status: 501)
    }

    @Test func transferEncodingInHTTP10() {
        expectCodecRejects("POST /echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", status: 400)
    }

    @Test(arguments: ["zz", "-1", "0x5", " 5", ";ext", "5 ", "5 x"])
    func badChunkSize(_ size: String) {
        expectCodecRejects(Self.chunked + "\(size)\r\nhello\r\n0\r\n\r\n", status: 400)
    }

    @Test func chunkDataLongerThanDeclared() {
        expectCodecRejects(Self.chunked + "3\r\nhello\r\n0\r\n\r\n", status: 400)
    }

    @Test func chunkLineWithBareLF() {
        expectCodecRejects(Self.chunked + "5\nhello\r\n0\r\n\r\n", status: 400)
        expectCodecRejects(Self.chunked + "5\r\nhello\n0\r\n\r\n", status: 400)
    }

    @Test(
        "chunk extensions outside their grammar are 400",
        arguments: [
            ";", ";=x", "; =x", ";a b", ";a=", ";a=b c", ";a=\"open", ";a=\"\u{01}\"", ";a=b\u{7F}", ";a,b",
            ";a=\"x\"y",
        ])
    func badChunkExtension(_ ext: String) {
        expectCodecRejects(Self.chunked + "5\(ext)\r\nhello\r\n0\r\n\r\n", status: 400)
    }

    @Test("a chunk line over 4 KiB is 400; one of exactly 4 KiB is accepted")
    func chunkLineBound() {
        let atLimit = ";a=" + String(repeating: "v", count: 4096 - 4)  // with the size digit: 4096 bytes
        let records = expectSameEveryWay(Self.chunked + "5\(atLimit)\r\nhello\r\n0\r\n\r\n")
        #expect(records.first?.text == "hello")
        expectCodecRejects(Self.chunked + "5\(atLimit)v\r\nhello\r\n0\r\n\r\n", status: 400)
        // A 10 MB extension is refused after 4 KiB, before the rest arrives.
        let endless = Array((Self.chunked + "5;a=").utf8) + [UInt8](repeating: 0x76, count: 5000)
        #expect(codecTranscript([endless[...]]) == [.failure(400), .closed])
    }

    @Test(
        "trailer lines are validated like header fields",
        arguments: ["X Bad: 1", "NoColon", ": empty", "X-A: \u{01}", "X(A): 1", " folded", "\tfolded", "X-A : 1"])
    func badTrailer(_ line: String) {
        expectCodecRejects(Self.chunked + "5\r\nhello\r\n0\r\nX-Fine: 1\r\n\(line)\r\n\r\n", status: 400)
    }

    @Test func trailerWithBareLF() {
        expectCodecRejects(Self.chunked + "0\r\nX-A: 1\n\r\n", status: 400)
    }

    @Test func whitespaceBeforeTheColon() {
        expectCodecRejects("GET / HTTP/1.1\r\nHost : localhost\r\n\r\n", status: 400)
        expectCodecRejects(Self.head + "Content-Length\t: 5\r\n\r\nhello", status: 400)
    }

    @Test(arguments: [0x00, 0x01, 0x0B, 0x0D, 0x1F, 0x7F] as [UInt8])
    func controlCharacterInHeaderValue(_ byte: UInt8) {
        var request = Array("GET / HTTP/1.1\r\nHost: localhost\r\nX-Test: a".utf8)
        request.append(byte)
        request += Array("b\r\n\r\n".utf8)
        expectCodecRejects(request, status: 400)
    }

    @Test func obsFold() {
        expectCodecRejects("GET / HTTP/1.1\r\nHost: localhost\r\nX-Folded: one\r\n  two\r\n\r\n", status: 400)
        expectCodecRejects("GET / HTTP/1.1\r\nHost: localhost\r\nX-Folded: one\r\n\ttwo\r\n\r\n", status: 400)
    }

    @Test("a bare LF ending the request line or a header line is 400")
    func bareLF() {
        expectCodecRejects("GET / HTTP/1.1\nHost: localhost\r\n\r\n", status: 400)
        expectCodecRejects("GET / HTTP/1.1\r\nHost: localhost\n\r\n", status: 400)
        expectCodecRejects("GET / HTTP/1.1\r\nHost: localhost\r\n\n", status: 400)
        expectCodecRejects("GET / HTTP/1.1\nHost: localhost\n\n", status: 400)
        expectCodecRejects(codecGet("/n/1") + "GET / HTTP/1.1\nHost: localhost\n\n", status: 400)
    }

    @Test(arguments: ["GE(T", "G\"ET", "GET/", "G,ET"])
    func invalidTokenInMethod(_ method: String) {
        expectCodecRejects("\(method) / HTTP/1.1\r\nHost: localhost\r\n\r\n", status: 400)
    }

    @Test(
        "any valid method token is a request, never a 501",
        arguments: ["FOO", "PROPFIND", "QUERY", "PURGE", "REPORT", "get", "BREW"])
    func extensionMethods(_ method: String) {
        let records = expectSameEveryWay("\(method) / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        guard case .request(let parsed, _, _, _, _, _) = records.first else {
            Issue.record("\(records)")
            return
        }
        #expect(parsed == method)
    }

    @Test(arguments: ["X@Y", "X(Y)", "X\"Y", "X/Y", "[X]", "X{Y"])
    func invalidTokenInFieldName(_ name: String) {
        expectCodecRejects("GET / HTTP/1.1\r\nHost: localhost\r\n\(name): 1\r\n\r\n", status: 400)
    }

    @Test("header fields whose name has '_' are dropped from the request's headers")
    func underscoreNamesDropped() {
        let records = expectSameEveryWay(codecGet(headers: "X_User: admin\r\nX-User: ada\r\nA_B_C: 1\r\n"))
        guard case .request(_, _, _, _, let headers, _) = records.first else {
            Issue.record("\(records)")
            return
        }
        #expect(headers == ["Host: localhost", "X-User: ada"])
    }

    @Test func headerLineWithoutColon() {
        expectCodecRejects("GET / HTTP/1.1\r\nHost: localhost\r\nNoColonHere\r\n\r\n", status: 400)
    }

    @Test func hostRules() {
        expectCodecRejects("GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", status: 400)
        expectCodecRejects("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", status: 400)
    }

    @Test(arguments: ["/a b", "/\u{01}", "a/relative", "/caf\u{E9}", "/a#frag", "/#", "http://x/a#b", "http:///a"])
    func badRequestTarget(_ target: String) {
        expectCodecRejects("GET \(target) HTTP/1.1\r\nHost: localhost\r\n\r\n", status: 400)
    }

    @Test("an absolute-form target routes on its real path, never on a '/' in the query")
    func absoluteFormPath() {
        let cases = [
            ("http://x?/users/7", "/?/users/7"), ("http://x", "/"), ("HTTP://x/a/b?c=/d", "/a/b?c=/d"),
            ("https://x:8080?q", "/?q"),
        ]
        for (target, expected) in cases {
            let records = expectSameEveryWay("GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n")
            guard case .request(_, let routed, _, _, _, _) = records.first else {
                Issue.record("\(target): \(records)")
                continue
            }
            #expect(routed == expected, "\(target)")
        }
    }

    @Test(arguments: ["HTTP/1", "HTTX/1.1", "HTTP/1.1x", "http/1.1", "HTTP/0.9"])
    func malformedVersion(_ version: String) {
        expectCodecRejects("GET / \(version)\r\nHost: localhost\r\n\r\n", status: 400)
    }

    @Test(arguments: ["HTTP/2.0", "HTTP/2", "HTTP/3.0"])
    func unsupportedMajorVersion(_ version: String) {
        expectCodecRejects("GET / \(version)\r\nHost: localhost\r\n\r\n", status: 505)
    }

    @Test func requestLineLimits() {
        expectCodecRejects(codecGet("/" + String(repeating: "a", count: 8 * 1024 + 10)), status: 414)
        // No line end yet: the codec does not wait for one.
        #expect(
            codecTranscript([Array(("GET /" + String(repeating: "b", count: 9 * 1024)).utf8)[...]]) == [
                .failure(414), .closed,
            ])
        let line = "GET /n/1?" + String(repeating: "q", count: 8 * 1024 - 18 + 1) + " HTTP/1.1"
        #expect(line.utf8.count == 8 * 1024 + 1)
        expectCodecRejects(line + "\r\nHost: localhost\r\n\r\n", status: 414)
    }

    @Test func requestLineOfExactly8KiBIsAccepted() {
        let prefix = "GET /n/1?"
        let suffix = " HTTP/1.1"
        let query = String(repeating: "q", count: 8 * 1024 - prefix.count - suffix.count)
        let records = expectSameEveryWay(prefix + query + suffix + "\r\nHost: localhost\r\n\r\n")
        guard case .request = records.first else {
            Issue.record("\(records)")
            return
        }
    }

    @Test func headerSectionLimits() {
        let big = (0..<40).map { "X-Filler-\($0): \(String(repeating: "v", count: 1000))\r\n" }.joined()
        expectCodecRejects(codecGet(headers: big), status: 431)
        #expect(
            codecTranscript([
                Array(
                    ("GET / HTTP/1.1\r\nHost: localhost\r\nX-Long: " + String(repeating: "v", count: 48 * 1024)).utf8)[
                        ...]
            ]) == [.failure(431), .closed])
        expectCodecRejects(codecGet(headers: (0..<101).map { "X-F\($0): \($0)\r\n" }.joined()), status: 431)
        let records = expectSameEveryWay(codecGet(headers: (0..<99).map { "X-F\($0): \($0)\r\n" }.joined()))
        guard case .request = records.first else {
            Issue.record("\(records)")
            return
        }
    }

    @Test func bodyLimits() {
        expectCodecRejects(codecPost(String(repeating: "z", count: 2000)), status: 413, limits: Self.small())
        let atLimit = expectSameEveryWay(codecPost(String(repeating: "k", count: 1024)), limits: Self.small())
        #expect(atLimit.first?.body.count == 1024)
        let chunk = String(repeating: "c", count: 600)
        expectCodecRejects(
            Self.chunked + "258\r\n\(chunk)\r\n258\r\n\(chunk)\r\n0\r\n\r\n", status: 413, limits: Self.small())
        // 413 at the head, before any 100 Continue.
        expectCodecRejects(
            Self.head + "Content-Length: 5000\r\nExpect: 100-continue\r\n\r\n", status: 413, limits: Self.small())
    }

    @Test("nothing is reserved from a declared length: storage follows the bytes received")
    func noReservationFromDeclaredLength() {
        let declared = Array((Self.head + "Content-Length: 16000000\r\n\r\n0123456789").utf8)
        let recorder = codecRun([declared[...]])
        #expect(recorder.records == [.waiting(.body)])
        // The accumulator's first step is 1 KiB, whatever the declared length.
        #expect(recorder.largestBodyCapacity <= 1024, "reserved \(recorder.largestBodyCapacity) bytes")
        let chunked = Array((Self.chunked + "F00000\r\n0123456789").utf8)
        let chunkedRecorder = codecRun([chunked[...]])
        #expect(chunkedRecorder.records == [.waiting(.body)])
        #expect(chunkedRecorder.largestBodyCapacity <= 1024, "reserved \(chunkedRecorder.largestBodyCapacity) bytes")
    }
}
