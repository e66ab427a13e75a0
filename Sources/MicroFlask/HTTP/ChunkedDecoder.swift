/// Decodes a `Transfer-Encoding: chunked` body incrementally (RFC 9112 section 7.1).
///
/// Pull-style: each `next` call reports one span of chunk data (as a range of the input, never
/// copied), the end of the body, or that it needs more bytes. Chunk extensions are checked
/// against their grammar (section 7.1.1) and skipped; a chunk line (size and extensions) may be
/// at most `maxChunkLineLength` bytes (4 KiB by default, 400 beyond), so a client cannot make the
/// server read an endless extension. Trailer lines are validated like header fields and dropped.
/// Line endings must be CRLF, and each declared size is checked against the body limit before
/// its data is accepted; nothing is allocated from a declared size.
struct ChunkedDecoder {
    /// What one `next` call found.
    enum Step: Equatable {
        /// Chunk data at this range of the input.
        case data(Range<Int>)
        /// The final CRLF after the trailers was read: the body is complete.
        case end
        /// Every byte given was consumed; more are needed.
        case needMore
    }

    private enum State {
        case size
        /// Whitespace after the size: only a chunk extension may follow (`BWS ";"`).
        case sizeWhitespace
        /// After `;`: optional whitespace, then an extension name.
        case extensionNameStart
        case extensionName
        /// After a name: whitespace, `=`, `;` or the end of the line.
        case extensionAfterName
        /// After `=`: optional whitespace, then a token or a quoted string.
        case extensionValueStart
        case extensionToken
        case extensionQuoted
        case extensionQuotedEscape
        /// After a value: whitespace, `;` or the end of the line.
        case extensionAfterValue
        case sizeLF
        case data(remaining: Int)
        case dataCR
        case dataLF
        case trailerLineStart
        case trailerName
        case trailerValue
        case trailerLF(blank: Bool)
        case done
    }

    private var state = State.size
    private var size = 0
    private var sizeDigits = 0
    private var lineBytes = 0
    private var trailerBytes = 0
    private(set) var total = 0
    let maxBodySize: Int
    let maxTrailerSize: Int
    let maxChunkLineLength: Int

    /// The default bound on one chunk line (size plus extensions, without the CRLF).
    static let defaultMaxChunkLineLength = 4 * 1024

    init(
        maxBodySize: Int, maxTrailerSize: Int = 32 * 1024,
        maxChunkLineLength: Int = ChunkedDecoder.defaultMaxChunkLineLength
    ) {
        self.maxBodySize = maxBodySize
        self.maxTrailerSize = maxTrailerSize
        self.maxChunkLineLength = maxChunkLineLength
    }

    /// Consumes bytes from `position` until it finds chunk data, the end, or the end of `bytes`.
    /// Stops right after the final CRLF so pipelined bytes that follow are left alone.
    mutating func next(_ bytes: UnsafeBufferPointer<UInt8>, at position: inout Int) -> Result<Step, RequestParseError> {
        while position < bytes.count {
            let byte = bytes[position]
            if case .data(let remaining) = state {
                let take = min(remaining, bytes.count - position)
                let start = position
                position += take
                state = remaining == take ? .dataCR : .data(remaining: remaining - take)
                return .success(.data(start..<position))
            }
            if isInChunkLine {
                lineBytes += 1
                if lineBytes > maxChunkLineLength + 1 {  // + 1: the line's CR
                    return .failure(.bad("A chunk line is longer than \(maxChunkLineLength) bytes."))
                }
            }
            if let error = consume(byte) { return .failure(error) }
            position += 1
            if case .done = state { return .success(.end) }
        }
        if case .done = state { return .success(.end) }
        return .success(.needMore)
    }

    private var isInChunkLine: Bool {
        switch state {
        case .size, .sizeWhitespace, .extensionNameStart, .extensionName, .extensionAfterName,
            .extensionValueStart, .extensionToken, .extensionQuoted, .extensionQuotedEscape, .extensionAfterValue:
            return true
        default:
            return false
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool { byte == RequestParser.space || byte == RequestParser.tab }

    /// `qdtext` and the bytes a `quoted-pair` may escape (RFC 9110 section 5.6.4): no controls but HTAB.
    private static func isQuotedTextByte(_ byte: UInt8) -> Bool {
        byte == RequestParser.tab || (byte >= RequestParser.space && byte != 0x7F)
    }

    /// Advances the byte-level state machine by one byte (not chunk data); nil when it is valid.
    private mutating func consume(_ byte: UInt8) -> RequestParseError? {
        switch state {
        case .size:
            if let digit = PercentEncoding.hexValue(byte) {
                sizeDigits += 1
                guard sizeDigits <= 15 else { return tooLarge }
                size = size << 4 | Int(digit)
            } else if sizeDigits == 0 {
                return .bad("A chunk size is not a hexadecimal number.")
            } else if byte == UInt8(ascii: ";") {
                state = .extensionNameStart
            } else if Self.isWhitespace(byte) {
                state = .sizeWhitespace
            } else if byte == RequestParser.cr {
                state = .sizeLF
            } else {
                return .bad("A chunk size is followed by an invalid character.")
            }
        case .sizeWhitespace:
            if byte == UInt8(ascii: ";") {
                state = .extensionNameStart
            } else if !Self.isWhitespace(byte) {
                return .bad("A chunk size is followed by whitespace but no extension.")
            }
        case .extensionNameStart:
            if RequestParser.isTokenByte(byte) {
                state = .extensionName
            } else if !Self.isWhitespace(byte) {
                return .bad("A chunk extension has no valid name.")
            }
        case .extensionName:
            if RequestParser.isTokenByte(byte) { break }
            return afterExtensionName(byte)
        case .extensionAfterName:
            return afterExtensionName(byte)
        case .extensionValueStart:
            if byte == UInt8(ascii: "\"") {
                state = .extensionQuoted
            } else if RequestParser.isTokenByte(byte) {
                state = .extensionToken
            } else if !Self.isWhitespace(byte) {
                return .bad("A chunk extension value is neither a token nor a quoted string.")
            }
        case .extensionToken:
            if RequestParser.isTokenByte(byte) { break }
            return afterExtensionValue(byte)
        case .extensionQuoted:
            if byte == UInt8(ascii: "\"") {
                state = .extensionAfterValue
            } else if byte == UInt8(ascii: "\\") {
                state = .extensionQuotedEscape
            } else if !Self.isQuotedTextByte(byte) {
                return .bad("A chunk extension's quoted string contains a control character.")
            }
        case .extensionQuotedEscape:
            guard Self.isQuotedTextByte(byte) else {
                return .bad("A chunk extension's quoted string escapes a control character.")
            }
            state = .extensionQuoted
        case .extensionAfterValue:
            return afterExtensionValue(byte)
        case .sizeLF:
            guard byte == RequestParser.lf else { return .bad("A chunk size line must end with CRLF.") }
            lineBytes = 0
            if size == 0 {
                state = .trailerLineStart
            } else {
                guard total + size <= maxBodySize else { return tooLarge }
                total += size
                state = .data(remaining: size)
            }
            size = 0
            sizeDigits = 0
        case .data:
            break  // handled in `next`
        case .dataCR:
            guard byte == RequestParser.cr else { return .bad("Chunk data is longer than its declared size.") }
            state = .dataLF
        case .dataLF:
            guard byte == RequestParser.lf else { return .bad("Chunk data must end with CRLF.") }
            state = .size
        case .trailerLineStart:
            if byte == RequestParser.cr {
                state = .trailerLF(blank: true)
            } else if RequestParser.isTokenByte(byte) {
                state = .trailerName
            } else if Self.isWhitespace(byte) {
                return .bad("Obsolete line folding is not accepted in trailers.")
            } else {
                return .bad("A trailer line has no valid field name.")
            }
            return countTrailerByte()
        case .trailerName:
            if byte == UInt8(ascii: ":") {
                state = .trailerValue
            } else if !RequestParser.isTokenByte(byte) {
                return .bad("A trailer field name contains an invalid character or has no colon.")
            }
            return countTrailerByte()
        case .trailerValue:
            if byte == RequestParser.cr {
                state = .trailerLF(blank: false)
            } else if (byte < RequestParser.space && byte != RequestParser.tab) || byte == 0x7F {
                return .bad("A trailer field value contains a control character.")
            }
            return countTrailerByte()
        case .trailerLF(let blank):
            guard byte == RequestParser.lf else { return .bad("A trailer line must end with CRLF.") }
            state = blank ? .done : .trailerLineStart
        case .done:
            break
        }
        return nil
    }

    private mutating func afterExtensionName(_ byte: UInt8) -> RequestParseError? {
        switch byte {
        case UInt8(ascii: "="): state = .extensionValueStart
        case UInt8(ascii: ";"): state = .extensionNameStart
        case RequestParser.cr: state = .sizeLF
        case _ where Self.isWhitespace(byte): state = .extensionAfterName
        default: return .bad("A chunk extension name contains an invalid character.")
        }
        return nil
    }

    private mutating func afterExtensionValue(_ byte: UInt8) -> RequestParseError? {
        switch byte {
        case UInt8(ascii: ";"): state = .extensionNameStart
        case RequestParser.cr: state = .sizeLF
        case _ where Self.isWhitespace(byte): state = .extensionAfterValue
        default: return .bad("A chunk extension value contains an invalid character.")
        }
        return nil
    }

    private mutating func countTrailerByte() -> RequestParseError? {
        trailerBytes += 1
        guard trailerBytes <= maxTrailerSize else {
            return RequestParseError(status: .requestHeaderFieldsTooLarge, reason: "The trailer section is too large.")
        }
        return nil
    }

    private var tooLarge: RequestParseError {
        RequestParseError(status: .contentTooLarge, reason: "The chunked body is larger than \(maxBodySize) bytes.")
    }
}
