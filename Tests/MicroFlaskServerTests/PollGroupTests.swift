import Foundation
import Testing

@testable import MicroFlask

/// Several epoll instances (`pollGroups`): every connection is served whichever group accepted
/// it, and handlers blocked in every group's threads do not stall anyone.
extension Conformance {
    @Suite struct PollGroups {
        static func server(groups: Int, threads: Int, gate: Gate) throws -> Server {
            var configuration = ServerConfiguration()
            configuration.port = 0
            configuration.threads = threads
            configuration.pollGroups = groups
            return try Server(configuration: configuration) { request in
                if request.path == "/gate" { gate.pass() }
                return Response.text("served \(request.path)")
            }
        }

        @Test func everyConnectionIsServedAcrossGroups() throws {
            let server = try Self.server(groups: 2, threads: 2, gate: Gate())
            try server.start()
            defer { server.stop() }
            #expect(server.epolls.count == 2)
            let clients = try (0..<16).map { _ in try RawClient(port: server.port) }
            for round in 0..<3 {
                for (index, client) in clients.enumerated() { try client.send(getRequest("/c/\(index)/\(round)")) }
                for (index, client) in clients.enumerated() {
                    #expect(try client.readResponse().text == "served /c/\(index)/\(round)")
                }
            }
        }

        @Test func handlersBlockingEveryThreadDoNotStallOthers() throws {
            let gate = Gate()
            let server = try Self.server(groups: 2, threads: 2, gate: gate)
            try server.start()
            defer { server.stop() }
            // Two handlers hold both configured threads (one per group, or both in one group).
            let blocked = try (0..<2).map { _ in try RawClient(port: server.port) }
            for client in blocked { try client.send(getRequest("/gate")) }
            #expect(gate.waitUntilEntered(), "the first handler never started")
            #expect(gate.waitUntilEntered(), "the second handler never started")
            // New clients land in either group: an answer from each proves every group got a poller.
            for index in 0..<8 {
                let other = try RawClient(port: server.port)
                try other.send(getRequest("/o/\(index)"))
                #expect(try other.readResponse().text == "served /o/\(index)")
            }
            gate.release()
            gate.release()
            for client in blocked { #expect(try client.readResponse().text == "served /gate") }
        }
    }
}
