import Foundation
import Glibc
import Testing

@testable import MicroFlask

/// Latency on a kept-alive connection, and graceful shutdown.
extension Conformance {
    @Suite struct Lifecycle {
        @Test func keepAliveRequestsAnswerWellUnder40Milliseconds() throws {
            try withLiveServer { server in
                let client = try RawClient(port: server.port)
                try client.send(getRequest())  // warm up
                _ = try client.readResponse()
                var slowest = 0.0
                for n in 0..<20 {
                    let elapsed = try elapsedMilliseconds {
                        try client.send(postRequest("body \(n)"))
                        #expect(try client.readResponse().text == "body \(n)")
                    }
                    slowest = max(slowest, elapsed)
                    #expect(elapsed < 40, "request \(n) took \(elapsed) ms (Nagle/delayed ACK?)")
                }
                #expect(slowest < 40)
            }
        }

        @Test func requestInFlightCompletesDuringStop() throws {
            let server = try Fixture.app().start(host: "127.0.0.1", port: 0)
            defer { server.stop() }
            let client = try RawClient(port: server.port)
            try client.send(getRequest("/sleep/500"))
            usleep(100_000)
            let stopped = Locked(false)
            let stopper = Thread {
                server.stop()
                stopped.mutate { $0 = true }
            }
            stopper.start()
            usleep(50_000)
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "slept 500")
            #expect(response.saysClose, "a stopping server should not promise keep-alive")
            #expect(client.waitForClose(seconds: 2) == .closed)
            let deadline = Date().addingTimeInterval(3)
            while !stopped.value && Date() < deadline { usleep(5_000) }
            #expect(stopped.value, "stop() did not return")
        }

        @Test func newConnectionsAreRefusedDuringAndAfterStop() throws {
            let server = try Fixture.app().start(host: "127.0.0.1", port: 0)
            let port = server.port
            let busy = try RawClient(port: port)
            try busy.send(getRequest("/sleep/400"))
            usleep(50_000)
            let stopper = Thread { server.stop() }
            stopper.start()
            usleep(100_000)
            // Stop is waiting for the busy request: the listener is already gone.
            #expect(throws: RawClientError.self) { _ = try RawClient(port: port) }
            #expect(try busy.readResponse().text == "slept 400")
            server.stop()
            #expect(throws: RawClientError.self) { _ = try RawClient(port: port) }
        }

        @Test func stopClosesIdleKeepAliveConnectionsPromptly() throws {
            let server = try Fixture.app().start(host: "127.0.0.1", port: 0)
            defer { server.stop() }
            let clients = try (0..<5).map { _ in try RawClient(port: server.port) }
            for client in clients {
                try client.send(getRequest())
                #expect(try client.readResponse().text == "ok")
            }
            let elapsed = elapsedMilliseconds { server.stop() }
            #expect(elapsed < 1000, "stop took \(elapsed) ms with only idle connections")
            for client in clients {
                #expect(client.waitForClose(seconds: 2) == .closed)
            }
        }

        @Test func stopWithHalfSentRequestDoesNotHang() throws {
            let app = Fixture.app { $0.config.shutdownGracePeriod = 1 }
            let server = try app.start(host: "127.0.0.1", port: 0)
            defer { server.stop() }
            let client = try RawClient(port: server.port)
            try client.send("GET / HTTP/1.1\r\nHost: loc")
            usleep(50_000)
            let elapsed = elapsedMilliseconds { server.stop() }
            #expect(elapsed < 2500, "stop took \(elapsed) ms")
            #expect(client.waitForClose(seconds: 2) != .open)
        }

        @Test func serverBindsOnlyLoopbackAndAnEphemeralPort() throws {
            try withLiveServer { server in
                #expect(server.port > 0)
                #expect(server.address?.host == "127.0.0.1")
                try expectAlive(server)
            }
        }
    }
}
