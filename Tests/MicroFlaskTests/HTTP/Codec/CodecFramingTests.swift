import Testing

@testable import MicroFlask

/// Message framing in process (RFC 9112 sections 6-9): each case of the live framing suite,
/// fed whole, one byte at a time and split at every offset, must give the same requests.
@Suite("HTTP1Codec: framing")
struct CodecFramingTests {
    private static let host = "Host: localhost"

    @Test("a Content-Length body arrives whole, however the bytes are split")
    func contentLengthBody() {
        let records = expectSameEveryWay(codecPost("hello, body"))
        #expect(records.count == 2)
        #expect(records.first?.text == "hello, body")
        #expect(records.last == .waiting(.idle))
    }

    @Test("a body of 17 bytes sent in pieces, and a head split mid-header, are assembled")
    func bodyInPieces() {
        let request = "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 17\r\n\r\n"
        let pieces = [request, "first", "-sec", "ond-", "end!"].map { Array($0.utf8)[...] }
        let records = codecTranscript(pieces)
        #expect(records.first?.text == "first-second-end!")
        #expect(expectSameEveryWay(request + "first-second-end!").first?.text == "first-second-end!")
    }

    @Test("a large body is kept whole, in order")
    func largeBody() {
        let body = (0..<(70 * 1024)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let bytes = Array("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
        let records = expectSameEveryWay(bytes)
        #expect(records.first?.body == body)
    }

    @Test("a zero Content-Length POST is complete at its head, and the next request follows")
    func zeroContentLength() {
        let records = expectSameEveryWay(codecPost("") + codecGet())
        #expect(records.count == 3)
        #expect(records[0].body.isEmpty)
        guard case .request(let method, let target, _, _, _, _) = records[1] else {
            Issue.record("\(records)")
            return
        }
        #expect(method == "GET" && target == "/")
    }

    @Test("identical duplicate Content-Length values are accepted")
    func identicalDuplicateContentLength() {
        let records = expectSameEveryWay(
            "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\nContent-Length: 3, 3\r\n\r\nabc")
        #expect(records.first?.text == "abc")
    }

    @Test("a chunked body is decoded and the connection stays usable")
    func chunkedBody() {
        let records = expectSameEveryWay(
            "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n"
                + codecGet())
        #expect(records.count == 3)
        #expect(records[0].text == "hello, world")
        #expect(records.last == .waiting(.idle))
    }

    @Test("chunk extensions and trailers are consumed; the pipelined request after them is answered")
    func chunkedExtensionsAndTrailers() {
        let records = expectSameEveryWay(
            "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4;name=value;flag\r\nwiki\r\n5 ; quoted=\"a b\"\r\npedia\r\n0;last\r\n"
                + "X-Checksum: abc\r\nX-Other: 1\r\n\r\n" + codecGet("/n/1"))
        #expect(records.count == 3)
        #expect(records[0].text == "wikipedia")
        guard case .request(_, let target, _, _, _, _) = records[1] else {
            Issue.record("\(records)")
            return
        }
        #expect(target == "/n/1")
    }

    @Test("chunk extensions in every grammar form are accepted (RFC 9112 section 7.1.1)")
    func chunkExtensionForms() {
        for ext in [";a", ";a=b", " ;a", "\t; a = b", ";a=\"q\\\"uoted;\"", ";a;b=1;c=\"\"", ";a=\"\\\\\"  "] {
            let records = expectSameEveryWay(
                "POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\(ext)\r\nabc\r\n0\(ext)\r\n\r\n")
            #expect(records.first?.text == "abc", "extension \(ext.debugDescription)")
        }
    }

    @Test("chunk sizes in upper-case hex with leading zeros")
    func chunkSizesUpperCaseHex() {
        let data = String(repeating: "x", count: 26)
        let records = expectSameEveryWay(
            "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n001A\r\n\(data)\r\n000\r\n\r\n"
        )
        #expect(records.first?.text == data)
    }

    @Test("a chunked body with extension and trailer, split anywhere")
    func chunkedDripped() {
        let records = expectSameEveryWay(
            "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nT: 1\r\n\r\n"
        )
        #expect(records.first?.text == "abcde")
    }

    @Test("Expect: 100-continue is reported after the head, before the body")
    func expectContinue() {
        let head = "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n"
        // Before the body arrives the codec has asked for it and waits.
        #expect(codecTranscript([Array(head.utf8)[...]]) == [.continueExpected("/echo"), .waiting(.body)])
        let records = expectSameEveryWay(head + "data")
        #expect(records.count == 3)
        #expect(records[0] == .continueExpected("/echo"))
        #expect(records[1].text == "data")
    }

    @Test("Expect: 100-continue with a chunked body")
    func expectContinueChunked() {
        let records = expectSameEveryWay(
            "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nExpect: 100-Continue\r\n\r\n2\r\nok\r\n0\r\n\r\n"
        )
        #expect(records.first == .continueExpected("/echo"))
        #expect(records[1].text == "ok")
    }

    @Test("Expect: 100-continue without a body is not reported")
    func expectContinueWithoutBody() {
        let records = expectSameEveryWay(codecGet(headers: "Expect: 100-continue\r\n"))
        #expect(records.count == 2)
        guard case .request = records[0] else {
            Issue.record("\(records)")
            return
        }
    }

    @Test("a refused 100-continue reads no body: the rest is dropped and the codec is closed")
    func expectContinueRefused() {
        var policy = CodecPolicy()
        policy.refusesContinue = true
        let records = expectSameEveryWay(
            "POST /nowhere HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\nhello"
                + codecGet(),
            policy: policy)
        #expect(records == [.continueExpected("/nowhere"), .closed])
    }

    @Test("HEAD parses like GET")
    func headRequest() {
        let records = expectSameEveryWay("HEAD / HTTP/1.1\r\nHost: localhost\r\n\r\n" + codecGet("/n/7"))
        guard case .request(let method, _, _, _, _, _) = records[0] else {
            Issue.record("\(records)")
            return
        }
        #expect(method == "HEAD")
        #expect(records.count == 3)
    }

    @Test("ten pipelined requests come out in order")
    func tenPipelined() {
        let records = expectSameEveryWay((0..<10).map { codecGet("/n/\($0)") }.joined())
        #expect(records.count == 11)
        for n in 0..<10 {
            guard case .request(_, let target, _, _, _, _) = records[n] else {
                Issue.record("\(records)")
                return
            }
            #expect(target == "/n/\(n)")
        }
    }

    @Test("a pipelined mix of bodies, chunked bodies and HEAD")
    func pipelinedMix() {
        let records = expectSameEveryWay(
            codecPost("first") + codecGet("/stream")
                + "POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nthe\r\n0\r\n\r\n"
                + "HEAD /n/4 HTTP/1.1\r\nHost: h\r\n\r\n" + codecGet("/n/5"))
        #expect(records.count == 6)
        #expect(records[0].text == "first")
        #expect(records[2].text == "the")
        guard case .request(_, let last, _, _, _, _) = records[4] else {
            Issue.record("\(records)")
            return
        }
        #expect(last == "/n/5")
    }

    @Test("keep-alive is the default in HTTP/1.1")
    func keepAliveDefault() {
        let records = expectSameEveryWay(codecGet("/n/1"))
        guard case .request(_, _, let minor, let keepAlive, _, _) = records[0] else {
            Issue.record("\(records)")
            return
        }
        #expect(minor == 1 && keepAlive)
    }

    @Test("Connection: close is honoured and requests pipelined after it are not read")
    func connectionClose() {
        let records = expectSameEveryWay(
            codecGet("/n/1", headers: "Connection: keep-alive, close\r\n") + codecGet("/n/2"))
        #expect(records.count == 2)
        guard case .request(_, let target, _, let keepAlive, _, _) = records[0] else {
            Issue.record("\(records)")
            return
        }
        #expect(target == "/n/1" && !keepAlive)
        #expect(records[1] == .closed)
    }

    @Test("HTTP/1.0 closes by default and keeps alive when asked")
    func http10() {
        let closing = expectSameEveryWay("GET / HTTP/1.0\r\n\r\n")
        guard case .request(_, _, let minor, let keepAlive, _, _) = closing[0] else {
            Issue.record("\(closing)")
            return
        }
        #expect(minor == 0 && !keepAlive)
        #expect(closing[1] == .closed)
        let kept = expectSameEveryWay(
            "GET /n/1 HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\nGET /n/2 HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /n/3 HTTP/1.0\r\n\r\n"
        )
        #expect(kept.count == 4)
        #expect(kept[3] == .closed)
    }

    @Test("empty lines before the request line are ignored")
    func emptyLinesFirst() {
        let records = expectSameEveryWay("\r\n\r\n" + codecGet("/n/3"))
        guard case .request(_, let target, _, _, _, _) = records[0] else {
            Issue.record("\(records)")
            return
        }
        #expect(target == "/n/3")
    }

    @Test("an absolute-form target is routed on its path")
    func absoluteForm() {
        let records = expectSameEveryWay("GET http://localhost/n/9?x=1 HTTP/1.1\r\nHost: localhost\r\n\r\n")
        guard case .request(_, let target, _, _, _, _) = records[0] else {
            Issue.record("\(records)")
            return
        }
        #expect(target == "/n/9?x=1")
    }

    @Test("header values reach the request trimmed of surrounding whitespace")
    func headerValuesTrimmed() {
        let records = expectSameEveryWay(codecGet("/h", headers: "x-thing:   spaced value \t\r\n"))
        guard case .request(_, _, _, _, let headers, _) = records[0] else {
            Issue.record("\(records)")
            return
        }
        #expect(headers.contains("x-thing: spaced value"))
    }

    @Test("a partial head or body leaves the codec waiting in the right phase")
    func waitingPhases() {
        #expect(codecTranscript([Array("GET / HTT".utf8)[...]]) == [.waiting(.head)])
        #expect(codecTranscript([Array(codecPost("0123456789").dropLast(5).utf8)[...]]) == [.waiting(.body)])
        #expect(
            codecTranscript([
                Array("POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab".utf8)[...]
            ])
                == [.waiting(.body)])
        #expect(codecTranscript([Array("\r\n".utf8)[...]]) == [.waiting(.idle)])
    }
}
