/// What the HTTP/1.1 codec found in the bytes it was given, in order.
///
/// A request with a body is `head`, then `continueExpected` (only when the client waits for
/// `100 Continue` before sending its body), then any number of `body` spans, then `end`; a
/// request without a body is `end` alone.
/// `failure` ends the connection: nothing follows it.
enum HTTP1Event {
    /// A complete, validated request head whose body follows.
    case head(RequestHead)
    /// The client sent `Expect: 100-continue` and a body follows: answer `100 Continue` (see
    /// `HTTP1Codec.continueResponse`) or refuse with a final response and `.close`.
    case continueExpected(RequestHead)
    /// Body bytes, decoded (chunked framing removed). Valid only during the callback: copy
    /// what you keep (`RequestBodyAccumulator` does).
    case body(UnsafeBufferPointer<UInt8>)
    /// The request's body is complete; the head again, for answering.
    case end(RequestHead)
    /// The bytes cannot be a valid request: send `error.response` and close (after lingering,
    /// see `HTTP1Codec.lingersAfterFailure`) so the client reads the answer.
    case failure(RequestParseError)
}
