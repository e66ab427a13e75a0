/// The handler the server calls, with the access log around the dispatcher when it is on.
extension App {
    /// `dispatcher.respond(to:)`, timed and logged when `config.accessLog` is on. The handler
    /// holds the app (the dispatcher only points back to it), so it lives as long as the server.
    func servingHandler(_ dispatcher: Dispatcher) throws -> @Sendable (HTTPRequest) -> Response {
        guard config.accessLog else {
            return { [self] request in withExtendedLifetime(self) { dispatcher.respond(to: request) } }
        }
        let log = try accessLog()
        if log.needsDuration {
            return { [self] request in
                let started = Clock.nanoseconds()
                let response = withExtendedLifetime(self) { dispatcher.respond(to: request) }
                log.record(request, response, started: started)
                return response
            }
        }
        return { [self] request in
            let response = withExtendedLifetime(self) { dispatcher.respond(to: request) }
            log.record(request, response, started: 0)
            return response
        }
    }

    /// The app's access log, made on first use for `config.accessLogFormat` and
    /// `config.accessLogFile`; later servers of the same app share it.
    func accessLog() throws -> AccessLog {
        try lock.withLock {
            if let accessLogSlot, accessLogSlot.format == config.accessLogFormat,
                accessLogSlot.path == config.accessLogFile
            {
                return accessLogSlot
            }
            let sink: LogSink
            if let path = config.accessLogFile {
                do {
                    sink = try LogSink.appending(to: path)
                } catch {
                    throw AccessLogError(path: path, reason: error)
                }
            } else {
                sink = LogSink()
            }
            let log = AccessLog(format: config.accessLogFormat, path: config.accessLogFile, sink: sink)
            accessLogSlot?.sink.close()
            accessLogSlot = log
            return log
        }
    }

    /// Writes out the access log lines still in memory (at shutdown; tests use it too).
    func flushAccessLog() {
        lock.withLock { accessLogSlot }?.sink.flush()
    }
}

/// The access log file cannot be opened.
struct AccessLogError: Error, CustomStringConvertible {
    let path: String
    let reason: any Error
    var description: String { "Cannot open the access log file \(path): \(reason)" }
}
