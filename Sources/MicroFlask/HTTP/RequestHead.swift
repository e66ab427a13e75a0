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
    /// The first letters of the head's field names, one bit each (see `initialBit`): a field
    /// whose initial is missing is not there, so looking for it scans nothing. Every bit (any
    /// field may be there) unless the parser filled it in.
    var fieldInitials: UInt32 = .max

    /// The bit of `fieldInitials` for a field name starting with `byte`: one per letter, any
    /// case, and one shared by every other first byte.
    @inline(__always)
    static func initialBit(_ byte: UInt8) -> UInt32 {
        let lower = byte | 0x20
        return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
            ? 1 << UInt32(lower - UInt8(ascii: "a")) : 1 << 26
    }
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
