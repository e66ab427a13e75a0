import Foundation
import Glibc

/// The pre-fork supervisor of `--workers` and `--reload`: it holds the one listening socket and
/// the workers inherit it (one accept queue for all, so a worker's death loses only the requests
/// it was serving), starts and restarts them, and takes every signal in one loop:
///
/// - SIGCHLD: a worker ended. One that was not told to stop died: its request slots say what
///   it was serving, which is logged, and a new worker starts at once (after 1 s when the dead
///   one never served: a crash at start-up would loop).
/// - SIGUSR1 from a worker: it is serving (its server started). A replacement waits for this
///   before the worker it replaces is told to stop, so a swap never leaves no one accepting.
/// - SIGHUP: replaces the workers one by one (rolling restart).
/// - SIGINT/SIGTERM: stops every worker gracefully (SIGTERM; requests in flight finish), then
///   SIGKILL after the grace period.
///
/// Single-threaded: everything runs in `run()`'s loop, so it needs no lock.
final class WorkerSupervisor {
    /// One worker process.
    struct Worker {
        let pid: pid_t
        let index: Int
        let slots: RequestSlots
        let started: Int
        var ready = false
        /// Told to stop (a replacement is serving, or the supervisor stops): its end is expected.
        var retiring = false
        /// The worker this one replaces once ready.
        var replaces: pid_t?
    }

    private let listener: Int32
    private let executable: String
    private let arguments: [String]
    private let environment: [String: String]
    private let count: Int
    private let logger: Logger
    private let gracePeriod: Double
    private let signals: SignalWait
    private let reloader: Reloader?
    private var workers: [pid_t: Worker] = [:]
    /// Restarts waiting out a crash-loop back-off: index and when (monotonic ms).
    private var delayedStarts: [(index: Int, at: Int)] = []
    /// Workers a rolling restart has still to replace, in order.
    private var rollingQueue: [pid_t] = []
    private var stopping = false
    /// Set from SIGHUP (or a new build) until every worker is replaced and the old ones ended.
    private var restarting = false
    /// Set once the banner is out: later workers say when they serve.
    private var announced = false

    /// The worker environment keys.
    static let workerKey = "MICROFLASK_WORKER"
    static let listenerKey = "MICROFLASK_LISTEN_FD"
    static let slotsKey = "MICROFLASK_SLOTS_FD"
    static let supervisorKey = "MICROFLASK_SUPERVISOR"

    init(
        listener: Int32, executable: String, arguments: [String], count: Int, logger: Logger, gracePeriod: Double,
        signals: SignalWait, reloader: Reloader?
    ) {
        self.listener = listener
        self.executable = executable
        self.arguments = arguments
        self.count = count
        self.logger = logger
        self.gracePeriod = gracePeriod
        self.signals = signals
        self.reloader = reloader
        var environment = ProcessInfo.processInfo.environment
        environment["LISTEN_FDS"] = nil
        environment["LISTEN_PID"] = nil
        environment["LISTEN_FDNAMES"] = nil
        // The Swift runtime's backtrace of a crashed worker goes to its stderr, which is ours.
        if environment["SWIFT_BACKTRACE"] == nil {
            environment["SWIFT_BACKTRACE"] = "enable=yes,interactive=no,output-to=stderr"
        }
        self.environment = environment
    }

    /// Starts the workers, waits until they serve (at most 10 s), calls `announce`, then
    /// supervises until SIGINT or SIGTERM. Returns the exit status.
    func run(announce: () -> Void) -> Int32 {
        for index in 0..<count { start(index) }
        let ready = Clock.milliseconds() + 10_000
        while !stopping && workers.values.contains(where: { !$0.ready }) && Clock.milliseconds() < ready {
            step(timeout: 100)
        }
        guard !stopping else { return finish() }
        announce()
        announced = true
        while !stopping { step(timeout: reloader == nil ? nextTimer() : 200) }
        return finish()
    }

    /// Takes one signal (or times out), then runs what is due.
    private func step(timeout: Int?) {
        if let (signal, sender) = signals.next(timeoutMilliseconds: timeout) {
            switch signal {
            case SIGCHLD: reapChildren()
            case SIGUSR1: workerReady(sender)
            case SIGHUP: beginRollingRestart()
            case SIGINT, SIGTERM: stopping = true
            default: break
            }
        }
        let now = Clock.milliseconds()
        let due = delayedStarts.filter { $0.at <= now }
        delayedStarts.removeAll { $0.at <= now }
        for start in due where !stopping { self.start(start.index) }
        if let reloader, !stopping { reloader.tick(now: now, logger: logger) }
    }

    private func nextTimer() -> Int? {
        delayedStarts.map { $0.at - Clock.milliseconds() }.min()
    }

    // MARK: - Starting

    @discardableResult
    private func start(_ index: Int, replacing old: pid_t? = nil) -> Bool {
        do {
            let slots = try RequestSlots.shared()
            var environment = self.environment
            environment[WorkerSupervisor.workerKey] = String(index)
            environment[WorkerSupervisor.listenerKey] = "3"
            environment[WorkerSupervisor.slotsKey] = "4"
            environment[WorkerSupervisor.supervisorKey] = String(ChildProcess.currentID)
            let pid: pid_t
            do {
                pid = try ChildProcess.spawn(
                    executable, arguments: arguments, environment: environment,
                    descriptors: [(listener, 3), (slots.descriptor ?? -1, 4)], newProcessGroup: true)
            } catch {
                slots.release()
                throw error
            }
            slots.closeDescriptor()
            workers[pid] = Worker(pid: pid, index: index, slots: slots, started: Clock.milliseconds(), replaces: old)
            return true
        } catch {
            logger.error("Cannot start worker \(index): \(error)")
            delayedStarts.append((index, Clock.milliseconds() + 1000))
            return false
        }
    }

    private func workerReady(_ pid: pid_t) {
        guard var worker = workers[pid], !worker.ready else { return }
        worker.ready = true
        workers[pid] = worker
        if let old = worker.replaces {
            retire(old)
            logger.info(" * Worker \(pid) serving; worker \(old) stopping gracefully")
            continueRollingRestart()
        } else if announced {
            logger.info(" * Worker \(pid) serving")
        }
    }

    private func retire(_ pid: pid_t) {
        guard var worker = workers[pid] else { return }
        worker.retiring = true
        workers[pid] = worker
        ChildProcess.send(SIGTERM, to: pid)
    }

    // MARK: - Rolling restart (SIGHUP, and a new build under --reload)

    /// Replaces every worker, one at a time: the next starts once the previous replacement serves.
    func beginRollingRestart() {
        guard !restarting else {
            logger.info(" * A restart is already under way")
            return
        }
        rollingQueue = workers.values.filter { !$0.retiring }.sorted { $0.index < $1.index }.map(\.pid)
        restarting = true
        logger.info(" * Restarting \(rollingQueue.count) worker(s) one by one")
        continueRollingRestart()
    }

    private func continueRollingRestart() {
        while let old = rollingQueue.first {
            rollingQueue.removeFirst()
            guard let worker = workers[old], !worker.retiring else { continue }
            if start(worker.index, replacing: old) { return }
        }
        reportRestartDone()
    }

    /// Once a rolling restart has nothing left to start and every retired worker has ended.
    private func reportRestartDone() {
        guard restarting, rollingQueue.isEmpty,
            !workers.values.contains(where: { ($0.replaces != nil && !$0.ready) || $0.retiring })
        else { return }
        restarting = false
        logger.info(" * Restart done: \(workers.count) worker(s) serving")
    }

    // MARK: - Ending

    private func reapChildren() {
        for (pid, termination) in ChildProcess.reap() {
            if let reloader, reloader.isBuild(pid) {
                if reloader.buildEnded(termination) { beginRollingRestart() }
                continue
            }
            guard let worker = workers.removeValue(forKey: pid) else { continue }
            let lines = worker.slots.lines
            worker.slots.release()
            if worker.retiring || stopping {
                reportRestartDone()
                continue
            }
            let serving =
                lines.isEmpty
                ? "serving no request"
                : "while serving \(lines[0])"
                    + (lines.count > 1 ? " (and \(lines.dropFirst().joined(separator: ", ")))" : "")
            if worker.replaces != nil {
                // A replacement that died before serving: the worker it was to replace goes on.
                logger.error(
                    "worker \(pid) died (\(termination)) before serving, \(serving); the old worker keeps serving")
                rollingQueue.removeAll()
                reportRestartDone()
                continue
            }
            // One that died before it served (a crash at start-up) would die again at once: back off.
            let young = !worker.ready
            logger.error(
                "worker \(pid) died (\(termination)) \(serving); \(young ? "starting a new one in 1 s" : "starting a new one")"
            )
            if young {
                delayedStarts.append((worker.index, Clock.milliseconds() + 1000))
            } else {
                start(worker.index)
            }
        }
    }

    /// SIGTERM to every worker (and a build under way), then SIGKILL to those still running
    /// after the grace period; returns 0 once all are reaped.
    private func finish() -> Int32 {
        for pid in workers.keys { retire(pid) }
        if let build = reloader?.build { ChildProcess.send(SIGTERM, to: build.pid) }
        let deadline = Clock.milliseconds() + Int(gracePeriod * 1000)
        while !workers.isEmpty {
            let left = deadline - Clock.milliseconds()
            if left <= 0 {
                for pid in workers.keys { ChildProcess.send(SIGKILL, to: pid) }
            }
            if let (signal, _) = signals.next(timeoutMilliseconds: max(left, 100)), signal == SIGCHLD {
                for (pid, _) in ChildProcess.reap() { workers.removeValue(forKey: pid)?.slots.release() }
            }
        }
        return 0
    }
}
