import Synchronization

/// One serving thread's loop and its private, reused buffers: it polls the shared epoll for
/// one event at a time, and serves that connection (read, parse, run handlers, write) inline.
///
/// One event per `epoll_wait` keeps ready connections in the kernel's queue, where any other
/// poller can take them, instead of in a batch that a blocking handler would hold hostage.
final class Worker: @unchecked Sendable {
    /// A strong reference: the server lets go of its workers when `stop()` has finished, which
    /// ends the cycle.
    let server: Server
    let index: Int
    /// The poll group this worker serves; `epoll` is that group's.
    let group: Int
    let epoll: Epoll
    /// When the current event was taken (monotonic ms), 0 while polling: read by the monitor.
    let busySince = Atomic<Int>(0)

    private let scratch: UnsafeMutableRawBufferPointer
    /// The response bytes being built; only this worker's thread touches it, so it skips the
    /// runtime's exclusivity checks (see `Connection`).
    @exclusivity(unchecked) var output: [UInt8] = []
    /// The capacity `output` was given at start (malloc may round it up).
    let normalOutputCapacity: Int
    let date = HTTPDate()

    static let scratchSize = 64 * 1024
    /// The capacity `output` keeps between responses; a larger one is given back after use.
    static let outputCapacity = 64 * 1024
    /// Byte bodies larger than this are sent from their own storage, not copied into `output`.
    static let directBodyThreshold = 64 * 1024
    /// Parsing pauses to send once this much output is queued (pipelined requests).
    static let outputHighWater = 64 * 1024

    init(server: Server, index: Int, group: Int) {
        self.server = server
        self.index = index
        self.group = group
        self.epoll = server.epolls[group]
        scratch = .allocate(byteCount: Worker.scratchSize, alignment: 16)
        var output: [UInt8] = []
        output.reserveCapacity(Worker.outputCapacity)
        normalOutputCapacity = output.capacity
        self.output = output
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
            guard let key = epoll.waitForOne() else { continue }
            busySince.store(Clock.milliseconds(), ordering: .relaxed)
            switch key {
            case Server.listenerKey:
                server.acceptConnections(group: group)
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
        // Acquires what the thread that re-armed the connection wrote before its release store
        // (see `rearm`): epoll hands the connection over, but ThreadSanitizer does not count
        // EPOLL_CTL_MOD and epoll_wait as synchronising, so the hand-off is made explicit.
        _ = connection.deadline.exchange(Int.max, ordering: .acquiringAndReleasing)
        connection.isIdle.store(false, ordering: .relaxed)
        if connection.hasPendingOutput {
            switch flushPending(connection) {
            case .done: break
            case .blocked: return rearm(connection, writable: true)
            case .failed: return close(connection)
            }
            if connection.closeAfterWrite { return finish(connection) }
        }
        if connection.drainUntil != 0 { return drain(connection, until: connection.drainUntil) }
        // Requests left over from a pipelined batch that paused for back-pressure come first.
        if connection.codec.hasBufferedInput {
            guard process(connection, nil) else { return }
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
            let bytes = UnsafeBufferPointer(
                start: scratch.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count)
            guard process(connection, bytes) else { return }
            if count < Worker.scratchSize { break }
        }
        rearm(connection, writable: false)
    }

    /// Feeds `bytes` (or, when nil, what is buffered) to the connection's codec, answering every
    /// complete request, and sends the answers; a pause for back-pressure sends what is queued
    /// and goes on. Returns false when the connection was handed off (closed or waiting to write).
    func process(_ connection: Connection, _ bytes: UnsafeBufferPointer<UInt8>?) -> Bool {
        // `handle` never touches `connection.codec`, which is being mutated here.
        var directive =
            if let bytes {
                connection.codec.feed(bytes) { handle($0, on: connection) }
            } else {
                connection.codec.resume { handle($0, on: connection) }
            }
        while true {
            guard sendOutput(connection) else { return false }
            guard directive == .pause else { return true }
            directive = connection.codec.resume { handle($0, on: connection) }
        }
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
        } else if connection.drainUntil != 0 {
            deadline = connection.drainUntil
        } else {
            switch connection.codec.phase {
            case .idle:
                idle = true
                deadline = now + timeouts.keepAlive
            case .head:
                deadline = connection.codec.headDeadline(now: now, timeout: timeouts.header)
            case .body, .closed:
                deadline = now + timeouts.io
            }
        }
        if idle && !server.isAccepting { return close(connection) }
        connection.isIdle.store(idle, ordering: .relaxed)
        // Last before the hand-off: publishes this thread's writes to the next one (`serve`).
        connection.deadline.store(deadline, ordering: .releasing)
        do {
            try epoll.modify(
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
            connection.codec.close()
            connection.drainUntil = Clock.milliseconds() + 2000
            return drain(connection, until: connection.drainUntil)
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
                connection.deadline.store(until, ordering: .releasing)
                do {
                    try epoll.modify(
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
