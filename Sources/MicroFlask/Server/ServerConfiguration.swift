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
    /// How many epoll instances share the work, each polled by its own part of `threads`. Default
    /// 1: every thread polls one epoll, which is best up to a few cores. On a machine with many
    /// cores, a group per 4 to 8 cores keeps the pollers from contending on one ready list; the
    /// listener is in every group, and a connection stays in the group that accepted it.
    public var pollGroups = 1
    /// Request size limits.
    public var limits = HTTPLimits()
    /// The bytes request bodies may hold in memory together; past it a body goes to a temporary
    /// file instead. Default 64 MiB.
    public var bodyMemoryBudget = BodyMemoryBudget.defaultLimit
    /// Bodies larger than this many bytes go to a temporary file as they arrive. Default 1 MiB.
    public var bodySpoolThreshold = BodyAccumulator.defaultSpoolThreshold
    /// Where spooled bodies are written; nil means `$TMPDIR` or `/tmp`.
    public var temporaryFolder: String?
    /// Asked for each `multipart/form-data` request head: the limits to parse its form with as
    /// the body arrives (fields in memory, file parts straight to their temporary files, the raw
    /// body not kept; 400 or 413 before the body ends), or nil to receive the body whole. The
    /// request has no body yet. Default nil. An app gives the limits when a route matched.
    public var formParsing: (@Sendable (HTTPRequest) -> FormLimits?)?
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
    /// A listening socket to serve instead of binding `host:port`: one inherited from the
    /// supervisor (pre-fork workers share its accept queue) or from systemd (`LISTEN_FDS`).
    public var listenerDescriptor: Int32?
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
