import Foundation
import Testing

@testable import MicroFlask

extension Conformance {
    /// Bodies past the spooling threshold go to a temporary file as they arrive, and the view
    /// still reads them (bytes, form) as if they were in memory.
    @Suite struct SpooledBodies {
        static func app() -> App {
            Fixture.app { app in
                app.config.bodySpoolThreshold = 64 * 1024
                app.post("/spool") { req in
                    "spooled=\(req.http.content.isSpooled) bytes=\(req.body.count) fields=\(req.form.count)"
                }
            }
        }

        @Test func aLargeBodyIsSpooledAndReadWhole() throws {
            try withLiveServer(Self.app()) { server in
                let client = try RawClient(port: server.port, timeout: 10)
                let body = Array(String(repeating: "x", count: 300_000).utf8)
                let head = "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: \(body.count)\r\n\r\n"
                try client.send(Array(head.utf8))
                let sending = client.sendInBackground(body)
                let echoed = try client.readResponse()
                _ = sending
                #expect(echoed.status == 200)
                #expect(echoed.body == body)
            }
        }

        @Test func aSpooledFormIsParsedFromItsFile() throws {
            try withLiveServer(Self.app()) { server in
                let client = try RawClient(port: server.port, timeout: 10)
                let form = (0..<400).map { "f\($0)=\(String(repeating: "v", count: 400))" }.joined(separator: "&")
                let head =
                    "POST /spool HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(form.utf8.count)\r\n\r\n"
                try client.send(Array(head.utf8))
                let sending = client.sendInBackground(Array(form.utf8))
                let response = try client.readResponse()
                _ = sending
                #expect(response.text == "spooled=true bytes=\(form.utf8.count) fields=400")
                // A small body of the same route stays in memory.
                try client.send(
                    "POST /spool HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\n\r\na=1")
                #expect(try client.readResponse().text == "spooled=false bytes=3 fields=1")
            }
        }
    }
}
