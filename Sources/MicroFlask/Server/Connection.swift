import Synchronization

/// One client connection. Owned by exactly one thread at a time: the one whose claim on its
/// `PollSlot` succeeded. Other threads only read `deadline`/`isIdle` and may `shutdown()`
/// the socket through the registry, which never closes it.
///
/// `@unchecked Sendable` by that one-owner protocol (the slot's claim hands it from thread to
/// thread, with acquire and release); what other threads read is atomic.
///
/// Its mutable properties are `@exclusivity(unchecked)`: only the owning thread touches them,
/// and never two accesses at once (`Worker.process` hands `codec` a closure that leaves
/// `codec` alone), so the runtime's exclusivity check on every access (a `swift_beginAccess`
/// call, about 80 instructions, several per request) guards nothing here. ThreadSanitizer runs
/// and the codec tests are what check the protocol.
final class Connection: @unchecked Sendable {
    let socket: Socket
    let remoteAddress: String
    /// The index of its slot in the registry; -1 once it is closed.
    @exclusivity(unchecked) var slot = -1
    /// The key its epoll events carry (its slot's), for changing the registration.
    @exclusivity(unchecked) var pollKey: UInt64 = 0
    /// Whether its epoll registration includes writability (added the first time a write blocks).
    @exclusivity(unchecked) var watchesWritable = false

    /// The HTTP/1.1 state: where parsing stands and the bytes not yet parsed.
    @exclusivity(unchecked) var codec: HTTP1Codec
    /// The body of the request now arriving.
    @exclusivity(unchecked) var body: RequestBodyAccumulator
    /// Response bytes the socket would not take yet: `outbound`, then `outboundBody` (a large
    /// response body, kept by reference rather than copied), sent from `outboundOffset` of the two.
    @exclusivity(unchecked) var outbound: [UInt8] = []
    @exclusivity(unchecked) var outboundBody: [UInt8] = []
    @exclusivity(unchecked) var outboundOffset = 0
    /// Set once the connection must close after the outbound bytes are sent.
    @exclusivity(unchecked) var closeAfterWrite = false
    /// Whether an error response ended this connection (so it lingers before closing).
    @exclusivity(unchecked) var lingerAfterWrite = false
    /// Set when a send failed mid-response: the connection closes without more writes.
    @exclusivity(unchecked) var broken = false
    /// While an error response lingers: until when to read and discard (monotonic ms), else 0.
    @exclusivity(unchecked) var drainUntil = 0

    /// When the sweeper may shut the connection (monotonic ms); `Int.max` while a thread serves it.
    let deadline = Atomic<Int>(Int.max)
    /// Whether it rests between requests with nothing buffered (closed first on shutdown).
    let isIdle = Atomic<Bool>(false)

    init(socket: Socket, remoteAddress: String, limits: HTTPLimits, spooling: BodySpooling) {
        self.socket = socket
        self.remoteAddress = remoteAddress
        self.codec = HTTP1Codec(limits: limits)
        self.body = RequestBodyAccumulator(spooling: spooling)
    }

    /// Whether response bytes wait for the socket.
    var hasPendingOutput: Bool { outboundOffset < outbound.count + outboundBody.count }

    /// Whether it is still open (closing takes it out of the registry).
    var isOpen: Bool { slot >= 0 }
}
