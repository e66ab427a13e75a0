import Foundation
import Synchronization

/// The HTTP/1.1 server: a listener and a few threads sharing one epoll instance (or, with
/// `pollGroups`, several, each with its own threads).
///
/// It knows nothing of routes: it calls one `(HTTPRequest) -> Response` function. Each ready
/// connection is served, start to finish, by the thread that claimed it (see `PollSlot`).
/// ```swift
/// let server = Server(configuration: config) { request in Response.text("hi") }
/// let address = try server.start()      // port 0 binds a free port
/// ...
/// server.stop()                         // graceful: finishes requests in flight
/// ```
///
/// `@unchecked Sendable` by its locks: `listener` is used under `acceptLock`, the worker lists
/// and counts under `stateLock`; `address` and `monitorThread` are set by `start()` before the
/// threads that read them exist; the flags the threads poll are atomics.
public final class Server: @unchecked Sendable {
    /// The settings the server was created with.
    public let configuration: ServerConfiguration
    /// The configuration's timeouts in milliseconds, checked once.
    let timeouts: ServerConfiguration.Milliseconds
    let handler: @Sendable (HTTPRequest) -> Response
    /// Consulted for `Expect: 100-continue`: a response here is sent instead of `100 Continue`.
    let expectation: (@Sendable (HTTPRequest) -> Response?)?
    let logger: Logger
    /// The body budget and spooling settings every connection shares.
    let bodySpooling: BodySpooling

    /// One epoll per poll group; a worker polls its group's, and a connection lives in the
    /// epoll of the group that accepted it.
    let epolls: [Epoll]
    /// One per poll group: events taken from that group's stuck workers (see `EventBatch`).
    let handOffs: [HandOffQueue]
    /// Set in `start()`, closed in `stop()`; `acceptLock` keeps a closing listener from being used.
    private var listener: Socket?
    private let acceptLock = NSLock()
    /// The Unix socket file this server bound, removed at stop if it is still that file.
    private var boundSocketFile: Socket.FileIdentity?
    private let wake: WakeEvent
    let registry = ConnectionRegistry()

    private let running = Atomic<Bool>(false)
    private let accepting = Atomic<Bool>(false)
    private let stateLock = NSCondition()
    private var workers: [Worker] = []
    private var threads: [Thread] = []
    /// Workers that are polling or serving (the rest are parked spares).
    /// Guarded by `stateLock`; mirrored in `activeWorkers` for the lock-free check in `shouldPark`.
    private var activeCount = 0 {
        didSet { activeWorkers.store(activeCount, ordering: .relaxed) }
    }
    private let activeWorkers = Atomic<Int>(0)
    private var parked: [Worker] = []
    private var wakeups: Set<Int> = []
    private var stopped = false
    private var monitorThread: Thread?

    static let listenerKey = UInt64.max
    static let wakeKey = UInt64.max - 1
    static let handOffKey = UInt64.max - 2

    /// Creates a server that answers every request with `handler`.
    public init(
        configuration: ServerConfiguration = ServerConfiguration(), logger: Logger = Logger(),
        expectation: (@Sendable (HTTPRequest) -> Response?)? = nil,
        handler: @escaping @Sendable (HTTPRequest) -> Response
    ) throws {
        self.configuration = configuration
        self.timeouts = ServerConfiguration.Milliseconds(configuration)
        self.handler = handler
        self.expectation = expectation
        self.logger = logger
        self.bodySpooling = BodySpooling(
            memoryBudget: configuration.bodyMemoryBudget, threshold: configuration.bodySpoolThreshold,
            temporaryDirectory: configuration.temporaryFolder)
        epolls = try (0..<max(1, configuration.pollGroups)).map { _ in try Epoll() }
        handOffs = try epolls.map { _ in try HandOffQueue() }
        wake = try WakeEvent()
    }

    deinit {
        listener?.close()
    }

    var isRunning: Bool { running.load(ordering: .relaxed) }
    var isAccepting: Bool { accepting.load(ordering: .relaxed) }

    /// The bound address, once started.
    public private(set) var address: SocketAddress?

    /// The bound port, once started (useful with port 0).
    public var port: Int { address?.port ?? 0 }

    /// Binds, listens and starts the serving threads. Returns the bound address.
    @discardableResult
    public func start() throws -> SocketAddress {
        Socket.ignoreBrokenPipes()
        let socket: Socket
        if let inherited = configuration.listenerDescriptor {
            socket = try Socket.inherited(inherited)
        } else if let path = configuration.unixSocketPath {
            (socket, boundSocketFile) = try Socket.listen(unixPath: path)
        } else {
            socket = try Socket.listen(
                on: try SocketAddress(host: configuration.host, port: configuration.port),
                reusePort: configuration.reusePort)
        }
        listener = socket
        address = socket.localAddress
        for (epoll, handOff) in zip(epolls, handOffs) {
            try epoll.add(socket.fd, events: Epoll.readable | Epoll.oneShot, key: Server.listenerKey)
            try epoll.add(wake.fd, events: Epoll.readableLevel, key: Server.wakeKey)
            try epoll.add(handOff.wake.fd, events: Epoll.readableLevel | Epoll.edgeTriggered, key: Server.handOffKey)
        }
        running.store(true, ordering: .relaxed)
        accepting.store(true, ordering: .relaxed)
        stateLock.withLock {
            for index in 0..<max(1, configuration.threads, epolls.count) { spawnWorker(group: index % epolls.count) }
            activeCount = workers.count
        }
        let monitor = Thread { [self] in monitorLoop() }
        monitor.name = "microflask-monitor"
        monitor.start()
        monitorThread = monitor
        return socket.localAddress
    }

    /// Stops gracefully: no new connections, requests in flight finish (up to the grace period),
    /// idle connections close. Blocks until every thread has stopped.
    public func stop(gracePeriod: Double? = nil) {
        guard isRunning else { return }
        guard accepting.exchange(false, ordering: .relaxed) else { return waitUntilStopped() }
        acceptLock.withLock {
            if let listener {
                for epoll in epolls { epoll.remove(listener.fd) }
                listener.close()
                self.listener = nil
            }
            if let path = configuration.unixSocketPath {
                Socket.removeSocketFile(at: path, ifStill: boundSocketFile)
            }
        }
        let grace = gracePeriod.map(ServerConfiguration.Milliseconds.of) ?? timeouts.shutdownGrace
        let deadline = Clock.milliseconds() + grace
        while registry.openCount > 0 && Clock.milliseconds() < deadline {
            registry.sweep(now: Clock.milliseconds(), idleToo: true)
            Thread.sleep(forTimeInterval: 0.01)
        }
        if registry.openCount > 0 {
            logger.warning("Grace period over: closing \(registry.openCount) connection(s) still busy.")
            registry.sweep(now: 0, all: true)
            let hardDeadline = Clock.milliseconds() + 1000
            while registry.openCount > 0 && Clock.milliseconds() < hardDeadline { Thread.sleep(forTimeInterval: 0.005) }
        }
        running.store(false, ordering: .relaxed)
        wake.signal()
        stateLock.withLock {
            stopped = true
            for worker in parked { wakeups.insert(worker.index) }
            stateLock.broadcast()
        }
        waitUntilStopped()
        // Workers and the monitor's thread hold the server strongly; letting go of them here ends
        // those cycles (the monitor's was left, so a stopped server and its app were never freed).
        stateLock.withLock {
            workers.removeAll()
            threads.removeAll()
            monitorThread = nil
        }
    }

    /// Blocks until `stop()` has finished (from another thread or a signal).
    public func waitUntilStopped() {
        stateLock.withLock {
            while !(stopped && activeCount == 0 && parked.isEmpty) { stateLock.wait() }
        }
    }

    // MARK: - Threads

    /// Starts one more worker thread in poll group `group` (called with `stateLock` held).
    private func spawnWorker(group: Int) {
        let worker = Worker(server: self, index: workers.count, group: group)
        workers.append(worker)
        let thread = Thread { [self] in
            worker.run()
            stateLock.withLock {
                activeCount -= 1
                stateLock.broadcast()
            }
        }
        thread.name = "microflask-\(worker.index)"
        thread.stackSize = 1 << 20
        threads.append(thread)
        thread.start()
    }

    /// Whether this worker is surplus: more pollers in its group than configured, and not all of
    /// the extra ones are needed to cover handlers that are stuck.
    func shouldPark(_ worker: Worker) -> Bool {
        // The common case, no surplus thread running, costs one atomic load and no lock.
        guard activeWorkers.load(ordering: .relaxed) > configuration.threads else { return false }
        return stateLock.withLock { isSurplus(worker) }
    }

    /// Whether `worker` is more than its poll group needs now (lock held).
    private func isSurplus(_ worker: Worker) -> Bool {
        let group = worker.group
        let active = workers.count { $0.group == group } - parked.count { $0.group == group }
        return active - stuckCount(in: group) > threadsPerGroup(group) && isRunning
    }

    /// The threads poll group `group` starts with (the configured threads, dealt round robin).
    private func threadsPerGroup(_ group: Int) -> Int {
        let total = max(1, configuration.threads, epolls.count)
        return total / epolls.count + (group < total % epolls.count ? 1 : 0)
    }

    func park(_ worker: Worker) {
        stateLock.withLock {
            // Decided again under the lock that parks: two surplus workers that both saw
            // `shouldPark` true must not both park, or the group is left with no poller.
            guard isSurplus(worker) else { return }
            activeCount -= 1
            parked.append(worker)
            while !wakeups.contains(worker.index) { stateLock.wait() }
            wakeups.remove(worker.index)
            parked.removeAll { $0 === worker }
            activeCount += 1
        }
    }

    /// Workers of poll group `group` that have been inside one event longer than the hand-off
    /// threshold (lock held).
    private func stuckCount(in group: Int) -> Int {
        let limit = Clock.milliseconds() - configuration.handoffMilliseconds
        return workers.reduce(0) { count, worker in
            let since = worker.busySince.load(ordering: .relaxed)
            return worker.group == group && since != 0 && since <= limit ? count + 1 : count
        }
    }

    /// Moves what is left of each stuck worker's batch to its group's hand-off queue, so that
    /// a handler that blocks holds up no connection but its own (lock held).
    private func handOffStuckBatches() {
        let limit = Clock.milliseconds() - configuration.handoffMilliseconds
        for worker in workers {
            let since = worker.busySince.load(ordering: .relaxed)
            guard since != 0 && since <= limit else { continue }
            handOffs[worker.group].put(worker.batch.takeRest())
        }
    }

    /// Whether every active worker of poll group `group` is stuck *waiting* (asleep or in I/O)
    /// inside a handler. A worker that is only preempted, or busy computing, is not helped by
    /// another poller.
    private func everyActiveWorkerIsBlocked(in group: Int) -> Bool {
        let active = workers.count { $0.group == group } - parked.count { $0.group == group }
        guard active > 0, stuckCount(in: group) >= active else { return false }
        let limit = Clock.milliseconds() - configuration.handoffMilliseconds
        return workers.allSatisfy { worker in
            let since = worker.busySince.load(ordering: .relaxed)
            guard worker.group == group, since != 0 && since <= limit else { return true }  // parked or polling
            return ThreadInfo.isWaiting(threadID: worker.threadID.load(ordering: .relaxed))
        }
    }

    /// Every millisecond while a worker serves: if every active worker of a poll group is stuck
    /// in a handler, let another thread poll that group's epoll. Every 100 ms: time out connections past their deadline.
    ///
    /// While no worker serves anything the tick is 5 ms instead: an idle server then wakes 200
    /// times a second rather than 1,000, and a view that blocks right after an idle tick is
    /// covered at most 4 ms later, well inside the 50 ms the blocking-view tests allow.
    private func monitorLoop() {
        var lastSweep = Clock.milliseconds()
        var anyBusy = true
        while isRunning {
            Thread.sleep(forTimeInterval: anyBusy ? 0.001 : 0.005)
            let now = Clock.milliseconds()
            stateLock.withLock {
                anyBusy = workers.contains { $0.busySince.load(ordering: .relaxed) != 0 }
                guard isRunning else { return }
                handOffStuckBatches()
                for group in epolls.indices where everyActiveWorkerIsBlocked(in: group) {
                    if let slot = parked.lastIndex(where: { $0.group == group }) {
                        wakeups.insert(parked.remove(at: slot).index)
                        stateLock.broadcast()
                    } else if workers.count < configuration.maxThreads {
                        spawnWorker(group: group)
                        activeCount += 1
                    }
                }
            }
            if now - lastSweep >= 100 {
                lastSweep = now
                registry.sweep(now: now)
            }
        }
    }

    // MARK: - Connections

    /// Accepts every waiting connection into poll group `group`, then re-arms the listener there.
    func acceptConnections(group: Int) {
        acceptLock.withLock { acceptLocked(into: epolls[group]) }
    }

    private func acceptLocked(into epoll: Epoll) {
        guard let listener, isAccepting else { return }
        let headerDeadline = timeouts.header
        for _ in 0..<64 {
            let accepted: (Socket, SocketAddress)?
            do {
                accepted = try listener.accept()
            } catch {
                if error.code == EMFILE || error.code == ENFILE {
                    logger.error("Out of file descriptors (\(error)); raise `ulimit -n`.")
                    Thread.sleep(forTimeInterval: 0.01)
                }
                break
            }
            guard let (socket, address) = accepted else { break }
            socket.setNoDelay()
            let connection = Connection(
                socket: socket, remoteAddress: address.host, limits: configuration.limits, spooling: bodySpooling)
            connection.deadline.store(Clock.milliseconds() + headerDeadline, ordering: .relaxed)
            let slot = registry.add(connection)
            do {
                try epoll.add(socket.fd, events: Epoll.readable | Epoll.edgeTriggered, key: slot.key)
            } catch {
                close(connection)
            }
        }
        try? epoll.modify(listener.fd, events: Epoll.readable | Epoll.oneShot, key: Server.listenerKey)
    }

    /// Closes a connection: out of the registry first, then the descriptor, then its slot is
    /// free for reuse (see `ConnectionRegistry`). Called by the connection's owner.
    func close(_ connection: Connection) {
        let slot = registry.remove(connection)
        connection.socket.close()
        if let slot { registry.recycle(slot) }
    }
}
