/// The HTTP/1.1 connection state machine, without I/O (RFC 9112): bytes in, events out.
///
/// A value the server keeps per connection (the test suite drives it directly). It holds where
/// parsing stands, the bytes of a request not yet complete, and when the current head began.
/// Feed it what the socket read with `feed`; it calls back with `HTTP1Event`s in order, and the
/// callback's `HTTP1Directive` says whether to go on, pause (back-pressure) or close. When
/// nothing is buffered it parses straight from the caller's buffer, so the common case of whole
/// requests in one read copies nothing. Response framing is decided by `responseFraming`.
///
/// ```swift
/// var codec = HTTP1Codec(limits: HTTPLimits())
/// _ = codec.feed(bytes) { event in
///     if case .end(let head) = event { answer(head) }
///     return .proceed
/// }
/// ```
struct HTTP1Codec {
    /// Where parsing stands.
    enum State {
        /// Waiting for (more of) a request head; the scan resumes at `scanFrom` of the head, and
        /// `lineEnd` is where its request line ended (0 while it has not).
        case head(scanFrom: Int, lineEnd: Int)
        /// A head that expects `100 Continue` was reported; `continueExpected` comes next.
        case afterHead(RequestHead)
        /// Reading a `Content-Length` body; `end` is reported when `remaining` reaches 0.
        case body(RequestHead, remaining: Int)
        /// Reading a chunked body.
        case chunked(RequestHead, ChunkedDecoder)
        /// After a failure or a `.close` directive: every further byte is ignored.
        case closed
    }

    /// What the connection is waiting for, which decides its timeout.
    enum Phase: Equatable {
        /// Between requests with nothing buffered (the keep-alive timeout applies).
        case idle
        /// Part of a head has arrived (the header timeout applies, from its first byte).
        case head
        /// A body is arriving (the I/O timeout applies).
        case body
        /// No more requests will be read.
        case closed
    }

    let limits: HTTPLimits
    private(set) var state = State.head(scanFrom: 0, lineEnd: 0)
    /// Bytes received and not yet parsed: the start of an incomplete request, or requests left
    /// for later by a `.pause`. Empty (no storage) for a connection at rest.
    var inbound: [UInt8] = []
    /// When the head now arriving sent its first byte (the caller's clock), 0 between requests.
    private var headStartedAt = 0

    init(limits: HTTPLimits) { self.limits = limits }

    /// Error responses close the connection after a linger (half-close, then drain), so a
    /// client still sending reads the answer rather than a reset.
    static let lingersAfterFailure = true

    /// The interim response that tells a waiting client to send its body.
    static let continueResponse: StaticString = "HTTP/1.1 100 Continue\r\n\r\n"

    var phase: Phase {
        switch state {
        case .head(let scanFrom, _): return scanFrom == 0 && inbound.isEmpty ? .idle : .head
        case .afterHead, .body, .chunked: return .body
        case .closed: return .closed
        }
    }

    /// Whether `resume` has bytes to work on.
    var hasBufferedInput: Bool { !inbound.isEmpty }

    /// The deadline for the head now arriving: `timeout` after its first byte was seen, which is
    /// `now` unless an earlier call saw it.
    mutating func headDeadline(now: Int, timeout: Int) -> Int {
        if headStartedAt == 0 { headStartedAt = now }
        return headStartedAt + timeout
    }

    /// Returns the next event in `bytes` from `position`, advancing it; nil when more bytes are
    /// needed (`position` then marks the first byte to keep for later).
    mutating func next(in bytes: UnsafeBufferPointer<UInt8>, at position: inout Int) -> HTTP1Event? {
        while true {
            switch state {
            case .head(let scanFrom, var lineEnd):
                guard position < bytes.count else { return nil }
                // Tolerate empty lines before a request line (RFC 9112 section 2.2).
                if scanFrom == 0, bytes[position] == RequestParser.cr || bytes[position] == RequestParser.lf {
                    position += 1
                    continue
                }
                let rest = UnsafeBufferPointer(rebasing: bytes[position...])
                switch RequestParser.scanHead(rest, from: scanFrom, requestLineEnd: &lineEnd, limits: limits) {
                case .incomplete(let resumeAt):
                    state = .head(scanFrom: resumeAt, lineEnd: lineEnd)
                    return nil
                case .failure(let error):
                    return fail(error, bytes, &position)
                case .complete(let end):
                    headStartedAt = 0
                    position += end
                    switch RequestParser.parseHead(UnsafeBufferPointer(rebasing: rest[0..<end]), limits: limits) {
                    case .failure(let error):
                        return fail(error, bytes, &position)
                    case .success(let head):
                        // A request without a body is complete at once: `end` alone, with no
                        // state change (the common path: one event, no copy of the head kept).
                        let hasBody = head.isChunked || head.contentLength > 0
                        guard hasBody else {
                            state = .head(scanFrom: 0, lineEnd: 0)
                            return .end(head)
                        }
                        // Straight to the body state unless `continueExpected` comes first.
                        state = head.expectsContinue ? .afterHead(head) : Self.bodyState(for: head, limits)
                        return .head(head)
                    }
                }
            case .afterHead(let head):
                state = Self.bodyState(for: head, limits)
                return .continueExpected(head)
            case .body(let head, let remaining):
                if remaining == 0 {
                    state = .head(scanFrom: 0, lineEnd: 0)
                    return .end(head)
                }
                guard position < bytes.count else { return nil }
                let start = position
                position += min(remaining, bytes.count - position)
                state = .body(head, remaining: remaining - (position - start))
                return .body(UnsafeBufferPointer(rebasing: bytes[start..<position]))
            case .chunked(let head, var decoder):
                switch decoder.next(bytes, at: &position) {
                case .failure(let error):
                    return fail(error, bytes, &position)
                case .success(.data(let range)):
                    state = .chunked(head, decoder)
                    return .body(UnsafeBufferPointer(rebasing: bytes[range]))
                case .success(.end):
                    state = .head(scanFrom: 0, lineEnd: 0)
                    return .end(head)
                case .success(.needMore):
                    state = .chunked(head, decoder)
                    return nil
                }
            case .closed:
                position = bytes.count
                return nil
            }
        }
    }

    /// How the body of `head` is read: by length (0 when there is none) or chunked.
    private static func bodyState(for head: RequestHead, _ limits: HTTPLimits) -> State {
        head.isChunked
            ? .chunked(head, ChunkedDecoder(maxBodySize: limits.maxBodySize))
            : .body(head, remaining: head.contentLength)
    }

    private mutating func fail(
        _ error: RequestParseError, _ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int
    ) -> HTTP1Event {
        close()
        position = bytes.count
        return .failure(error)
    }

    /// Stops reading requests: what is buffered is dropped and every later byte ignored.
    mutating func close() {
        state = .closed
        inbound = []
        headStartedAt = 0
    }
}
