import Foundation
import Glibc
import Testing

@testable import MicroFlask

/// Hostile and broken clients, handler failures, and response header injection.
extension Conformance {
    @Suite struct Robustness {
        @Test func headerValueWithCRLFFromHandlerBecomes500() throws {
            let log = Locked<[String]>([])
            try withLiveServer(Fixture.app(log: log)) { server in
                let client = try RawClient(port: server.port)
                try client.send(getRequest("/inject"))
                let response = try client.readResponse()
                #expect(response.status == 500)
                #expect(!response.rawHead.contains("Injected"))
                #expect(response.header("X-Evil") == nil)
                #expect(!response.text.contains("should not be sent"))
                // Nothing else arrives (no smuggled second response), and the connection is usable.
                #expect(client.receiveAvailable(waiting: 0.1).bytes.isEmpty)
                try client.send(getRequest())
                #expect(try client.readResponse().text == "ok")
            }
            #expect(log.value.contains { $0.contains("X-Evil") })
        }

        @Test func invalidHeaderNameFromHandlerBecomes500() throws {
            try withLiveServer { server in
                let client = try RawClient(port: server.port)
                try client.send(getRequest("/bad-name"))
                let response = try client.readResponse()
                #expect(response.status == 500)
                #expect(!response.rawHead.contains("Bad Name"))
                try client.send(getRequest())
                #expect(try client.readResponse().text == "ok")
            }
        }

        @Test func handlerThatThrowsGives500AndTheConnectionLives() throws {
            let log = Locked<[String]>([])
            try withLiveServer(Fixture.app(log: log)) { server in
                let client = try RawClient(port: server.port)
                try client.send(getRequest("/boom"))
                let response = try client.readResponse()
                #expect(response.status == 500)
                #expect(!response.saysClose)
                #expect(response.header("Content-Length") == "\(response.body.count)")
                try client.send(getRequest())
                let next = try client.readResponse()
                #expect(next.status == 200)
                #expect(next.text == "ok")
            }
            #expect(log.value.contains { $0.contains("FixtureError") })
        }

        @Test func unknownRouteIs404AndKeepsTheConnection() throws {
            try withLiveServer { server in
                let client = try RawClient(port: server.port)
                try client.send(getRequest("/missing") + getRequest())
                let missing = try client.readResponse()
                #expect(missing.status == 404)
                #expect(!missing.saysClose)
                #expect(try client.readResponse().text == "ok")
            }
        }

        @Test func garbageBytes() throws {
            try withLiveServer { server in
                do {
                    let client = try RawClient(port: server.port, timeout: 3)
                    var generator = SystemRandomNumberGenerator()
                    var garbage = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
                    garbage[0] = 0x16  // never a CR or LF the server could skip
                    try? client.send(garbage + Array("\r\n\r\n".utf8))
                    // Its first byte cannot begin a method, so the answer is an immediate 400.
                    let text = String(decoding: client.receiveAvailable(waiting: 2).bytes, as: UTF8.self)
                    #expect(text.hasPrefix("HTTP/1.1 400 "), "\(text.prefix(40))")
                    #expect(text.contains("Connection: close"))
                    #expect(client.waitForClose(seconds: 3) != .open)
                }
                try expectAlive(server)
            }
        }

        @Test func printableGarbageLine() throws {
            try expectRejected("this is not http at all\r\n\r\n", status: 400)
        }

        @Test func tlsClientHelloOnThePlainPort() throws {
            // A TLS 1.2 ClientHello record, as a browser sends to https://127.0.0.1:port.
            var hello: [UInt8] = [0x16, 0x03, 0x01, 0x00, 0x2F, 0x01, 0x00, 0x00, 0x2B, 0x03, 0x03]
            hello += [UInt8](repeating: 0x42, count: 32)  // random
            hello += [0x00, 0x00, 0x04, 0x13, 0x01, 0xC0, 0x2F, 0x01, 0x00]  // session, suites, compression
            // Nothing in it ends a line, but its first byte cannot begin a method: the server
            // answers 400 at once instead of waiting for the header timeout (10 s here).
            #expect(!hello.contains(0x0A))
            let app = Fixture.app { $0.config.headerTimeout = 10 }
            try withLiveServer(app) { server in
                do {
                    let client = try RawClient(port: server.port, timeout: 3)
                    try client.send(hello)
                    let reply = client.receiveAvailable(waiting: 2)
                    #expect(String(decoding: reply.bytes, as: UTF8.self).hasPrefix("HTTP/1.1 400 "))
                    #expect(client.waitForClose(seconds: 4) != .open)
                }
                try expectAlive(server)
            }
        }

        @Test func aThousandConnectionsOpenedAndDropped() throws {
            try withLiveServer { server in
                for batch in 0..<10 {
                    var clients: [RawClient] = []
                    for _ in 0..<100 { clients.append(try RawClient(port: server.port)) }
                    // Half close politely, half reset; a few send half a request first.
                    for (index, client) in clients.enumerated() {
                        if index % 10 == 0 { try? client.send("GET / HTT") }
                        if (index + batch) % 2 == 0 { client.abortOnClose() }
                    }
                    clients.removeAll()
                }
                try expectAlive(server)
                // Every dropped connection is released, none leaks in the registry.
                #expect(waitUntil(seconds: 3) { server.registry.openCount == 0 }, "\(server.registry.openCount) left")
            }
        }

        @Test func clientThatConnectsAndSendsNothing() throws {
            try withLiveServer { server in
                let silent = try RawClient(port: server.port)
                try expectAlive(server)
                #expect(silent.receiveAvailable(waiting: 0.1).state == .open)
            }
        }

        @Test func silentClientIsClosedAfterTheHeaderTimeout() throws {
            let app = Fixture.app { $0.config.headerTimeout = 1 }
            try withLiveServer(app) { server in
                let silent = try RawClient(port: server.port)
                var state = PeerState.open
                let elapsed = elapsedMilliseconds { state = silent.waitForClose(seconds: 4) }
                #expect(state != .open)
                #expect(elapsed > 800 && elapsed < 2500, "closed after \(elapsed) ms")
                try expectAlive(server)
            }
        }

        @Test func halfARequestThenClose() throws {
            try withLiveServer { server in
                do {
                    let client = try RawClient(port: server.port)
                    try client.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Len")
                }
                do {
                    let client = try RawClient(port: server.port)
                    try client.send(postRequest("0123456789").dropLast(5).description)
                    client.shutdownWrite()
                    #expect(client.waitForClose(seconds: 2) == .closed)
                }
                do {
                    let client = try RawClient(port: server.port)
                    try client.send("POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab")
                    client.abortOnClose()
                }
                try expectAlive(server)
            }
        }

        @Test func slowHeaderIsCutOffAfterTheHeaderTimeout() throws {
            let app = Fixture.app { $0.config.headerTimeout = 1 }
            try withLiveServer(app) { server in
                let client = try RawClient(port: server.port, timeout: 4)
                let request = Array(getRequest().utf8)
                let started = ContinuousClock.now
                var sent = 0
                var state = PeerState.open
                var reply: [UInt8] = []
                // One byte every 150 ms: never finishes within a second, always making progress.
                while sent < request.count - 1 && ContinuousClock.now - started < .seconds(4) {
                    if (try? client.send([request[sent]])) == nil { break }
                    sent += 1
                    let received = client.receiveAvailable(waiting: 0.15)
                    reply += received.bytes
                    state = received.state
                    if state != .open || !reply.isEmpty { break }
                }
                if state == .open { state = client.waitForClose(seconds: 2) }
                let elapsed = ContinuousClock.now - started
                #expect(state != .open)
                #expect(elapsed > .milliseconds(800) && elapsed < .milliseconds(2500), "cut off after \(elapsed)")
                #expect(sent < request.count - 1, "the whole head was accepted")
                // Like nginx, the server closes a head that is too slow without answering it.
                #expect(reply.isEmpty, "\(String(decoding: reply, as: UTF8.self).prefix(40))")
                try expectAlive(server)
            }
        }

        @Test func idleKeepAliveConnectionIsClosedAfterTheTimeout() throws {
            let app = Fixture.app { $0.config.keepAliveTimeout = 1 }
            try withLiveServer(app) { server in
                let client = try RawClient(port: server.port)
                try client.send(getRequest())
                #expect(try client.readResponse().text == "ok")
                var state = PeerState.open
                let elapsed = elapsedMilliseconds { state = client.waitForClose(seconds: 4) }
                #expect(state == .closed)
                #expect(elapsed > 800 && elapsed < 2500, "closed after \(elapsed) ms")
                try expectAlive(server)
            }
        }

        @Test func keepAliveTimerRestartsWithEachRequest() throws {
            let app = Fixture.app { $0.config.keepAliveTimeout = 1 }
            try withLiveServer(app) { server in
                let client = try RawClient(port: server.port)
                for n in 0..<3 {
                    try client.send(getRequest("/n/\(n)"))
                    #expect(try client.readResponse().text == "response \(n)")
                    // Idle for most of the timeout: the waiting is what is tested, not a synchronisation.
                    usleep(600_000)
                }
                #expect(client.receiveAvailable(waiting: 0).state == .open)
            }
        }

        @Test func blockedHandlerDoesNotStallOtherClients() throws {
            let gate = Gate()
            try withLiveServer(Fixture.app(gate: gate), threads: 1) { server in
                let blocked = try RawClient(port: server.port)
                try blocked.send(getRequest("/gate"))
                #expect(gate.waitUntilEntered(), "the handler never started")
                // The only poller is now inside the handler, which stays blocked until this
                // client is answered: an answer at all proves another thread took over.
                let other = try RawClient(port: server.port)
                try other.send(getRequest())
                let response = try other.readResponse()
                #expect(response.text == "ok")
                gate.release()
                #expect(try blocked.readResponse().text == "gated")
            }
        }

        @Test func pipelinedRequestsBehindABlockedHandlerWaitTheirTurn() throws {
            try withLiveServer(threads: 1) { server in
                let client = try RawClient(port: server.port)
                try client.send(getRequest("/sleep/300") + getRequest("/n/2"))
                #expect(try client.readResponse().text == "slept 300")
                #expect(try client.readResponse().text == "response 2")
            }
        }
    }
}
