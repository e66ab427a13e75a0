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
                var times: [Double] = []
                for n in 0..<21 {
                    times.append(
                        try elapsedMilliseconds {
                            try client.send(postRequest("body \(n)"))
                            #expect(try client.readResponse().text == "body \(n)")
                        })
                }
                // Nagle with delayed ACKs delays every request by ~40 ms; a loaded machine delays
                // a few. The median tells them apart.
                let median = times.sorted()[times.count / 2]
                #expect(median < 40, "median \(median) ms (Nagle/delayed ACK?)")
            }
        }

        @Test func requestInFlightCompletesDuringStop() throws {
            let gate = Gate()
            let server = try Fixture.app(gate: gate).start(host: "127.0.0.1", port: 0)
            defer { server.stop() }
            let client = try RawClient(port: server.port)
            try client.send(getRequest("/gate"))
            #expect(gate.waitUntilEntered(), "the handler never started")
            let stopped = Locked(false)
            let stopper = Thread {
                server.stop()
                stopped.mutate { $0 = true }
            }
            stopper.start()
            #expect(waitUntil { !server.isAccepting }, "stop() did not begin")
            gate.release()
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "gated")
            #expect(response.saysClose, "a stopping server should not promise keep-alive")
            #expect(client.waitForClose(seconds: 2) == .closed)
            #expect(waitUntil(seconds: 3) { stopped.value }, "stop() did not return")
        }

        @Test func newConnectionsAreRefusedDuringAndAfterStop() throws {
            let gate = Gate()
            let server = try Fixture.app(gate: gate).start(host: "127.0.0.1", port: 0)
            let port = server.port
            let busy = try RawClient(port: port)
            try busy.send(getRequest("/gate"))
            #expect(gate.waitUntilEntered(), "the handler never started")
            let stopper = Thread { server.stop() }
            stopper.start()
            // Stop waits for the busy request, but the listener goes at once.
            #expect(waitUntil { (try? RawClient(port: port)) == nil }, "still accepting during stop")
            gate.release()
            #expect(try busy.readResponse().text == "gated")
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
