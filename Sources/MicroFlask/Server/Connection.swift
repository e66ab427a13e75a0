import Synchronization

/// One client connection. Owned by exactly one thread at a time: the one that received its
/// (one-shot) epoll event. Other threads only read `deadline`/`isIdle` and may `shutdown()`
/// the socket through the registry, which never closes it.
///
/// `@unchecked Sendable` by that one-owner protocol (the one-shot event hands it from thread to
/// thread); what other threads read is atomic.
final class Connection: @unchecked Sendable {
    let socket: Socket
    let remoteAddress: String
    /// The slot in the registry, for removal.
    var slot = -1

    /// Where parsing stands.
    enum State {
        /// Waiting for (more of) a request head; the head scan resumes at `scanFrom`.
        case head(scanFrom: Int)
        /// Reading a `Content-Length` body.
        case body(RequestHead, [UInt8])
        /// Reading a chunked body.
        case chunked(RequestHead, ChunkedDecoder, [UInt8])
        /// An error response was sent: read and discard until EOF so the client sees it.
        case draining(until: Int)
    }

    var state = State.head(scanFrom: 0)
    /// Received bytes not yet parsed (empty for a connection at rest, so idle ones cost nothing).
    var inbound: [UInt8] = []
    /// Response bytes the socket would not take yet.
    var outbound: [UInt8] = []
    var outboundOffset = 0
    /// Set once the connection must close after the outbound bytes are sent.
    var closeAfterWrite = false
    /// When the head now arriving sent its first byte (monotonic ms), 0 between requests.
    var headStartedAt = 0
    /// Whether an error response ended this connection (so it lingers before closing).
    var lingerAfterWrite = false

    /// When the sweeper may shut the connection (monotonic ms); `Int.max` while a thread serves it.
    let deadline = Atomic<Int>(Int.max)
    /// Whether it rests between requests with nothing buffered (closed first on shutdown).
    let isIdle = Atomic<Bool>(false)

    init(socket: Socket, remoteAddress: String) {
        self.socket = socket
        self.remoteAddress = remoteAddress
    }

    /// The epoll key: the object's address. The registry keeps it alive until it is closed.
    var key: UInt64 { UInt64(UInt(bitPattern: Unmanaged.passUnretained(self).toOpaque())) }

    static func from(key: UInt64) -> Connection {
        Unmanaged<Connection>.fromOpaque(UnsafeRawPointer(bitPattern: UInt(key))!).takeUnretainedValue()
    }
}
