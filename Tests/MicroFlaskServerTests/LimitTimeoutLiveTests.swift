import Foundation
import Glibc
import Testing

@testable import MicroFlask

/// The timeouts and bounds of docs/RELIABILITY.md's table that only a live server shows: the I/O
/// timeout on a stalled body, the linger after an error response, and the thread cap. The App
/// does not expose `ioTimeout` or `maxThreads`, so these start a `Server` directly.
extension Conformance {
    @Suite struct LimitTimeouts {
        /// Serves `/gate` (held by `gate`), `/hold` (held by `hold`), `/echo` (the body back) and
        /// anything else as "ok".
        private static func withServer(
            ioTimeout: Double = 30, threads: Int = 2, maxThreads: Int = 64, gate: Gate = Gate(), hold: Gate = Gate(),
            _ body: (Server) throws -> Void
        ) throws {
            var configuration = ServerConfiguration()
            configuration.port = 0
            configuration.shutdownGracePeriod = 3
            configuration.ioTimeout = ioTimeout
            configuration.threads = threads
            configuration.maxThreads = maxThreads
            let server = try Server(configuration: configuration) { request in
                switch request.path {
                case "/gate":
                    gate.pass()
                    return Response.text("gated")
                case "/hold":
                    hold.pass()
                    return Response.text("held")
                case "/echo": return Response(body: request.body)
                default: return Response.text("ok")
                }
            }
            _ = try server.start()
            defer { server.stop() }
            try body(server)
        }

        @Test("a body that stops arriving is cut off after the I/O timeout")
        func stalledBodyIsClosedAfterTheIOTimeout() throws {
            try Self.withServer(ioTimeout: 1) { server in
                let client = try RawClient(port: server.port, timeout: 5)
                try client.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\nabc")
                var state = PeerState.open
                let elapsed = elapsedMilliseconds { state = client.waitForClose(seconds: 4) }
                #expect(state != .open)
                #expect(elapsed > 800 && elapsed < 2500, "closed after \(elapsed) ms")
                try expectAlive(server)
            }
        }

        @Test("after an error response the server drains what the client still sends, then closes")
        func errorResponseLingers() throws {
            try Self.withServer { server in
                let client = try RawClient(port: server.port, timeout: 5)
                // A bad request followed by more bytes: the client must read the 400, not a reset.
                try client.send("GET / HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\n\r\n")
                try client.send([UInt8](repeating: UInt8(ascii: "z"), count: 64 * 1024))
                let response = try client.readResponse()
                #expect(response.status == 400)
                #expect(response.saysClose)
                // The linger ends within its 2 s bound even though the client never closes.
                var state = PeerState.open
                let elapsed = elapsedMilliseconds { state = client.waitForClose(seconds: 4) }
                #expect(state != .open)
                #expect(elapsed < 3000, "closed after \(elapsed) ms")
                try expectAlive(server)
            }
        }

        /// Blocks the two threads a server with `maxThreads: 2` may have, each in a `/gate` handler.
        private static func holdBothThreads(of server: Server, at gate: Gate) throws -> (RawClient, RawClient) {
            let first = try RawClient(port: server.port)
            try first.send(getRequest("/gate"))
            #expect(gate.waitUntilEntered(), "the first handler never started")
            let second = try RawClient(port: server.port)
            try second.send(getRequest("/gate"))
            #expect(gate.waitUntilEntered(), "a second thread never took over")
            return (first, second)
        }

        @Test("past maxThreads no thread is added: a request waits for a blocked handler to return")
        func threadCapHolds() throws {
            let gate = Gate()
            try Self.withServer(threads: 1, maxThreads: 2, gate: gate) { server in
                // Two handlers blocked: both threads the cap allows are inside them.
                let (first, second) = try Self.holdBothThreads(of: server, at: gate)
                // A third request finds no thread: it is not answered while both are blocked
                // (half a second of silence; an answer would come within milliseconds).
                let third = try RawClient(port: server.port, timeout: 5)
                try third.send(getRequest())
                #expect(third.receiveAvailable(waiting: 0.5).bytes.isEmpty, "a thread past the cap answered")
                gate.release()
                gate.release()
                #expect(try third.readResponse().text == "ok")
                #expect(try first.readResponse().text == "gated")
                #expect(try second.readResponse().text == "gated")
            }
        }

        /// A thread takes several ready events per wait. When the handler of one blocks, the
        /// rest of them must go to another thread, not wait for that handler.
        @Test("a blocked handler holds up no other request its thread had already taken")
        func blockedHandlerHandsOffTheRestOfItsBatch() throws {
            let gate = Gate()
            let hold = Gate()
            try Self.withServer(threads: 1, maxThreads: 2, gate: gate, hold: hold) { server in
                defer { hold.release() }
                // Both threads the cap allows are held, so the next two requests wait in the kernel...
                let (first, second) = try Self.holdBothThreads(of: server, at: gate)
                let blocking = try RawClient(port: server.port, timeout: 5)
                try blocking.send(getRequest("/hold"))
                let waiting = try RawClient(port: server.port, timeout: 5)
                try waiting.send(getRequest())
                // ...until one thread is let go: one wait then gives it both, and `/hold` blocks it.
                gate.release()
                #expect(hold.waitUntilEntered(), "the held handler never started")
                // The other thread, let go, must be handed the request still in the first's batch.
                gate.release()
                #expect(try waiting.readResponse().text == "ok")
                hold.release()
                #expect(try blocking.readResponse().text == "held")
                #expect(try first.readResponse().text == "gated")
                #expect(try second.readResponse().text == "gated")
            }
        }
    }
}
