import Foundation
import Glibc

/// `--workers N` and `--reload`: a supervisor holding the one listening socket, and worker
/// processes that inherit it (see `WorkerSupervisor`). A Swift trap (an index out of range, a
/// force unwrap of nil) ends one worker, whose request is logged, not the service.
extension App {
    /// Runs the supervisor until SIGINT/SIGTERM; returns the exit status.
    func supervise(
        workers: Int, reload: Bool, host: String, port: Int, unixSocket: String? = nil, arguments: [String],
        listener inherited: Int32?
    ) -> Int32 {
        let signals = SignalWait([SIGINT, SIGTERM, SIGHUP, SIGCHLD, SIGUSR1])
        let executable = AppRoot.runningExecutable ?? CommandLine.arguments[0]
        var reloader: Reloader?
        if reload {
            guard let found = Reloader(executable: executable, environment: ProcessInfo.processInfo.environment)
            else {
                Logger.standardError(
                    "Error: --reload rebuilds the package the executable was built in, and '\(executable)' is in none.")
                return 1
            }
            reloader = found
        }
        let listener: Socket
        var boundSocketFile: Socket.FileIdentity?
        do {
            if let inherited {
                listener = try Socket.inherited(inherited)
            } else if let unixSocket {
                (listener, boundSocketFile) = try Socket.listen(unixPath: unixSocket)
            } else {
                listener = try Socket.listen(on: try SocketAddress(host: host, port: port))
            }
        } catch {
            Logger.standardError("Error: \(error)")
            return 1
        }
        let count = workers
        let supervisor = WorkerSupervisor(
            listener: listener.fd, executable: executable,
            arguments: [executable] + App.workerArguments(arguments), count: count, logger: logger,
            gracePeriod: config.shutdownGracePeriod + 1, signals: signals, reloader: reloader)
        let address = listener.localAddress
        defer { if let unixSocket { Socket.removeSocketFile(at: unixSocket, ifStill: boundSocketFile) } }
        return supervisor.run {
            if let reloader {
                Logger.standardError(
                    " * Serving MicroFlask app '\(name)' with the reloader (\(reloader.method)), \(count) worker(s)")
                Logger.standardError(" * Watching Sources/, Package.swift, templates/ and static/ in \(reloader.root)")
            } else {
                Logger.standardError(" * Serving MicroFlask app '\(name)' with \(count) worker processes")
            }
            Logger.standardError(" * Debug mode: \(config.debug ? "on" : "off")")
            Logger.standardError(" * Running on \(address.isUnix ? "" : "http://")\(address) (Press CTRL+C to quit)")
        }
    }

    /// The command line for a worker: the same options without `--workers` and `--reload`
    /// (the worker serves the supervisor's listener, so `--host` and `--port` do not matter).
    static func workerArguments(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var index = 0
        while index < arguments.count {
            switch arguments[index] {
            case "--workers": index += 2
            case "--reload": index += 1
            case "--unix-socket": index += 2  // the worker serves the supervisor's socket
            default:
                result.append(arguments[index])
                index += 1
            }
        }
        return result
    }

    /// The listener systemd's socket activation passed (fd 3, `LISTEN_FDS` for this
    /// `LISTEN_PID`); the variables are removed so that no child takes them for its own.
    static func activatedListener() -> Int32? {
        let environment = ProcessInfo.processInfo.environment
        defer {
            unsetenv("LISTEN_FDS")
            unsetenv("LISTEN_PID")
            unsetenv("LISTEN_FDNAMES")
        }
        guard let pid = environment["LISTEN_PID"].flatMap(Int32.init), pid == ChildProcess.currentID,
            let count = environment["LISTEN_FDS"].flatMap(Int.init), count >= 1
        else { return nil }
        return 3
    }

    /// What a worker process was given by its supervisor, from its environment.
    struct WorkerSetting {
        let listener: Int32
        let slots: Int32?
        let supervisor: pid_t

        init?(_ environment: [String: String]) {
            guard environment[WorkerSupervisor.workerKey] != nil,
                let listener = environment[WorkerSupervisor.listenerKey].flatMap(Int32.init),
                let supervisor = environment[WorkerSupervisor.supervisorKey].flatMap(Int32.init)
            else { return nil }
            self.listener = listener
            self.slots = environment[WorkerSupervisor.slotsKey].flatMap(Int32.init)
            self.supervisor = supervisor
        }
    }
}
