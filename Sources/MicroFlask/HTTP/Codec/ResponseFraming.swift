/// How one response goes on the wire: its framing, whether its body is sent, and whether the
/// connection stays open after it (RFC 9112 sections 6.3 and 9.3).
struct ResponseFraming: Equatable {
    /// The framing header written in the head.
    var framing: ResponseSerializer.Framing
    /// Whether the connection may serve another request after this response.
    var keepAlive: Bool
    /// Whether body bytes follow the head (not for HEAD, nor for 1xx, 204 and 304).
    var sendsBody: Bool
    /// Whether a streamed body is sent chunk-coded (HTTP/1.1) or ended by closing (HTTP/1.0).
    var chunksStream: Bool

    /// Decides the framing of `response` to a request with this method and version.
    /// `keepAlive` is whether the request and the server allow the connection to go on.
    init(for response: Response, method: Method, version: HTTPVersion, keepAlive: Bool) {
        var keepAlive = keepAlive
        if let value = response.headers["Connection"], value.lowercased().contains("close") { keepAlive = false }
        let forbidsBody = response.status.forbidsBody
        sendsBody = method != .HEAD && !forbidsBody
        // HTTP/1.0 has no chunked coding: a streamed body is ended by closing the connection.
        chunksStream = version.minor >= 1
        switch response.body {
        case _ where forbidsBody: framing = .none
        case .bytes(let bytes): framing = .length(bytes.count)
        case .file(let region): framing = .length(region.length)
        case .stream:
            framing = sendsBody && chunksStream ? .chunked : .none
            if !chunksStream { keepAlive = false }
        }
        self.keepAlive = keepAlive
    }
}
