import Foundation
import Glibc
import Testing

@testable import MicroFlask

/// Message framing over a live socket (RFC 9112 sections 6-9; DESIGN section 4): what needs
/// the server's I/O. Every framing case is also fed to the codec in process, whole, byte by byte
/// and split at every offset (Tests/MicroFlaskTests/HTTP/Codec).
extension Conformance {
    @Suite struct Framing {
        @Test func contentLengthBodyIsEchoed() throws {
            try withLiveServer { server in
                let client = try RawClient(port: server.port)
                try client.send(postRequest("hello, body"))
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.text == "hello, body")
                #expect(response.header("Content-Length") == "11")
                #expect(!response.saysClose)
                #expect(response.header("Date") != nil)
            }
        }

        @Test func largeBodyIsEchoedWhole() throws {
            try withLiveServer { server in
                let client = try RawClient(port: server.port, timeout: 10)
                let body = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
                try client.send(
                    Array("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: \(body.count)\r\n\r\n".utf8))
                // Sent from another thread: the echo comes back while the upload is still going.
                let sender = Thread { [fd = client.fd] in
                    var offset = 0
                    while offset < body.count {
                        let sent = body.withUnsafeBytes {
                            Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
                        }
                        if sent <= 0 { return }
                        offset += sent
                    }
                }
                sender.start()
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.body.count == body.count)
                #expect(response.body == body)
            }
        }

        @Test("large bodies go out whole and in order, also pipelined and to a client that reads late")
        func largeResponsesPipelined() throws {
            // The keep-alive timeout runs from when the last answer is handed to the kernel; this
            // slow reader (16 KiB window, a debug build, a loaded machine) took longer than the
            // default 5 s to drain it, and the server rightly closed before the last request.
            try withLiveServer(Fixture.app { $0.config.keepAliveTimeout = 60 }) { server in
                let client = try RawClient(port: server.port, timeout: 10, receiveBuffer: 16 * 1024)
                // Made before the requests, so the reads below time only the server.
                let (big6, big8, big100) = (
                    Fixture.bigBody(kib: 6144), Fixture.bigBody(kib: 8192), Fixture.bigBody(kib: 100)
                )
                // 14 MiB of answers, more than the socket buffers hold (4 MiB by default): the
                // server must keep each large body (sent from its own storage), wait for the
                // socket, and then answer the requests pipelined behind it.
                try client.send(
                    getRequest("/big/6144") + getRequest("/n/1") + getRequest("/big/8192") + getRequest("/n/2"))
                let first = try client.readResponse()
                #expect(first.body == big6)
                #expect(try client.readResponse().text == "response 1")
                let second = try client.readResponse()
                #expect(second.body.count == 8192 * 1024)
                #expect(second.body == big8)
                #expect(try client.readResponse().text == "response 2")
                try client.send(getRequest("/big/100"))
                #expect(try client.readResponse().body == big100)
            }
        }

        @Test func chunkedBodyIsDecoded() throws {
            try withLiveServer { server in
                let client = try RawClient(port: server.port)
                try client.send(
                    "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n"
                )
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.text == "hello, world")
                #expect(!response.saysClose)
                try client.send(getRequest())
                #expect(try client.readResponse().text == "ok")
            }
        }

        @Test func expectContinueIsAnsweredBeforeTheBody() throws {
            try withLiveServer { server in
                let client = try RawClient(port: server.port)
                try client.send(
                    "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
                // The interim response must arrive while the body is still held back.
                let interim = try client.readResponse()
                #expect(interim.statusLine == "HTTP/1.1 100 Continue")
                try client.send("data")
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.text == "data")
                #expect(!response.saysClose)
            }
        }

        @Test func expectContinueWithChunkedBody() throws {
            try withLiveServer { server in
                let client = try RawClient(port: server.port)
                try client.send(
                    "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nExpect: 100-Continue\r\n\r\n"
                )
                #expect(try client.readResponse().status == 100)
                try client.send("2\r\nok\r\n0\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.text == "ok")
            }
        }

        @Test func expectContinueOnUnknownRouteIsRefusedWithoutTheBody() throws {
            try withLiveServer { server in
                let client = try RawClient(port: server.port, timeout: 2)
                try client.send(
                    "POST /nowhere HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100000\r\nExpect: 100-continue\r\n\r\n"
                )
                // Had the server waited for the body, this read would time out (2 s).
                let response = try client.readResponse()
                #expect(response.status == 404)
                #expect(response.saysClose)
                #expect(client.waitForClose(seconds: 2) == .closed)
                try expectAlive(server)
            }
        }

        @Test func expectContinueOnWrongMethodIsRefused() throws {
            try withLiveServer { server in
                let client = try RawClient(port: server.port, timeout: 2)
                try client.send(
                    "PUT / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.status == 405)
                #expect(response.header("Allow")?.contains("GET") == true)
                #expect(client.waitForClose(seconds: 2) == .closed)
                try expectAlive(server)
            }
        }

        @Test func headHasContentLengthButNoBody() throws {
            try withLiveServer { server in
                let client = try RawClient(port: server.port)
                try client.send("HEAD / HTTP/1.1\r\nHost: localhost\r\n\r\n" + getRequest("/n/7"))
                let head = try client.readResponse(forHead: true)
                #expect(head.status == 200)
                #expect(head.header("Content-Length") == "2")
                // Had a body been sent, it would be read here as the next status line.
                let next = try client.readResponse()
                #expect(next.status == 200)
                #expect(next.text == "response 7")
            }
        }

        @Test func headOnStreamedRouteSendsNoBody() throws {
            try withLiveServer { server in
                let client = try RawClient(port: server.port)
                try client.send("HEAD /stream HTTP/1.1\r\nHost: localhost\r\n\r\n" + getRequest())
                let head = try client.readResponse(forHead: true)
                #expect(head.status == 200)
                let next = try client.readResponse()
                #expect(next.statusLine == "HTTP/1.1 200 OK")
                #expect(next.text == "ok")
            }
        }

        @Test func noContentHasNoBodyNorFraming() throws {
            try withLiveServer { server in
                let client = try RawClient(port: server.port)
                try client.send(getRequest("/empty") + getRequest())
                let response = try client.readResponse()
                #expect(response.status == 204)
                #expect(response.header("Content-Length") == nil)
                #expect(response.header("Transfer-Encoding") == nil)
                #expect(try client.readResponse().text == "ok")
            }
        }

        @Test func notModifiedHasNoBody() throws {
            try withLiveServer { server in
                let client = try RawClient(port: server.port)
                try client.send(getRequest("/not-modified") + getRequest())
                let response = try client.readResponse()
                #expect(response.status == 304)
                #expect(response.header("ETag") == "\"v1\"")
                #expect(response.header("Transfer-Encoding") == nil)
                #expect(try client.readResponse().text == "ok")
            }
        }

        @Test func twoPipelinedRequestsInOneWrite() throws {
            try withLiveServer { server in
                let client = try RawClient(port: server.port)
                try client.send(getRequest("/n/1") + postRequest("two"))
                #expect(try client.readResponse().text == "response 1")
                #expect(try client.readResponse().text == "two")
            }
        }

        @Test func tenPipelinedRequestsAnsweredInOrder() throws {
            try withLiveServer { server in
                let client = try RawClient(port: server.port)
                try client.send((0..<10).map { getRequest("/n/\($0)") }.joined())
                for n in 0..<10 {
                    let response = try client.readResponse()
                    #expect(response.status == 200)
                    #expect(response.text == "response \(n)")
                }
                #expect(client.receiveAvailable(waiting: 0.1).bytes.isEmpty, "more responses than requests")
            }
        }

        @Test func pipelinedMixOfBodiesAndStreams() throws {
            try withLiveServer { server in
                let client = try RawClient(port: server.port)
                try client.send(
                    postRequest("first") + getRequest("/stream")
                        + "POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nthe\r\n0\r\n\r\n"
                        + "HEAD /n/4 HTTP/1.1\r\nHost: h\r\n\r\n" + getRequest("/n/5"))
                #expect(try client.readResponse().text == "first")
                #expect(try client.readResponse().text == "alpha\nbeta\ngamma\n")
                #expect(try client.readResponse().text == "the")
                #expect(try client.readResponse(forHead: true).header("Content-Length") == "10")
                #expect(try client.readResponse().text == "response 5")
            }
        }

        @Test func requestDrippedOneByteAtATime() throws {
            try withLiveServer { server in
                let client = try RawClient(port: server.port)
                try client.drip(getRequest("/n/42"), pauseMicroseconds: 0)
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.text == "response 42")
                try client.drip(postRequest("dripped body"), pauseMicroseconds: 0)
                #expect(try client.readResponse().text == "dripped body")
            }
        }

        @Test func keepAliveIsTheDefaultInHTTP11() throws {
            try withLiveServer { server in
                let client = try RawClient(port: server.port)
                for n in 0..<3 {
                    try client.send(getRequest("/n/\(n)"))
                    let response = try client.readResponse()
                    #expect(response.text == "response \(n)")
                    #expect(response.header("Connection") == nil)
                }
                #expect(client.receiveAvailable(waiting: 0.2).state == .open)
            }
        }

        @Test func connectionCloseIsHonoured() throws {
            try withLiveServer { server in
                let client = try RawClient(port: server.port)
                try client.send(getRequest(headers: "Connection: close\r\n"))
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.text == "ok")
                #expect(response.saysClose)
                #expect(client.waitForClose(seconds: 2) == .closed)
            }
        }

        @Test func requestsPipelinedAfterConnectionCloseAreNotAnswered() throws {
            try withLiveServer { server in
                let client = try RawClient(port: server.port)
                try client.send(getRequest("/n/1", headers: "Connection: keep-alive, close\r\n") + getRequest("/n/2"))
                let response = try client.readResponse()
                #expect(response.text == "response 1")
                #expect(response.saysClose)
                let rest = client.receiveAvailable(waiting: 1)
                #expect(rest.bytes.isEmpty)
                #expect(client.waitForClose(seconds: 2) == .closed)
            }
        }

        @Test func http10ClosesByDefault() throws {
            try withLiveServer { server in
                let client = try RawClient(port: server.port)
                try client.send("GET / HTTP/1.0\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.version == "HTTP/1.1")
                #expect(response.text == "ok")
                #expect(response.saysClose)
                #expect(client.waitForClose(seconds: 2) == .closed)
            }
        }

        @Test func http10KeepAliveWhenAsked() throws {
            try withLiveServer { server in
                let client = try RawClient(port: server.port)
                try client.send("GET /n/1 HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")
                let first = try client.readResponse()
                #expect(first.text == "response 1")
                #expect(first.header("Connection")?.lowercased() == "keep-alive")
                try client.send("GET /n/2 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                let second = try client.readResponse()
                #expect(second.text == "response 2")
                #expect(second.header("Connection")?.lowercased() == "keep-alive")
                try client.send("GET /n/3 HTTP/1.0\r\n\r\n")
                #expect(try client.readResponse().saysClose)
                #expect(client.waitForClose(seconds: 2) == .closed)
            }
        }

        @Test func streamedResponseIsChunkedInHTTP11() throws {
            try withLiveServer { server in
                let client = try RawClient(port: server.port)
                try client.send(getRequest("/stream"))
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.wasChunked)
                #expect(response.header("Content-Length") == nil)
                #expect(response.chunkCount == 3)
                #expect(response.text == "alpha\nbeta\ngamma\n")
                #expect(!response.saysClose)
                try client.send(getRequest())
                #expect(try client.readResponse().text == "ok")
            }
        }

        @Test func streamedResponseInHTTP10IsDelimitedByClose() throws {
            try withLiveServer { server in
                let client = try RawClient(port: server.port)
                try client.send("GET /stream HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(!response.wasChunked)
                #expect(response.header("Content-Length") == nil)
                #expect(response.saysClose)
                #expect(response.text == "alpha\nbeta\ngamma\n")
            }
        }

        @Test func absoluteFormTargetIsRouted() throws {
            try withLiveServer { server in
                let client = try RawClient(port: server.port)
                try client.send("GET http://localhost/n/9?x=1 HTTP/1.1\r\nHost: localhost\r\n\r\n")
                #expect(try client.readResponse().text == "response 9")
            }
        }

        @Test func requestHeadersReachTheHandler() throws {
            try withLiveServer { server in
                let client = try RawClient(port: server.port)
                try client.send(getRequest("/header/X-Thing", headers: "x-thing:   spaced value \t\r\n"))
                #expect(try client.readResponse().text == "spaced value")
            }
        }
    }
}
