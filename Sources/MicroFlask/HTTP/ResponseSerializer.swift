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
    ///
    /// One pass over the fields validates them, drops those the framing writes itself, and
    /// measures the head; a second writes it into temporary memory (on the stack for common
    /// sizes) that is appended to `out` at once.
    static func writeHead(
        _ response: Response, framing: Framing, keepAlive: Bool, version: HTTPVersion, date: [UInt8],
        serverName: String?,
        into out: inout [UInt8]
    ) throws(InvalidHeader) {
        let fields = response.headers.fields
        let reason = response.status.reasonPhrase
        // "HTTP/1.1 " + code + " " + reason + CRLF, the framing lines, and the final CRLF.
        var size = 9 + HeadBytes.maxDecimalLength + 1 + reason.utf8.count + 2 + 2
        size += 6 + date.count + 2
        if let serverName { size += 8 + serverName.utf8.count + 2 }
        size += 16 + HeadBytes.maxDecimalLength + 2 + 28 + 24
        var hasDate = false
        for field in fields {
            guard isValidName(field.name), isValidValue(field.value) else { throw InvalidHeader(name: field.name) }
            switch kind(of: field.name) {
            case .framing: continue
            case .date: hasDate = true
            case .other: break
            }
            size += field.name.utf8.count + 2 + field.value.utf8.count + 2
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: size) { buffer in
            var head = HeadBytes(buffer)
            head.write("HTTP/1.1 ")
            head.writeDecimal(response.status.code)
            head.write(" ")
            head.write(reason)
            head.write("\r\n")
            for field in fields where kind(of: field.name) != .framing {
                head.write(field.name)
                head.write(": ")
                head.write(field.value)
                head.write("\r\n")
            }
            if let serverName {
                head.write("Server: ")
                head.write(serverName)
                head.write("\r\n")
            }
            if !hasDate {
                head.write("Date: ")
                head.write(date)
                head.write("\r\n")
            }
            switch framing {
            case .length(let length):
                head.write("Content-Length: ")
                head.writeDecimal(length)
                head.write("\r\n")
            case .chunked:
                head.write("Transfer-Encoding: chunked\r\n")
            case .none:
                break
            }
            if !keepAlive {
                head.write("Connection: close\r\n")
            } else if version == .http1_0 {
                head.write("Connection: keep-alive\r\n")
            }
            head.write("\r\n")
            out.append(contentsOf: head.written)
        }
    }

    /// What a response field is to the serializer.
    private enum FieldKind {
        /// `Content-Length`, `Transfer-Encoding` or `Connection`: written from the framing instead.
        case framing
        /// `Date`: the handler's own replaces the server's.
        case date
        case other
    }

    /// Classifies a field by its name, told apart by length first so that most fields cost no
    /// comparison.
    @inline(__always)
    private static func kind(of name: String) -> FieldKind {
        switch name.utf8.count {
        case 4: Headers.equalNames(name, "Date") ? .date : .other
        case 10: Headers.equalNames(name, "Connection") ? .framing : .other
        case 14: Headers.equalNames(name, "Content-Length") ? .framing : .other
        case 17: Headers.equalNames(name, "Transfer-Encoding") ? .framing : .other
        default: .other
        }
    }

    @inline(__always)
    static func append(_ text: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
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
        let valid = name.utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.isEmpty && bytes.allSatisfy(RequestParser.isTokenByte)
        }
        return valid ?? (!name.isEmpty && name.utf8.allSatisfy(RequestParser.isTokenByte))
    }

    private static func isValidValue(_ value: String) -> Bool {
        func valid(_ byte: UInt8) -> Bool { byte >= 0x20 || (byte != 0x0D && byte != 0x0A && byte != 0) }
        return value.utf8.withContiguousStorageIfAvailable { $0.allSatisfy(valid) } ?? value.utf8.allSatisfy(valid)
    }
}
