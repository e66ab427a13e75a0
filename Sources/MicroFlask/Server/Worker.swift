import Synchronization

/// One serving thread's loop and its private, reused buffers: it polls the shared epoll for
/// one event at a time, and serves that connection (read, parse, run handlers, write) inline.
///
/// One event per `epoll_wait` keeps ready connections in the kernel's queue, where any other
/// poller can take them, instead of in a batch that a blocking handler would hold hostage.
final class Worker: @unchecked Sendable {
    /// Unowned without reference counting: workers run only while their server is started,
    /// and `stop()` waits for them, so the server outlives every use.
    unowned(unsafe) let server: Server
    let index: Int
    /// When the current event was taken (monotonic ms), 0 while polling: read by the monitor.
    let busySince = Atomic<Int>(0)

    private let scratch: UnsafeMutableRawBufferPointer
    var output: [UInt8] = []
    let date = HTTPDate()

    static let scratchSize = 64 * 1024

    init(server: Server, index: Int) {
        self.server = server
        self.index = index
        scratch = .allocate(byteCount: Worker.scratchSize, alignment: 16)
        output.reserveCapacity(Worker.scratchSize)
    }

    deinit { scratch.deallocate() }

    /// The kernel id of the thread running this worker, for the monitor's wait check.
    let threadID = Atomic<Int32>(0)

    func run() {
        threadID.store(ThreadInfo.currentThreadID(), ordering: .relaxed)
        while server.isRunning {
            if server.shouldPark(self) {
                server.park(self)
                continue
            }
            guard let key = server.epoll.waitForOne() else { continue }
            busySince.store(Clock.milliseconds(), ordering: .relaxed)
            switch key {
            case Server.listenerKey:
                server.acceptConnections()
            case Server.wakeKey:
                break
            default:
                serve(Connection.from(key: key))
            }
            busySince.store(0, ordering: .relaxed)
        }
    }

    // MARK: - Serving a connection

    func serve(_ connection: Connection) {
        connection.deadline.store(Int.max, ordering: .relaxed)
        connection.isIdle.store(false, ordering: .relaxed)
        if connection.outboundOffset < connection.outbound.count {
            switch flushPending(connection) {
            case .done: break
            case .blocked: return rearm(connection, writable: true)
            case .failed: return close(connection)
            }
            if connection.closeAfterWrite { return finish(connection) }
        }
        if case .draining(let until) = connection.state { return drain(connection, until: until) }
        // Bytes left over from a pipelined batch that stopped for back-pressure come first.
        if !connection.inbound.isEmpty {
            if !process(connection) { return }
        }
        while true {
            let result: Syscall.IOResult
            do {
                result = try connection.socket.read(into: scratch)
            } catch {
                return close(connection)
            }
            guard case .done(let count) = result else { break }
            if count == 0 { return close(connection) }
            // Common case: nothing buffered, so parse straight from the scratch buffer.
            if connection.inbound.isEmpty {
                if !processScratch(connection, count: count) { return }
            } else {
                connection.inbound.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<count]))
                if !process(connection) { return }
            }
            if count < Worker.scratchSize { break }
        }
        rearm(connection, writable: false)
    }

    /// Parses and answers what is in `scratch[0..<count]`; keeps any partial request.
    /// Returns false when the connection was handed off (closed or waiting to write).
    func processScratch(_ connection: Connection, count: Int) -> Bool {
        let bytes = UnsafeBufferPointer(start: scratch.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count)
        let consumed = handleRequests(connection, bytes)
        if consumed < count, !connection.closeAfterWrite {
            connection.inbound.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[consumed...]))
        }
        return sendOutput(connection)
    }

    /// Parses and answers what is buffered in `connection.inbound`.
    /// A resumed head scan stays valid: it is relative to the start of the partial request, which
    /// is where the buffer starts after the answered requests are removed.
    func process(_ connection: Connection) -> Bool {
        let consumed = connection.inbound.withUnsafeBufferPointer { handleRequests(connection, $0) }
        if connection.closeAfterWrite {
            connection.inbound = []
        } else if consumed > 0 {
            connection.inbound.removeFirst(consumed)
            if connection.inbound.isEmpty { connection.inbound = [] }  // release the storage
        }
        return sendOutput(connection)
    }
    // MARK: - Hand-off, linger and close

    /// Gives the connection back to epoll, with the deadline that applies to what it waits for:
    /// the keep-alive timeout when idle, the header timeout (from the head's first byte) while a
    /// head arrives, the I/O timeout while a body arrives or a response waits for the socket.
    func rearm(_ connection: Connection, writable: Bool) {
        let timeouts = server.timeouts
        let now = Clock.milliseconds()
        var idle = false
        let deadline: Int
        if writable {
            deadline = now + timeouts.io
        } else {
            switch connection.state {
            case .head where connection.inbound.isEmpty:
                idle = true
                connection.headStartedAt = 0
                deadline = now + timeouts.keepAlive
            case .head:
                if connection.headStartedAt == 0 { connection.headStartedAt = now }
                deadline = connection.headStartedAt + timeouts.header
            case .body, .chunked:
                deadline = now + timeouts.io
            case .draining(let until):
                deadline = until
            }
        }
        if idle && !server.isAccepting { return close(connection) }
        connection.deadline.store(deadline, ordering: .relaxed)
        connection.isIdle.store(idle, ordering: .relaxed)
        do {
            try server.epoll.modify(
                connection.socket.fd, events: (writable ? Epoll.writable : Epoll.readable) | Epoll.oneShot,
                key: connection.key)
        } catch {
            close(connection)
        }
    }

    /// After the last response: close, or for error responses half-close and drain first so the
    /// client reads the response instead of a reset.
    func finish(_ connection: Connection) {
        if connection.lingerAfterWrite {
            connection.lingerAfterWrite = false
            connection.socket.shutdownWrite()
            connection.inbound = []
            let until = Clock.milliseconds() + 2000
            connection.state = .draining(until: until)
            return drain(connection, until: until)
        }
        close(connection)
    }

    func drain(_ connection: Connection, until: Int) {
        var total = 0
        while total < 1 << 20 {
            switch try? connection.socket.read(into: scratch) {
            case .done(let count)? where count > 0: total += count
            case .wouldBlock?:
                if Clock.milliseconds() >= until { return close(connection) }
                connection.deadline.store(until, ordering: .relaxed)
                do {
                    try server.epoll.modify(
                        connection.socket.fd, events: Epoll.readable | Epoll.oneShot, key: connection.key)
                } catch {
                    close(connection)
                }
                return
            default:
                return close(connection)
            }
        }
        close(connection)
    }

    func close(_ connection: Connection) {
        server.close(connection)
    }
}
