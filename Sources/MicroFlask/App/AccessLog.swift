import Glibc

/// The access log: one line per request in `format`, appended to a `LogSink` so the request
/// thread formats bytes into memory and never waits for the log's `write(2)`.
final class AccessLog: Sendable {
    let format: AccessLogFormat
    /// The file it appends to; nil for standard error.
    let path: String?
    let sink: LogSink

    init(format: AccessLogFormat, path: String?, sink: LogSink) {
        self.format = format
        self.path = path
        self.sink = sink
    }

    /// Whether lines carry the request's duration (then the caller reads the clock before the view).
    var needsDuration: Bool { format == .json }

    /// Appends the line for one answered request. `started` is `Clock.nanoseconds()` before
    /// the request was dispatched (only read for formats with a duration).
    func record(_ request: HTTPRequest, _ response: Response, started: UInt64) {
        let now = time(nil)
        let second = Int(now)
        let address = request.remoteAddress
        let code = response.status.code
        let size = request.method == .HEAD ? nil : response.bodyLength
        switch format {
        case .werkzeug:
            sink.append(maxLength: AccessLogLine.maxLength(request, address: address)) { line, cache in
                let stamp = cache.bytes(for: second) { AccessLogLine.werkzeugTime($0) }
                AccessLogLine.werkzeug(request, address: address, code: code, stamp: stamp, into: &line)
            }
        case .combined:
            let referer = request.firstFieldValue("Referer")
            let agent = request.firstFieldValue("User-Agent")
            let maxLength = AccessLogLine.maxLength(request, address: address, referer: referer, agent: agent)
            sink.append(maxLength: maxLength) { line, cache in
                let stamp = cache.bytes(for: second) { AccessLogLine.combinedTime($0) }
                AccessLogLine.combined(
                    request, address: address, code: code, size: size, referer: referer, agent: agent, stamp: stamp,
                    into: &line)
            }
        case .json:
            let micros = Int((Clock.nanoseconds() &- started) / 1000)
            let referer = request.firstFieldValue("Referer")
            let agent = request.firstFieldValue("User-Agent")
            let requestID = request.requestID
            let maxLength = AccessLogLine.maxLength(
                request, address: address, referer: referer, agent: agent, requestID: requestID)
            sink.append(maxLength: maxLength) { line, cache in
                let stamp = cache.bytes(for: second) { AccessLogLine.isoTime($0) }
                AccessLogLine.json(
                    request, address: address, code: code, size: size, micros: micros, referer: referer, agent: agent,
                    requestID: requestID, stamp: stamp, into: &line)
            }
        }
    }
}
