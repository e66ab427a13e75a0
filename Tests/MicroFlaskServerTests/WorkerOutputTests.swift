import Glibc
import Testing

@testable import MicroFlask

/// The worker's output buffer after large responses, over a socket pair (no server running).
@Suite("Worker output")
struct WorkerOutputTests {
    private static let head = RequestHead(method: .GET, target: "/", version: .http1_1, rawHeaders: [])

    /// A worker and a connection whose peer end the test holds.
    private func fixture() throws -> (Worker, Connection, peer: Int32) {
        let server = try Server { _ in Response() }
        var fds: [Int32] = [0, 0]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
        _ = fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK)
        let connection = Connection(
            socket: Socket(fd: fds[0]), remoteAddress: "test", limits: HTTPLimits(), spooling: BodySpooling())
        return (Worker(server: server, index: 0, group: 0), connection, fds[1])
    }

    @Test("output grown by queued responses returns to its normal capacity once sent")
    func outputShrinksBack() throws {
        let (worker, connection, peer) = try fixture()
        defer { close(peer) }
        let body = [UInt8](repeating: 0x61, count: 60 * 1024)  // under the direct-send threshold: copied
        _ = worker.write(Response(body: body), for: Self.head, to: connection, forceClose: false)
        _ = worker.write(Response(body: body), for: Self.head, to: connection, forceClose: false)
        #expect(worker.output.capacity > worker.normalOutputCapacity)
        _ = worker.sendOutput(connection)  // the socket pair's buffer takes the 120 KiB
        #expect(worker.output.isEmpty)
        #expect(worker.output.capacity == worker.normalOutputCapacity)
    }

    @Test("a large body is not copied: what the socket will not take stays in the body's own storage")
    func largeBodyNotCopied() throws {
        let (worker, connection, peer) = try fixture()
        defer {
            close(peer)
            connection.socket.close()
        }
        let body = [UInt8](repeating: 0x62, count: 4 << 20)
        _ = worker.write(Response(body: body), for: Self.head, to: connection, forceClose: false)
        #expect(worker.output.capacity == worker.normalOutputCapacity)
        #expect(connection.hasPendingOutput, "4 MiB fit in a socket pair's buffer")
        #expect(connection.outboundBody.count == body.count)
        let shared = connection.outboundBody.withUnsafeBufferPointer { kept in
            body.withUnsafeBufferPointer { $0.baseAddress == kept.baseAddress }
        }
        #expect(shared, "the pending body was copied")
    }
}
