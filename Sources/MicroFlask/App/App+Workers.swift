import Foundation
import Glibc

/// `--workers N`: N server processes sharing the port through `SO_REUSEPORT`, under a
/// supervisor that restarts any that dies. A Swift trap (an index out of range, a force
/// unwrap of nil) ends one worker process, not the service.
extension App {
    /// The environment variable that marks a process as a supervised worker.
    static let workerEnvironmentKey = "MICROFLASK_WORKER"

    /// Runs the supervisor: starts the workers, restarts the ones that die (with a back-off when
    /// they die young), and on SIGINT/SIGTERM stops them all and returns 0.
    func superviseWorkers(count: Int, host: String, port: Int, arguments: [String], signals: inout sigset_t) -> Int32 {
        // Port 0: find a free port once, so that every worker binds the same one. (The probe
        // socket is closed before the workers start: one that listened would take a share of the
        // connections and never accept them.)
        var chosenPort = port
        if port == 0 {
            do {
                let probe = try Socket.listen(on: try SocketAddress(host: host, port: 0))
                chosenPort = probe.localAddress.port
                probe.close()
            } catch {
                Logger.standardError("Error: \(error)")
                return 1
            }
        }
        let supervisor = WorkerSupervisor(
            executable: URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(),
            arguments: App.workerArguments(arguments, port: chosenPort), logger: logger)
        for index in 0..<count { supervisor.start(index) }
        // Announce the address only once a worker answers on it.
        let ready = Date().addingTimeInterval(10)
        while !App.acceptsConnections(host: host, port: chosenPort) && Date() < ready { usleep(20_000) }
        Logger.standardError(" * Serving MicroFlask app '\(name)' with \(count) worker processes")
        Logger.standardError(
            " * Running on http://\(host.contains(":") ? "[\(host)]" : host):\(chosenPort) (Press CTRL+C to quit)")
        var received: Int32 = 0
        sigwait(&signals, &received)
        supervisor.stopAll(gracePeriod: config.shutdownGracePeriod + 1)
        return 0
    }

    /// Whether something accepts TCP connections on `host:port`.
    static func acceptsConnections(host: String, port: Int) -> Bool {
        guard let address = try? SocketAddress(host: host, port: port) else { return false }
        return Socket.acceptsConnections(at: address)
    }

    /// The command line for a worker: the same options, without `--workers`, on a fixed port.
    static func workerArguments(_ arguments: [String], port: Int) -> [String] {
        var result: [String] = []
        var index = 0
        while index < arguments.count {
            switch arguments[index] {
            case "--workers", "--port", "-p": index += 2
            default:
                result.append(arguments[index])
                index += 1
            }
        }
        return result + ["--port", String(port)]
    }
}

/// Starts and restarts worker processes.
///
/// `@unchecked Sendable` by its lock: `processes` and `stopping` are read and written only
/// under `lock` (termination handlers run on Foundation's threads).
final class WorkerSupervisor: @unchecked Sendable {
    private let executable: URL
    private let arguments: [String]
    private let logger: Logger
    private let lock = NSLock()
    private var processes: [Int: Process] = [:]
    private var stopping = false

    init(executable: URL, arguments: [String], logger: Logger) {
        self.executable = executable
        self.arguments = arguments
        self.logger = logger
    }

    func start(_ index: Int) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment[App.workerEnvironmentKey] = String(index)
        process.environment = environment
        let started = Date()
        process.terminationHandler = { [self] ended in
            let restart = lock.withLock { !stopping }
            guard restart else { return }
            let how =
                ended.terminationReason == .uncaughtSignal
                ? "signal \(ended.terminationStatus)" : "status \(ended.terminationStatus)"
            logger.error("Worker \(index) (pid \(ended.processIdentifier)) exited with \(how); starting a new one.")
            // A worker that dies within a second of starting is crash-looping: back off.
            if Date().timeIntervalSince(started) < 1 { sleep(1) }
            start(index)
        }
        // Started and recorded under the lock, and never once stopping began: `stopAll` then
        // signals every worker that exists, even one a back-off was about to replace.
        lock.withLock {
            guard !stopping else { return }
            do {
                try process.run()
                processes[index] = process
            } catch {
                logger.error("Cannot start worker \(index): \(error)")
            }
        }
    }

    /// Sends SIGTERM to every worker and waits for them (then SIGKILL after `gracePeriod`).
    func stopAll(gracePeriod: Double) {
        let running = lock.withLock {
            stopping = true
            return Array(processes.values)
        }
        for process in running where process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let deadline = Date().addingTimeInterval(gracePeriod)
        while running.contains(where: \.isRunning) && Date() < deadline { usleep(20_000) }
        for process in running where process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
