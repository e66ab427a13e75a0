import Glibc

/// A small, thread-safe logger that writes lines to standard error.
///
/// ```swift
/// app.logger.info("database ready")
/// ```
public struct Logger: Sendable {
    /// How serious a message is.
    public enum Level: Int, Sendable, Comparable {
        /// Detail for finding a fault; dropped at the default level.
        case debug
        /// Normal events, such as the access log's request lines; printed without a prefix.
        case info
        /// Something probably wrong that the app survives; printed as `warning: ...`.
        case warning
        /// A failure, such as a view that threw; printed as `error: ...`.
        case error
        /// Orders levels by severity, `debug` lowest, so `level >= .warning` reads naturally.
        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }

        /// The level named `debug`, `info`, `warning` (or `warn`) or `error`, in any case
        /// (`--log-level`, `MICROFLASK_LOG_LEVEL`); nil for any other name.
        public init?(name: String) {
            switch name.lowercased() {
            case "debug": self = .debug
            case "info": self = .info
            case "warning", "warn": self = .warning
            case "error": self = .error
            default: return nil
            }
        }
    }

    /// Messages below this level are dropped.
    public var level: Level
    let write: @Sendable (String) -> Void

    /// A logger writing to standard error (the default), or to `write`.
    public init(level: Level = .info, write: (@Sendable (String) -> Void)? = nil) {
        self.level = level
        self.write = write ?? Logger.standardError
    }

    /// Logs at debug level.
    public func debug(_ message: @autoclosure () -> String) { log(.debug, message()) }
    /// Logs at info level.
    public func info(_ message: @autoclosure () -> String) { log(.info, message()) }
    /// Logs at warning level.
    public func warning(_ message: @autoclosure () -> String) { log(.warning, message()) }
    /// Logs at error level.
    public func error(_ message: @autoclosure () -> String) { log(.error, message()) }

    func log(_ messageLevel: Level, _ message: @autoclosure () -> String) {
        guard messageLevel >= level else { return }
        write(messageLevel == .info ? message() : "\(messageLevel): \(message())")
    }

    /// One `write(2)` per line, so lines from several threads never interleave.
    @Sendable static func standardError(_ line: String) {
        var text = line
        text += "\n"
        text.withUTF8 { bytes in _ = Glibc.write(2, bytes.baseAddress, bytes.count) }
    }
}
