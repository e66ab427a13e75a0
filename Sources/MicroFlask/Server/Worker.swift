import Synchronization

/// One serving thread's loop and its private, reused buffers: it takes a batch of events from
/// its group's epoll, and for each claims that connection's slot and serves it (read, parse,
/// run handlers, write) inline.
///
/// What is left of a batch while a handler blocks is handed to the group's other pollers by
/// the monitor (see `EventBatch`), so a blocking handler holds up only its own connection.
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
    /// The events of the last wait not served yet; the monitor hands them off if this worker
    /// is stuck.
    let batch = EventBatch()
    let handOff: HandOffQueue

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
        self.handOff = server.handOffs[group]
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
            guard let event = nextEvent() else { continue }
            busySince.store(Clock.milliseconds(), ordering: .relaxed)
            switch event.key {
            case Server.listenerKey:
                server.acceptConnections(group: group)
            case Server.wakeKey:
                break
            case Server.handOffKey:
                handOff.wake.consume()  // the events themselves are taken by `nextEvent`
            default:
                let slot = PollSlot.from(key: event.key)
                if slot.claim() { serve(slot, untilEmpty: event.peerEnded) }
            }
            busySince.store(0, ordering: .relaxed)
        }
    }

    /// The rest of this worker's batch first, then events handed off by a stuck worker of the
    /// group, then a new batch; nil when it parked or the wait was interrupted.
    private func nextEvent() -> ReadyEvent? {
        if let event = batch.take() ?? handOff.take() { return event }
        if server.shouldPark(self) {
            server.park(self)
            return nil
        }
        return batch.refill(from: epoll)
    }

    // MARK: - Serving a connection

    /// Serves the connection in a slot this thread claimed, again for as long as events came
    /// while it did, then lets it wait in the epoll.
    ///
    /// Edge-triggered, every byte must be read before the slot is released or it waits for an
    /// edge that never comes. A read shorter than the buffer empties the socket, and a byte that
    /// arrives later is a new edge, except the peer's end when it came before the read: so the
    /// read goes on to EAGAIN when the event reported that end, and when events came meanwhile
    /// (one of them may have).
    func serve(_ slot: PollSlot, untilEmpty peerEnded: Bool) {
        guard let connection = slot.connection else { return }
        var untilEmpty = peerEnded
        while true {
            serve(connection, untilEmpty: untilEmpty)
            guard connection.isOpen, !slot.release() else { return }
            untilEmpty = true
        }
    }

    /// Reads and answers what the connection has, until the socket has no more or it must wait
    /// to write; leaves it closed or ready to wait (`prepareToWait`).
    func serve(_ connection: Connection, untilEmpty: Bool) {
        connection.deadline.store(Int.max, ordering: .relaxed)
        connection.isIdle.store(false, ordering: .relaxed)
        if connection.hasPendingOutput {
            switch flushPending(connection) {
            case .done: break
            case .blocked: return prepareToWait(connection, writable: true)
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
            // A short read emptied the socket: the read that would only return EAGAIN is skipped.
            if count < Worker.scratchSize && !untilEmpty { break }
        }
        prepareToWait(connection, writable: false)
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

    /// Sets the deadline that applies to what the connection will wait for, before its slot is
    /// released: the keep-alive timeout when idle, the header timeout (from the head's first
    /// byte) while a head arrives, the I/O timeout while a body arrives or a response waits for
    /// the socket. The first wait to write adds writability to its epoll registration.
    func prepareToWait(_ connection: Connection, writable: Bool) {
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
        connection.deadline.store(deadline, ordering: .relaxed)
        if writable && !connection.watchesWritable {
            connection.watchesWritable = true
            do {
                try epoll.modify(
                    connection.socket.fd, events: Epoll.readable | Epoll.writable | Epoll.edgeTriggered,
                    key: connection.pollKey)
            } catch {
                close(connection)
            }
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
                connection.deadline.store(until, ordering: .relaxed)
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
