/// Writing response heads through the codec, with the one fallback both the server and the
/// test client use when a handler's header would break the framing.
extension HTTP1Codec {
    /// What `writeHead` wrote.
    enum HeadOutcome {
        /// The response's own head; its body (if `sendsBody`) goes next.
        case written
        /// A header was invalid: a complete 500 (head and body) was written instead, and the
        /// response's body must not be sent. The error says which header.
        case replaced(ResponseSerializer.InvalidHeader, framing: ResponseFraming)
    }

    /// Appends the head of `response` framed as `framing` to `out`; on an invalid header,
    /// appends a whole 500 response instead (the connection's keep-alive is kept).
    static func writeHead(
        _ response: Response, framing: ResponseFraming, method: Method, version: HTTPVersion, date: [UInt8],
        serverName: String?, into out: inout [UInt8]
    ) -> HeadOutcome {
        let mark = out.count
        do {
            try ResponseSerializer.writeHead(
                response, framing: framing.framing, keepAlive: framing.keepAlive, version: version, date: date,
                serverName: serverName, into: &out)
            return .written
        } catch {
            out.removeSubrange(mark...)
            let fallback = ProtocolErrorPage.internalServerError()
            let fallbackFraming = ResponseFraming(
                for: fallback, method: method, version: version, keepAlive: framing.keepAlive)
            try? ResponseSerializer.writeHead(
                fallback, framing: fallbackFraming.framing, keepAlive: framing.keepAlive, version: version,
                date: date, serverName: serverName, into: &out)
            if fallbackFraming.sendsBody { out.append(contentsOf: fallback.bodyBytes) }
            return .replaced(error, framing: fallbackFraming)
        }
    }
}
