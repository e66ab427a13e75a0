import Foundation

/// How the server listens, how many threads serve, and its limits and timeouts.
public struct ServerConfiguration: Sendable {
    /// The address to bind. Default `127.0.0.1` (loopback only, like Flask).
    public var host = "127.0.0.1"
    /// The port to bind; 0 picks a free one (read it back from `Server.port`). Default 5000.
    public var port = 5000
    /// The threads that poll for ready connections and run handlers. Default: one per CPU this
    /// process may use (its affinity, so `taskset` and container limits are respected).
    public var threads = ThreadInfo.availableCPUs
    /// The most threads, counting the extra pollers started while handlers block. Default 64.
    public var maxThreads = 64
    /// Request size limits.
    public var limits = HTTPLimits()
    /// The bytes request bodies may hold in memory together; past it a body goes to a temporary
    /// file instead. Default 64 MiB.
    public var bodyMemoryBudget = BodyMemoryBudget.defaultLimit
    /// Bodies larger than this many bytes go to a temporary file as they arrive. Default 1 MiB.
    public var bodySpoolThreshold = BodyAccumulator.defaultSpoolThreshold
    /// Where spooled bodies are written; nil means `$TMPDIR` or `/tmp`.
    public var temporaryFolder: String?
    /// Idle time allowed between keep-alive requests, in seconds. Default 5.
    public var keepAliveTimeout: Double = 5
    /// Time allowed to send a whole request head, in seconds (slowloris). Default 10.
    public var headerTimeout: Double = 10
    /// Time allowed without progress while a body is read or a response is written. Default 30.
    public var ioTimeout: Double = 30
    /// How long `stop()` waits for requests in flight, in seconds. Default 10.
    public var shutdownGracePeriod: Double = 10
    /// The `Server` header; nil sends none.
    public var serverName: String?
    /// A Unix socket file to listen on instead of `host` and `port` (`--unix-socket`); nil (the
    /// default) listens on TCP. The server removes a stale file at start and its own at stop.
    public var unixSocketPath: String?
    /// Bind with `SO_REUSEPORT` so several processes can share the port.
    public var reusePort = false
    /// How long a blocked handler may hold every poller before another thread takes over polling, in ms.
    public var handoffMilliseconds = 2

    /// The defaults described on each property.
    public init() {}

    /// The timeouts in whole milliseconds, computed once: clamped to 0...1 day, and a value
    /// that is not a number (NaN, infinity) counts as a day rather than stopping the server.
    struct Milliseconds: Sendable {
        let keepAlive: Int
        let header: Int
        let io: Int
        let shutdownGrace: Int

        init(_ configuration: ServerConfiguration) {
            keepAlive = Milliseconds.of(configuration.keepAliveTimeout)
            header = Milliseconds.of(configuration.headerTimeout)
            io = Milliseconds.of(configuration.ioTimeout)
            shutdownGrace = Milliseconds.of(configuration.shutdownGracePeriod)
        }

        static func of(_ seconds: Double) -> Int {
            seconds.isFinite ? Int(min(max(seconds, 0), 86_400) * 1000) : 86_400_000
        }
    }
}
