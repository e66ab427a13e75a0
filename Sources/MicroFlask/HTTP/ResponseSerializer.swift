/// Writes response heads (and byte bodies) into a reusable buffer, ready for one `send`.
enum ResponseSerializer {
    /// A header from a handler would break the framing (CR, LF or NUL, or a bad name).
    struct InvalidHeader: Error, CustomStringConvertible {
        let name: String
        var description: String {
            "response header '\(name.debugDescription)' contains CR, LF, NUL or an invalid name character"
        }
    }

    /// How the body will be framed.
    enum Framing: Equatable {
        case length(Int)
        case chunked
        case none
    }

    /// Appends the status line and header section.
    static func writeHead(
        _ response: Response, framing: Framing, keepAlive: Bool, version: HTTPVersion, date: [UInt8],
        serverName: String?,
        into out: inout [UInt8]
    ) throws(InvalidHeader) {
        for field in response.headers.fields {
            guard isValidName(field.name) else { throw InvalidHeader(name: field.name) }
            guard isValidValue(field.value) else { throw InvalidHeader(name: field.name) }
        }
        append("HTTP/1.1 ", to: &out)
        appendDecimal(response.status.code, to: &out)
        out.append(RequestParser.space)
        out.append(contentsOf: response.status.reasonPhrase.utf8)
        append("\r\n", to: &out)
        var hasDate = false
        for field in response.headers.fields {
            if Headers.equalNames(field.name, "Content-Length") || Headers.equalNames(field.name, "Transfer-Encoding")
                || Headers.equalNames(field.name, "Connection")
            {
                continue
            }
            if !hasDate && Headers.equalNames(field.name, "Date") { hasDate = true }
            out.append(contentsOf: field.name.utf8)
            append(": ", to: &out)
            out.append(contentsOf: field.value.utf8)
            append("\r\n", to: &out)
        }
        if let serverName {
            append("Server: ", to: &out)
            out.append(contentsOf: serverName.utf8)
            append("\r\n", to: &out)
        }
        if !hasDate {
            append("Date: ", to: &out)
            out.append(contentsOf: date)
            append("\r\n", to: &out)
        }
        switch framing {
        case .length(let length):
            append("Content-Length: ", to: &out)
            appendDecimal(length, to: &out)
            append("\r\n", to: &out)
        case .chunked:
            append("Transfer-Encoding: chunked\r\n", to: &out)
        case .none:
            break
        }
        if !keepAlive {
            append("Connection: close\r\n", to: &out)
        } else if version == .http1_0 {
            append("Connection: keep-alive\r\n", to: &out)
        }
        append("\r\n", to: &out)
    }

    @inline(__always)
    static func append(_ text: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    @inline(__always)
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value < 10 {
            out.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var remaining = value
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            while remaining > 0 && count < 20 {
                raw[19 - count] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
                count += 1
            }
            out.append(contentsOf: raw[(20 - count)...])
        }
    }

    /// Appends one chunk of a chunked body.
    static func appendChunk(_ bytes: [UInt8], to out: inout [UInt8]) {
        let hex = String(bytes.count, radix: 16)
        out.append(contentsOf: hex.utf8)
        append("\r\n", to: &out)
        out.append(contentsOf: bytes)
        append("\r\n", to: &out)
    }

    private static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy(RequestParser.isTokenByte)
    }

    private static func isValidValue(_ value: String) -> Bool {
        !value.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0 }
    }
}
