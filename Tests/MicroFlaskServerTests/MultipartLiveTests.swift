import Foundation
import Testing

@testable import MicroFlask

extension Conformance {
    /// Multipart bodies over a socket are parsed as they arrive: file parts are written once,
    /// straight to their temporary files, the raw body is not kept, and a form over a limit is
    /// answered before its body ends. `app.test` gives the same answers.
    @Suite struct MultipartLive {
        static let boundary = "LiveBoundary42"

        static func app() -> App {
            Fixture.app { app in
                app.config.maxFormMemorySize = 1000
                app.config.maxFormParts = 5
                app.post("/upload") { req in
                    var lines = ["body=\(req.body.count) spooled=\(req.http.content.isSpooled)"]
                    for (name, value) in req.form { lines.append("field \(name)=\(value)") }
                    for (field, file) in req.files {
                        let bytes = try file.bytes()
                        let onDisk = file.temporaryPath.flatMap {
                            try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int
                        }
                        lines.append(
                            "file \(field) \(file.filename) size=\(file.size) read=\(bytes.count) "
                                + "disk=\(onDisk.map(String.init) ?? "-") sum=\(bytes.reduce(0) { $0 &+ Int($1) })")
                    }
                    return lines.joined(separator: "\n")
                }
                app.errorhandler(413) { _, _ in ("custom 413", Status.contentTooLarge) }
            }
        }

        static func part(_ name: String, _ value: String) -> [UInt8] {
            Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }

        static func filePart(_ name: String, _ filename: String, _ bytes: [UInt8]) -> [UInt8] {
            Array(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    .utf8) + bytes + Array("\r\n".utf8)
        }

        static let close = Array("--\(boundary)--\r\n".utf8)

        static func head(_ length: Int, path: String = "/upload") -> [UInt8] {
            Array(
                ("POST \(path) HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=\(boundary)\r\n"
                    + "Content-Length: \(length)\r\n\r\n").utf8)
        }

        @Test func aLargeUploadIsWrittenOnceAndTheBodyIsNotKept() throws {
            let app = Self.app()
            let content = Fixture.bigBody(kib: 3 * 1024)  // 3 MiB
            let body = Self.part("title", "holiday") + Self.filePart("photo", "big.bin", content) + Self.close
            let server = try app.start(host: "127.0.0.1", port: 0)
            defer { server.stop() }
            let before = server.bodySpooling.diskWrites.total
            let client = try RawClient(port: server.port, timeout: 20)
            try client.send(Self.head(body.count))
            let sending = client.sendInBackground(body)
            let response = try client.readResponse()
            _ = sending
            #expect(response.status == 200)
            let sum = content.reduce(0) { $0 &+ Int($1) }
            #expect(
                response.text
                    == "body=0 spooled=false\nfield title=holiday\n"
                    + "file photo big.bin size=\(content.count) read=\(content.count) disk=\(content.count) sum=\(sum)")
            // The file part's bytes and nothing else went to disk: written once, no spooled body.
            #expect(server.bodySpooling.diskWrites.total - before == content.count)
            // The connection goes on.
            try client.send(getRequest())
            #expect(try client.readResponse().text == "ok")
        }

        @Test func aChunkedUploadIsParsedAsItArrives() throws {
            try withLiveServer(Self.app()) { server in
                let body =
                    Self.part("a", "1") + Self.filePart("f", "c.txt", Array(repeating: 65, count: 3000)) + Self.close
                var chunked: [UInt8] = []
                for start in stride(from: 0, to: body.count, by: 700) {
                    let piece = body[start..<min(body.count, start + 700)]
                    chunked += Array(String(piece.count, radix: 16).utf8) + [13, 10] + piece + [13, 10]
                }
                chunked += Array("0\r\n\r\n".utf8)
                let client = try RawClient(port: server.port)
                try client.send(
                    "POST /upload HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n"
                        + "Content-Type: multipart/form-data; boundary=\(Self.boundary)\r\n\r\n")
                try client.send(chunked)
                let response = try client.readResponse()
                #expect(
                    response.text
                        == "body=0 spooled=false\nfield a=1\nfile f c.txt size=3000 read=3000 disk=- sum=\(65 * 3000)")
            }
        }

        @Test func aFieldOverTheLimitIsAnsweredBeforeTheBodyEnds() throws {
            try withLiveServer(Self.app()) { server in
                let client = try RawClient(port: server.port, timeout: 10)
                // Declares a megabyte; sends a field past the 1,000-byte limit, then waits.
                try client.send(Self.head(1_000_000))
                try client.send(
                    Array("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"big\"\r\n\r\n".utf8)
                        + Array(repeating: UInt8(ascii: "x"), count: 2000))
                // Answered with the rest of the body unsent (a wait for the body would time out here).
                let response = try client.readResponse()
                #expect(response.status == 413)
                #expect(response.text == "custom 413", "the app's error handler answered")
                #expect(response.saysClose)
                #expect(client.waitForClose(seconds: 5) != .open, "closed: the rest of the body is unread")
                try expectAlive(server)
            }
        }

        @Test func tooManyPartsAndMalformedBodiesAreAnsweredOnTheSocketAsByAppTest() throws {
            let app = Self.app()
            let bodies: [[UInt8]] = [
                Self.part("a", "1") + Self.filePart("f", "x.txt", Array("abc".utf8)) + Self.close,
                (0..<7).flatMap { Self.part("p\($0)", "v") } + Self.close,
                Self.part("a", String(repeating: "y", count: 1001)) + Self.close,
                Self.part("a", "1") + Array("--\(Self.boundary)\r\nContent-Type: text/plain\r\n\r\nv\r\n".utf8)
                    + Self.close,
                Self.part("a", "unterminated"),
                Array("no delimiter at all".utf8),
            ]
            let headers: Headers = ["Content-Type": "multipart/form-data; boundary=\(Self.boundary)"]
            try withLiveServer(app) { server in
                for (index, body) in bodies.enumerated() {
                    let viaTest = try app.test.post("/upload", body: body, headers: headers)
                    let client = try RawClient(port: server.port)
                    try client.send(Self.head(body.count) + body)
                    let viaSocket = try client.readResponse()
                    #expect(viaSocket.status == viaTest.status.code, "body \(index)")
                    #expect(viaSocket.text == viaTest.text, "body \(index)")
                }
            }
            // What they were: one form, 413 twice (the app's handler), 400 three times.
            let statuses = try bodies.map { try app.test.post("/upload", body: $0, headers: headers).status.code }
            #expect(statuses == [200, 413, 413, 400, 400, 400])
        }

        @Test func anUnknownRouteDoesNotParseTheForm() throws {
            try withLiveServer(Self.app()) { server in
                let body = Self.part("a", String(repeating: "y", count: 5000)) + Self.close
                let client = try RawClient(port: server.port)
                try client.send(Self.head(body.count, path: "/nowhere") + body)
                #expect(try client.readResponse().status == 404)
                try client.send(getRequest())
                #expect(try client.readResponse().text == "ok", "the body was read whole: the connection goes on")
            }
        }
    }
}
