/// A parsed request line and header section, plus what the server needs for framing.
///
/// Header strings are not built here; `rawHeaders` keeps the bytes until a handler asks.
struct RequestHead {
    var method: Method
    var target: String
    var version: HTTPVersion
    var rawHeaders: [UInt8]
    /// The declared body length; 0 when there is neither `Content-Length` nor chunking.
    var contentLength = 0
    /// Whether the body is sent with chunked transfer coding.
    var isChunked = false
    /// Whether the connection may serve another request after this one.
    var keepAlive = true
    /// Whether the client waits for `100 Continue` before sending the body.
    var expectsContinue = false
    /// Whether the head has a `Cookie` field, and a `Content-Type` field: noted while the head
    /// is parsed, so a request can tell it has no session cookie or form without building its
    /// headers.
    var hasCookie = false
    var hasContentType = false
}

/// Why a request could not be parsed, and the status that says so.
struct RequestParseError: Error, Equatable, CustomStringConvertible {
    let status: Status
    let reason: String

    static func bad(_ reason: String) -> RequestParseError { RequestParseError(status: .badRequest, reason: reason) }

    static func uriTooLong(_ limits: HTTPLimits) -> RequestParseError {
        RequestParseError(
            status: .uriTooLong, reason: "The request line is longer than \(limits.maxRequestLineLength) bytes.")
    }

    static func headersTooLarge(_ limits: HTTPLimits) -> RequestParseError {
        RequestParseError(
            status: .requestHeaderFieldsTooLarge,
            reason: "The header section is larger than \(limits.maxHeaderSize) bytes.")
    }

    var description: String { "\(status.code) \(reason)" }
}
