import Foundation
import Testing

@testable import MicroFlask

/// A stopped server lets go of itself and of its app (docs/RELIABILITY.md, "Sanitizers"):
/// LeakSanitizer found every server the suite had started, and its app, unreachable at exit,
/// held only by the cycle between the server and its monitor thread's closure.
struct ServerReleaseTests {
    @Test func aStoppedServerAndItsAppAreFreed() throws {
        weak var weakServer: Server?
        weak var weakApp: App?
        do {
            let app = App(name: "release")
            app.config.accessLog = false
            app.get("/") { _ in "ok" }
            let server = try app.start(host: "127.0.0.1", port: 0)
            let client = try RawClient(port: server.port)
            try client.send("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            #expect(try client.readResponse().text == "ok")
            server.stop()
            weakServer = server
            weakApp = app
        }
        // The monitor thread holds the server until its loop sees the stop (within 5 ms).
        #expect(waitUntil(seconds: 10) { weakServer == nil }, "the stopped server was not freed")
        #expect(waitUntil(seconds: 10) { weakApp == nil }, "the app of a stopped server was not freed")
    }
}
