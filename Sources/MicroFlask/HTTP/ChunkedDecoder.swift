/// Decodes a `Transfer-Encoding: chunked` body incrementally (RFC 9112 section 7.1).
///
/// Chunk extensions are skipped, trailers are read and dropped, line endings must be CRLF,
/// and sizes are checked against the body limit before any data is accepted.
struct ChunkedDecoder {
    private enum State {
        case size
        /// Whitespace after the size: only a chunk extension may follow (`BWS ";"`).
        case sizeWhitespace
        case sizeExtension
        case sizeLF
        case data(remaining: Int)
        case dataCR
        case dataLF
        case trailerLineStart
        case trailerLine
        case trailerLF(blank: Bool)
        case done
    }

    private var state = State.size
    private var size = 0
    private var sizeDigits = 0
    private var trailerBytes = 0
    private(set) var total = 0
    let maxBodySize: Int
    let maxTrailerSize: Int

    init(maxBodySize: Int, maxTrailerSize: Int = 32 * 1024) {
        self.maxBodySize = maxBodySize
        self.maxTrailerSize = maxTrailerSize
    }

    var isDone: Bool {
        if case .done = state { return true }
        return false
    }

    /// Consumes bytes from `start`, appending chunk data to `body`; returns the index reached.
    /// Stops right after the final CRLF so pipelined bytes that follow are left alone.
    mutating func decode(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, into body: inout [UInt8]) -> Result<
        Int, RequestParseError
    > {
        var i = start
        while i < bytes.count {
            let byte = bytes[i]
            switch state {
            case .size:
                if let digit = PercentEncoding.hexValue(byte) {
                    sizeDigits += 1
                    guard sizeDigits <= 15 else { return .failure(tooLarge) }
                    size = size << 4 | Int(digit)
                    i += 1
                } else if sizeDigits == 0 {
                    return .failure(.bad("A chunk size is not a hexadecimal number."))
                } else if byte == UInt8(ascii: ";") {
                    state = .sizeExtension
                    i += 1
                } else if byte == RequestParser.space || byte == RequestParser.tab {
                    state = .sizeWhitespace
                    i += 1
                } else if byte == RequestParser.cr {
                    state = .sizeLF
                    i += 1
                } else {
                    return .failure(.bad("A chunk size is followed by an invalid character."))
                }
            case .sizeWhitespace:
                if byte == UInt8(ascii: ";") {
                    state = .sizeExtension
                } else if byte != RequestParser.space && byte != RequestParser.tab {
                    return .failure(.bad("A chunk size is followed by whitespace but no extension."))
                }
                i += 1
            case .sizeExtension:
                if byte == RequestParser.cr {
                    state = .sizeLF
                } else if (byte < RequestParser.space && byte != RequestParser.tab) || byte == 0x7F {
                    return .failure(.bad("A chunk extension contains a control character."))
                }
                i += 1
            case .sizeLF:
                guard byte == RequestParser.lf else { return .failure(.bad("A chunk size line must end with CRLF.")) }
                i += 1
                if size == 0 {
                    state = .trailerLineStart
                } else {
                    guard total + size <= maxBodySize else { return .failure(tooLarge) }
                    total += size
                    state = .data(remaining: size)
                }
                size = 0
                sizeDigits = 0
            case .data(let remaining):
                let take = min(remaining, bytes.count - i)
                body.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<(i + take)]))
                i += take
                state = remaining == take ? .dataCR : .data(remaining: remaining - take)
            case .dataCR:
                guard byte == RequestParser.cr else {
                    return .failure(.bad("Chunk data is longer than its declared size."))
                }
                state = .dataLF
                i += 1
            case .dataLF:
                guard byte == RequestParser.lf else { return .failure(.bad("Chunk data must end with CRLF.")) }
                state = .size
                i += 1
            case .trailerLineStart:
                state = byte == RequestParser.cr ? .trailerLF(blank: true) : .trailerLine
                if byte == RequestParser.lf { return .failure(.bad("A trailer line must end with CRLF.")) }
                i += 1
                trailerBytes += 1
            case .trailerLine:
                if byte == RequestParser.cr {
                    state = .trailerLF(blank: false)
                } else if (byte < RequestParser.space && byte != RequestParser.tab) || byte == 0x7F {
                    return .failure(.bad("A trailer field contains a control character."))
                }
                i += 1
                trailerBytes += 1
                guard trailerBytes <= maxTrailerSize else {
                    return .failure(
                        RequestParseError(
                            status: .requestHeaderFieldsTooLarge, reason: "The trailer section is too large."))
                }
            case .trailerLF(let blank):
                guard byte == RequestParser.lf else { return .failure(.bad("A trailer line must end with CRLF.")) }
                i += 1
                if blank {
                    state = .done
                    return .success(i)
                }
                state = .trailerLineStart
            case .done:
                return .success(i)
            }
        }
        return .success(i)
    }

    private var tooLarge: RequestParseError {
        RequestParseError(status: .contentTooLarge, reason: "The chunked body is larger than \(maxBodySize) bytes.")
    }
}
