import Foundation
import Glibc

extension App {
    /// Serves the app until Ctrl-C or SIGTERM, with Flask's command line:
    /// `--host`, `--port`, `--threads`, `--debug`, `--quiet`, and the `routes` command.
    ///
    /// ```swift
    /// try app.run()                  // swift run App --port 8000
    /// ```
    /// Problems a user must fix (a port in use, bad routes, an unknown option) are printed with
    /// what to do, and the process exits with status 1 (2 for usage errors). On SIGINT or
    /// SIGTERM it stops accepting, finishes requests in flight and exits with status 0.
    public func run(
        host: String? = nil, port: Int? = nil, arguments: [String] = Array(CommandLine.arguments.dropFirst())
    ) throws {
        if let name = arguments.first, let command = lock.withLock({ commands[name] }) {
            try command.run(Array(arguments.dropFirst()))
            return
        }
        let options: CommandLineOptions
        do {
            options = try CommandLineOptions.parse(arguments, environment: ProcessInfo.processInfo.environment)
        } catch {
            Logger.standardError("Error: \(error)\n\n\(CommandLineOptions.usage)\(commandUsage)")
            exit(2)
        }
        applyBeforeServing { config in
            if options.debug { config.debug = true }
            if options.quiet { config.accessLog = false }
            if let hops = options.trustedProxies { config.trustedProxies = hops }
            options.deployment.apply(to: &config)
        }
        if let level = options.deployment.logLevel { logger.level = level }
        switch options.command {
        case .help:
            print(CommandLineOptions.usage + commandUsage)
            return
        case .routes(let sort, let check):
            exit(printRoutes(sort: sort, check: check))
        case .serve:
            break
        }
        // Block the shutdown signals before any thread starts, so they all inherit the mask
        // and the signals are taken only by `sigwait` below.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &signals, nil)

        let bindHost = options.host ?? host ?? "127.0.0.1"
        let bindPort = options.port ?? port ?? 5000
        let environment = ProcessInfo.processInfo.environment
        let worker = WorkerSetting(environment)
        let activated = worker == nil ? App.activatedListener() : nil
        if worker == nil, options.workers != nil || options.reload {
            do {
                try freeze()  // report route problems once, before any worker starts
            } catch {
                Logger.standardError("Error: \(error)")
                exit(1)
            }
            exit(
                supervise(
                    workers: options.workers ?? 1, reload: options.reload, host: bindHost, port: bindPort,
                    unixSocket: options.deployment.unixSocket, arguments: arguments, listener: activated))
        }
        if let worker { ChildProcess.exitWithParent(worker.supervisor) }
        // The request each thread serves is kept where a crash can name it: in the slots the
        // supervisor reads, or, in a single process, for the crash handler to print.
        let slots: RequestSlots
        if let fd = worker?.slots, let shared = try? RequestSlots.attach(descriptor: fd) {
            slots = shared
        } else {
            slots = RequestSlots.local()
        }
        RequestSlots.reportCrashes(announce: worker == nil)
        let server: Server
        do {
            server = try withExtendedLifetime(slots) {
                try start(
                    host: bindHost, port: bindPort, threads: options.threads, pollGroups: options.pollGroups,
                    listener: worker?.listener ?? activated, unixSocket: options.deployment.unixSocket)
            }
        } catch {
            Logger.standardError("Error: \(error)")
            exit(1)
        }
        if let worker {
            ChildProcess.send(SIGUSR1, to: worker.supervisor)  // serving: a replaced worker may now stop
        } else {
            Logger.standardError(" * Serving MicroFlask app '\(name)'")
            Logger.standardError(" * Debug mode: \(config.debug ? "on" : "off")")
            let address = server.address.map { $0.isUnix ? "\($0)" : "http://\($0)" } ?? "?"
            Logger.standardError(" * Running on \(address) (Press CTRL+C to quit)")
        }

        var received: Int32 = 0
        sigwait(&signals, &received)
        if worker == nil {
            Logger.standardError(
                " * Shutting down (\(received == SIGINT ? "SIGINT" : "SIGTERM")): finishing requests in flight")
        }
        server.stop()
        flushAccessLog()
        withExtendedLifetime(slots) {}
    }

    /// Starts serving in the background and returns the running server (tests use port 0).
    /// With `listener`, it serves that inherited listening descriptor instead of binding
    /// `host:port` (a supervisor's, shared by its workers, or systemd's).
    ///
    /// ```swift
    /// let server = try app.start(port: 0)
    /// defer { server.stop() }
    /// // connect to 127.0.0.1:\(server.port)
    /// ```
    /// With `unixSocket`, it listens on that socket file instead of `host` and `port`; an
    /// inherited `listener` is used rather than either.
    public func start(
        host: String = "127.0.0.1", port: Int = 5000, threads: Int? = nil, pollGroups: Int? = nil,
        reusePort: Bool = false, listener: Int32? = nil, unixSocket: String? = nil
    ) throws -> Server {
        let dispatcher = try freeze()
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = port
        if let threads { configuration.threads = threads }
        if let pollGroups { configuration.pollGroups = pollGroups }
        configuration.reusePort = reusePort
        configuration.listenerDescriptor = listener
        configuration.unixSocketPath = unixSocket
        configuration.limits = config.limits
        configuration.bodyMemoryBudget = config.bodyMemoryBudget
        configuration.bodySpoolThreshold = config.bodySpoolThreshold
        configuration.temporaryFolder = config.temporaryFolder
        configuration.formParsing = dispatcher.formLimits(for:)
        configuration.keepAliveTimeout = config.keepAliveTimeout
        configuration.headerTimeout = config.headerTimeout
        configuration.shutdownGracePeriod = config.shutdownGracePeriod
        configuration.serverName = config.serverName
        let logger = self.logger
        let handler = try servingHandler(dispatcher)
        let server = try Server(
            configuration: configuration, logger: logger, expectation: dispatcher.refusal(for:),
            handler: App.recordingRequestLines(handler))
        try server.start()
        return server
    }
}

extension Dispatcher {
    /// For `Expect: 100-continue`: the error a request would get without reading its body
    /// (404, 405), or nil when the view will run and read it.
    @Sendable func refusal(for request: HTTPRequest) -> Response? {
        switch table.match(method: request.method, path: request.path) {
        case .found: nil
        case .notFound, .methodNotAllowed, .redirect, .automaticOptions: respond(to: request)
        }
    }

    /// For a multipart request head: the form limits when a route matched (the form is then
    /// parsed before the hooks and the view, so the server may parse it as the body arrives),
    /// nil otherwise (the body is not read as a form).
    @Sendable func formLimits(for request: HTTPRequest) -> FormLimits? {
        guard case .found = table.match(method: request.method, path: request.path) else { return nil }
        return formLimits
    }
}
