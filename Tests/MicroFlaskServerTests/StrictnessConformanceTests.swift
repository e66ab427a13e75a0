import Foundation
import Glibc
import Testing

@testable import MicroFlask

/// Requests that smuggling hides in, and size limits: each gets a complete error response with
/// `Connection: close`, the socket is closed after it, and the server answers the next client.
extension Conformance {
    @Suite struct Strictness {
        private static let head = "POST /echo HTTP/1.1\r\nHost: localhost\r\n"

        @Test func contentLengthAndTransferEncodingTogether() throws {
            try expectRejected(
                Strictness.head + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
                status: 400)
        }

        @Test func transferEncodingBeforeContentLength() throws {
            try expectRejected(
                Strictness.head + "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n", status: 400)
        }

        @Test func differingContentLengthHeaders() throws {
            try expectRejected(Strictness.head + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", status: 400)
        }

        @Test func differingContentLengthList() throws {
            try expectRejected(Strictness.head + "Content-Length: 5, 6\r\n\r\nhello!", status: 400)
        }

        @Test(arguments: ["abc", "-1", "+5", "5 5", "0x10", "1.0", "", "99999999999999999999999"])
        func malformedContentLength(_ value: String) throws {
            try expectRejected(Strictness.head + "Content-Length: \(value)\r\n\r\nhello", status: 400)
        }

        @Test(arguments: ["gzip", "chunked, gzip", "chunked, identity", "chunkedx"])
        func finalTransferCodingNotChunked(_ value: String) throws {
            try expectRejected(Strictness.head + "Transfer-Encoding: \(value)\r\n\r\n0\r\n\r\n", status: 400)
        }

        @Test func chunkedAppliedTwice() throws {
            try expectRejected(Strictness.head + "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n", status: 400)
        }

        @Test func unsupportedTransferCodingBeforeChunked() throws {
            try expectRejected(Strictness.head + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", status: 501)
        }

        @Test func transferEncodingInHTTP10() throws {
            try expectRejected("POST /echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", status: 400)
        }

        @Test(arguments: ["zz", "-1", "0x5", " 5", ";ext", "5 ", "5 x"])
        func badChunkSize(_ size: String) throws {
            try expectRejected(
                Strictness.head + "Transfer-Encoding: chunked\r\n\r\n\(size)\r\nhello\r\n0\r\n\r\n", status: 400)
        }

        @Test func chunkDataLongerThanDeclared() throws {
            try expectRejected(
                Strictness.head + "Transfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n", status: 400)
        }

        @Test func chunkLineWithBareLF() throws {
            try expectRejected(Strictness.head + "Transfer-Encoding: chunked\r\n\r\n5\nhello\r\n0\r\n\r\n", status: 400)
        }

        @Test func whitespaceBetweenFieldNameAndColon() throws {
            try expectRejected("GET / HTTP/1.1\r\nHost : localhost\r\n\r\n", status: 400)
        }

        @Test func tabBetweenFieldNameAndColonOnContentLength() throws {
            try expectRejected(Strictness.head + "Content-Length\t: 5\r\n\r\nhello", status: 400)
        }

        @Test(arguments: [0x00, 0x01, 0x0B, 0x0D, 0x1F, 0x7F] as [UInt8])
        func controlCharacterInHeaderValue(_ byte: UInt8) throws {
            var request = Array("GET / HTTP/1.1\r\nHost: localhost\r\nX-Test: a".utf8)
            request.append(byte)
            request += Array("b\r\n\r\n".utf8)
            try expectRejected(request, status: 400)
        }

        @Test func obsFold() throws {
            try expectRejected("GET / HTTP/1.1\r\nHost: localhost\r\nX-Folded: one\r\n  two\r\n\r\n", status: 400)
        }

        @Test func obsFoldWithTab() throws {
            try expectRejected("GET / HTTP/1.1\r\nHost: localhost\r\nX-Folded: one\r\n\ttwo\r\n\r\n", status: 400)
        }

        @Test(arguments: ["GE(T", "G\"ET", "GET/", "G,ET"])
        func invalidTokenInMethod(_ method: String) throws {
            try expectRejected("\(method) / HTTP/1.1\r\nHost: localhost\r\n\r\n", status: 400)
        }

        @Test(arguments: ["X@Y", "X(Y)", "X\"Y", "X/Y", "[X]", "X{Y"])
        func invalidTokenInFieldName(_ name: String) throws {
            try expectRejected("GET / HTTP/1.1\r\nHost: localhost\r\n\(name): 1\r\n\r\n", status: 400)
        }

        @Test func headerLineWithoutColon() throws {
            try expectRejected("GET / HTTP/1.1\r\nHost: localhost\r\nNoColonHere\r\n\r\n", status: 400)
        }

        @Test func missingHostInHTTP11() throws {
            try expectRejected("GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", status: 400)
        }

        @Test func twoHostHeaders() throws {
            try expectRejected("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", status: 400)
        }

        @Test(arguments: ["/a b", "/\u{01}", "a/relative", "/caf\u{E9}"])
        func badRequestTarget(_ target: String) throws {
            try expectRejected("GET \(target) HTTP/1.1\r\nHost: localhost\r\n\r\n", status: 400)
        }

        @Test(arguments: ["HTTP/1", "HTTX/1.1", "HTTP/1.1x", "http/1.1", "HTTP/0.9"])
        func malformedVersion(_ version: String) throws {
            try expectRejected("GET / \(version)\r\nHost: localhost\r\n\r\n", status: 400)
        }

        @Test func requestLineTooLong() throws {
            let path = "/" + String(repeating: "a", count: 8 * 1024 + 10)
            try expectRejected(getRequest(path), status: 414)
        }

        @Test func requestLineTooLongBeforeItEnds() throws {
            // No line end yet: the server must not wait for one.
            try expectRejected("GET /" + String(repeating: "b", count: 9 * 1024), status: 414)
        }

        @Test func requestLineOneByteOverTheLimit() throws {
            let line = "GET /n/1?" + String(repeating: "q", count: 8 * 1024 - 18 + 1) + " HTTP/1.1"
            #expect(line.utf8.count == 8 * 1024 + 1)
            try expectRejected(line + "\r\nHost: localhost\r\n\r\n", status: 414)
        }

        @Test func requestLineOfExactly8KiBIsServed() throws {
            try withLiveServer { server in
                let client = try RawClient(port: server.port)
                let prefix = "GET /n/1?"
                let suffix = " HTTP/1.1"
                let query = String(repeating: "q", count: 8 * 1024 - prefix.count - suffix.count)
                try client.send(prefix + query + suffix + "\r\nHost: localhost\r\n\r\n")
                #expect(try client.readResponse().text == "response 1")
            }
        }

        @Test func headerSectionTooLarge() throws {
            let big = (0..<40).map { "X-Filler-\($0): \(String(repeating: "v", count: 1000))\r\n" }.joined()
            try expectRejected(getRequest(headers: big), status: 431)
        }

        @Test func headerSectionTooLargeWithoutEnd() throws {
            try expectRejected(
                "GET / HTTP/1.1\r\nHost: localhost\r\nX-Long: " + String(repeating: "v", count: 48 * 1024), status: 431)
        }

        @Test func tooManyHeaderFields() throws {
            let many = (0..<101).map { "X-F\($0): \($0)\r\n" }.joined()
            try expectRejected(getRequest(headers: many), status: 431)
        }

        @Test func oneHundredFieldsAreAccepted() throws {
            try withLiveServer { server in
                let client = try RawClient(port: server.port)
                let fields = (0..<99).map { "X-F\($0): \($0)\r\n" }.joined()
                try client.send(getRequest(headers: fields))
                let response = try client.readResponse()
                #expect(response.status == 200)
            }
        }

        @Test func contentLengthOverTheLimit() throws {
            let app = Fixture.app { $0.config.limits.maxBodySize = 1024 }
            try withLiveServer(app) { server in
                do {
                    let client = try RawClient(port: server.port)
                    let body = String(repeating: "z", count: 256 * 1024)
                    // The whole upload is sent before reading: the 413 must still be readable, not a reset.
                    client.sendInBackground(Array(postRequest(body).utf8))
                    usleep(200_000)
                    let response = try client.readResponse()
                    expectErrorAndClose(response, status: 413, client: client)
                }
                try expectAlive(server)
            }
        }

        @Test func hugeUploadOverTheLimitStillGetsA413() throws {
            let app = Fixture.app { $0.config.limits.maxBodySize = 1024 }
            try withLiveServer(app) { server in
                do {
                    let client = try RawClient(port: server.port)
                    let head = Array(
                        "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: \(8 << 20)\r\n\r\n".utf8)
                    // A client that uploads 8 MiB before looking for an answer (as curl and browsers do).
                    client.sendInBackground(head + [UInt8](repeating: 0x61, count: 8 << 20))
                    usleep(500_000)
                    let response = try client.readResponse()
                    expectErrorAndClose(response, status: 413, client: client)
                }
                try expectAlive(server)
            }
        }

        @Test func bodyAtTheLimitIsAccepted() throws {
            let app = Fixture.app { $0.config.limits.maxBodySize = 1024 }
            try withLiveServer(app) { server in
                let client = try RawClient(port: server.port)
                let body = String(repeating: "k", count: 1024)
                try client.send(postRequest(body))
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.body.count == 1024)
            }
        }

        @Test func chunkedBodyOverTheLimit() throws {
            let app = Fixture.app { $0.config.limits.maxBodySize = 1024 }
            let chunk = String(repeating: "c", count: 600)
            try expectRejected(
                Strictness.head + "Transfer-Encoding: chunked\r\n\r\n258\r\n\(chunk)\r\n258\r\n\(chunk)\r\n0\r\n\r\n",
                status: 413,
                app: app)
        }

        @Test func expectContinueOverTheLimitIsRefusedAtOnce() throws {
            let app = Fixture.app { $0.config.limits.maxBodySize = 1024 }
            try withLiveServer(app) { server in
                do {
                    let client = try RawClient(port: server.port, timeout: 2)
                    try client.send(Strictness.head + "Content-Length: 5000\r\nExpect: 100-continue\r\n\r\n")
                    let response = try client.readResponse()
                    #expect(response.status != 100, "100 Continue for a body that will be refused")
                    expectErrorAndClose(response, status: 413, client: client)
                }
                try expectAlive(server)
            }
        }

        /// Methods are an open set: a valid token reaches the app, as in Flask (today's code
        /// answered these 501 from the parser, even for a registered route).
        @Test(arguments: ["FOO", "PROPFIND", "QUERY", "PURGE", "REPORT", "get", "BREW"])
        func extensionMethodReachesTheApp(_ method: String) throws {
            let app = Fixture.app { app in
                app.route("/dav", methods: [Method(method)]) { request in "served \(request.method)" }
            }
            try withLiveServer(app) { server in
                let client = try RawClient(port: server.port)
                try client.send("\(method) /dav HTTP/1.1\r\nHost: localhost\r\n\r\n")
                let served = try client.readResponse()
                #expect(served.status == 200)
                #expect(served.text == "served \(method)")
                try client.send("\(method) / HTTP/1.1\r\nHost: localhost\r\n\r\n")
                let known = try client.readResponse()
                #expect(known.status == 405)
                #expect(known.header("Allow")?.contains("GET") == true)
                #expect(!known.saysClose)
                try client.send("\(method) /nowhere HTTP/1.1\r\nHost: localhost\r\n\r\n")
                #expect(try client.readResponse().status == 404)
            }
        }

        @Test(arguments: ["HTTP/2.0", "HTTP/2", "HTTP/3.0"])
        func unsupportedMajorVersion(_ version: String) throws {
            try expectRejected("GET / \(version)\r\nHost: localhost\r\n\r\n", status: 505)
        }
    }
}
