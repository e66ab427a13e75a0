/// A sans-I/O HTTP/1.1 request-head parser over bytes (RFC 9112), strict where smuggling hides.
///
/// It works in two steps so that a slowly arriving head is scanned once, not once per read:
/// `scanHead` finds where the head ends (resuming from the last position), then `parseHead`
/// validates the complete head and extracts what the server needs for framing.
enum RequestParser {
    enum Scan: Equatable {
        /// The head is not complete; resume scanning at `resumeAt` when more bytes arrive.
        case incomplete(resumeAt: Int)
        /// The head ends just before `end` (the index after the blank line).
        case complete(end: Int)
        case failure(RequestParseError)
    }

    /// Looks for the blank line that ends the head, enforcing the size limits on the way.
    ///
    /// Every line must end with CRLF: a bare LF is refused at once (400), since a front end that
    /// passes it through may see different message boundaries (request smuggling). Each byte is
    /// looked at once however the head is split, because the checks only look backwards.
    static func scanHead(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, limits: HTTPLimits) -> Scan {
        var lineEnd = 0
        if start > 0 { lineEnd = indexOf(lf, in: bytes, from: 0, to: min(start, bytes.count)) ?? 0 }
        return scanHead(bytes, from: start, requestLineEnd: &lineEnd, limits: limits)
    }

    /// `scanHead`, remembering in `requestLineEnd` where the request line's LF is (0 until it is
    /// seen) so that a head arriving a byte at a time costs time linear in its length.
    static func scanHead(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, requestLineEnd lineEnd: inout Int, limits: HTTPLimits
    ) -> Scan {
        var index = start
        let count = bytes.count
        while index < count {
            // Bytes that are not LF and lie before the limit in force need no look: skip to the
            // next LF or to the limit, whichever is first, and examine that byte as below.
            let limitEnd =
                lineEnd == 0
                ? limits.maxRequestLineLength : lineEnd + min(limits.maxHeaderSize, count) + 1
            if index < limitEnd {
                let searchEnd = min(count, limitEnd)
                guard let next = indexOf(lf, in: bytes, from: index, to: searchEnd) else {
                    index = searchEnd
                    continue
                }
                index = next
            }
            let byte = bytes[index]
            if byte == lf {
                if index == 0 || bytes[index - 1] != cr {
                    return .failure(.bad("A line ends with a bare LF; lines must end with CRLF."))
                }
                // Every earlier LF was checked to follow a CR, so LF CR LF is the blank line.
                if index >= 2, bytes[index - 2] == lf { return .complete(end: index + 1) }
                if lineEnd == 0 { lineEnd = index }
            } else if lineEnd == 0 {
                // The size limits are applied at the byte that passes them, exactly as the check
                // after the loop would for a read ending there, so that what a later byte would
                // say (a bare LF) cannot answer first when the bytes come in one read: one status
                // however the head is split. The line holds every byte before this one, and this
                // one too unless it is the CR before the LF.
                if index > limits.maxRequestLineLength || (byte != cr && index >= limits.maxRequestLineLength) {
                    return oversized(bytes, through: index, .uriTooLong(limits))
                }
            } else if index - lineEnd > limits.maxHeaderSize {
                return oversized(bytes, through: index, .headersTooLarge(limits))
            }
            index += 1
        }
        // Not complete: bytes that cannot start a request (a TLS ClientHello, binary noise) are
        // refused now rather than when the header timeout runs out.
        if !startsLikeARequest(bytes) {
            return .failure(.bad("The bytes received do not start an HTTP request line."))
        }
        // Decide whether it can still fit.
        let requestLineEnd = lineEnd == 0 ? count : lineEnd
        // The limit is on the line itself: its CR (perhaps the last byte so far) does not count.
        var requestLineLength = requestLineEnd
        if requestLineLength > 0, bytes[requestLineLength - 1] == cr { requestLineLength -= 1 }
        if requestLineLength > limits.maxRequestLineLength {
            return .failure(.uriTooLong(limits))
        }
        // (Before the request line ends, the check above bounds the size; after, this one does.)
        if requestLineEnd < count && count - (requestLineEnd + 1) > limits.maxHeaderSize {
            return .failure(.headersTooLarge(limits))
        }
        return .incomplete(resumeAt: count)
    }

    /// The answer for a head that passed a size limit at byte `index`: 400 when the bytes up to
    /// there cannot start a request at all (as the check for a head still arriving says), else `error`.
    private static func oversized(_ bytes: UnsafeBufferPointer<UInt8>, through index: Int, _ error: RequestParseError)
        -> Scan
    {
        if !startsLikeARequest(UnsafeBufferPointer(rebasing: bytes[...index])) {
            return .failure(.bad("The bytes received do not start an HTTP request line."))
        }
        return .failure(error)
    }

    /// Whether the bytes so far can begin `METHOD SP`: token characters, then a space within
    /// the length of the longest method this server knows.
    static func startsLikeARequest(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in 0..<min(bytes.count, maxMethodLength + 1) {
            if bytes[index] == space { return index > 0 }
            if !isTokenByte(bytes[index]) { return false }
        }
        return bytes.count <= maxMethodLength
    }

    private static let maxMethodLength = 16

    /// Parses a complete head (`bytes` ends with the blank line).
    static func parseHead(_ bytes: UnsafeBufferPointer<UInt8>, limits: HTTPLimits) -> Result<
        RequestHead, RequestParseError
    > {
        guard let lineEnd = bytes.firstIndex(of: lf) else {
            return .failure(.bad("The request line is not terminated."))
        }
        guard lineEnd > 0, bytes[lineEnd - 1] == cr else {
            return .failure(.bad("A line ends with a bare LF; lines must end with CRLF."))
        }
        let line = lineEnd - 1
        // Bytes that cannot start a request line are a 400 before the line's length is looked
        // at, as `scanHead` decides for a head still arriving: one answer however it is split.
        if !startsLikeARequest(bytes) {
            return .failure(.bad("The bytes received do not start an HTTP request line."))
        }
        if line > limits.maxRequestLineLength {
            return .failure(.uriTooLong(limits))
        }

        // method SP request-target SP HTTP-version
        guard let firstSpace = indexOf(space, in: bytes, from: 0, to: line), firstSpace > 0 else {
            return .failure(.bad("The request line has no method."))
        }
        guard let secondSpace = indexOf(space, in: bytes, from: firstSpace + 1, to: line), secondSpace > firstSpace + 1
        else {
            return .failure(.bad("The request line must be 'METHOD target HTTP/1.1'."))
        }
        for i in 0..<firstSpace where !isTokenByte(bytes[i]) {
            return .failure(.bad("The method contains an invalid character."))
        }
        // The bound `startsLikeARequest` applies to a head still arriving, so that a head gets
        // the same answer however it is split (found by Fuzz/FuzzCodec).
        guard firstSpace <= maxMethodLength else {
            return .failure(.bad("The method is longer than \(maxMethodLength) bytes."))
        }
        for i in (firstSpace + 1)..<secondSpace where bytes[i] <= space || bytes[i] >= 0x7F {
            return .failure(.bad("The request target contains a space, a control character or a non-ASCII byte."))
        }
        // A fragment is never sent (RFC 9112 section 3.2); a `#` would let the path and the
        // query mean different things to different parsers.
        if indexOf(UInt8(ascii: "#"), in: bytes, from: firstSpace + 1, to: secondSpace) != nil {
            return .failure(.bad("The request target contains '#'."))
        }
        let target: String
        let targetStart = firstSpace + 1
        if bytes[targetStart] == slash {
            target = String(decoding: UnsafeBufferPointer(rebasing: bytes[targetStart..<secondSpace]), as: UTF8.self)
        } else if secondSpace - targetStart == 1 && bytes[targetStart] == UInt8(ascii: "*") {
            target = "*"  // OPTIONS * — asterisk-form.
        } else {
            switch absoluteFormOriginTarget(bytes, targetStart, secondSpace) {
            case .success(let originForm): target = originForm
            case .failure(let error): return .failure(error)
            }
        }
        let version: HTTPVersion
        switch parseVersion(bytes, secondSpace + 1, line) {
        case .success(let parsed): version = parsed
        case .failure(let error): return .failure(error)
        }
        // Methods are an open set: any token reaches the app, which answers 405 or 404 itself.
        let method =
            knownMethod(bytes, 0, firstSpace)
            ?? Method(String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<firstSpace]), as: UTF8.self))

        var head = RequestHead(method: method, target: target, version: version, rawHeaders: [])
        head.fieldInitials = 0
        head.keepAlive = version.minor >= 1
        var sawContentLength = false
        var transferCodings: [String] = []
        var sawTransferEncoding = false
        var hostCount = 0
        var fieldCount = 0
        var connectionClose = false
        var connectionKeepAlive = false

        var cursor = lineEnd + 1
        let headersStart = cursor
        if bytes.count - headersStart > limits.maxHeaderSize {
            return .failure(.headersTooLarge(limits))
        }
        while cursor < bytes.count {
            guard let lfIndex = indexOf(lf, in: bytes, from: cursor, to: bytes.count) else { break }
            guard lfIndex > cursor, bytes[lfIndex - 1] == cr else {
                return .failure(.bad("A line ends with a bare LF; lines must end with CRLF."))
            }
            let end = lfIndex - 1
            if end == cursor { break }  // the blank line
            if bytes[cursor] == space || bytes[cursor] == tab {
                return .failure(.bad("Obsolete line folding is not accepted."))
            }
            fieldCount += 1
            if fieldCount > limits.maxHeaderCount {
                return .failure(
                    RequestParseError(
                        status: .requestHeaderFieldsTooLarge,
                        reason: "More than \(limits.maxHeaderCount) header fields."))
            }
            guard let colon = indexOf(UInt8(ascii: ":"), in: bytes, from: cursor, to: end), colon > cursor else {
                return .failure(.bad("A header line has no field name or colon."))
            }
            for i in cursor..<colon where !isTokenByte(bytes[i]) {
                return .failure(
                    .bad("A header field name contains an invalid character (whitespace before the colon?)."))
            }
            var valueStart = colon + 1
            var valueEnd = end
            while valueStart < valueEnd, bytes[valueStart] == space || bytes[valueStart] == tab { valueStart += 1 }
            while valueEnd > valueStart, bytes[valueEnd - 1] == space || bytes[valueEnd - 1] == tab { valueEnd -= 1 }
            for i in valueStart..<valueEnd {
                let byte = bytes[i]
                if (byte < space && byte != tab) || byte == 0x7F {
                    return .failure(.bad("A header field value contains a control character."))
                }
            }
            head.fieldInitials |= RequestHead.initialBit(bytes[cursor])
            switch fieldName(bytes, cursor, colon) {
            case .contentLength:
                guard let length = parseContentLength(bytes, valueStart, valueEnd) else {
                    return .failure(.bad("Content-Length is not a valid number."))
                }
                if sawContentLength && length != head.contentLength {
                    return .failure(.bad("Conflicting Content-Length values."))
                }
                sawContentLength = true
                head.contentLength = length
            case .transferEncoding:
                sawTransferEncoding = true
                let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<valueEnd]), as: UTF8.self)
                // Empty list elements are ignored (RFC 9110 section 5.6.1); an empty list is not.
                for coding in value.split(separator: ",") {
                    let trimmed = coding.trimmingASCIIWhitespace()
                    if !trimmed.isEmpty { transferCodings.append(trimmed.lowercased()) }
                }
            case .connection:
                forEachToken(bytes, valueStart, valueEnd) { first, last in
                    if equalsIgnoringCase(bytes, first, last, "close") { connectionClose = true }
                    if equalsIgnoringCase(bytes, first, last, "keep-alive") { connectionKeepAlive = true }
                }
            case .expect:
                if equalsIgnoringCase(bytes, valueStart, valueEnd, "100-continue") { head.expectsContinue = true }
            case .host:
                hostCount += 1
            case .cookie:
                head.hasCookie = true
            case .contentType:
                head.hasContentType = true
            case .other:
                break
            }
            cursor = lfIndex + 1
        }
        head.rawHeaders = Array(UnsafeBufferPointer(rebasing: bytes[headersStart..<bytes.count]))

        if sawTransferEncoding && transferCodings.isEmpty {
            return .failure(.bad("Transfer-Encoding is empty."))
        }
        if !transferCodings.isEmpty {
            if sawContentLength { return .failure(.bad("Both Content-Length and Transfer-Encoding are present.")) }
            if version.minor == 0 { return .failure(.bad("Transfer-Encoding is not allowed in HTTP/1.0.")) }
            guard transferCodings.last == "chunked" else {
                return .failure(.bad("The final transfer coding must be 'chunked'."))
            }
            if transferCodings.dropLast().contains(where: { $0 != "chunked" }) {
                return .failure(
                    RequestParseError(
                        status: .notImplemented, reason: "Transfer codings other than chunked are not supported."))
            }
            if transferCodings.count > 1 { return .failure(.bad("'chunked' may be applied only once.")) }
            head.isChunked = true
        }
        if head.contentLength > limits.maxBodySize {
            return .failure(
                RequestParseError(
                    status: .contentTooLarge, reason: "The body is larger than \(limits.maxBodySize) bytes."))
        }
        if version.minor >= 1 && hostCount == 0 { return .failure(.bad("HTTP/1.1 requests must have a Host header.")) }
        if hostCount > 1 { return .failure(.bad("More than one Host header.")) }
        if connectionClose { head.keepAlive = false } else if connectionKeepAlive { head.keepAlive = true }
        return .success(head)
    }

    /// Builds `Headers` from a raw header section that `parseHead` already validated.
    ///
    /// Field names containing `_` are dropped, as Werkzeug, gunicorn and nginx do: behind a
    /// front end that maps `-` and `_` to the same name (CGI/WSGI variables), `X_User` could
    /// otherwise pose as the `X-User` the front end set.
    static func headers(from raw: [UInt8]) -> Headers {
        var fields: [Headers.Field] = []
        raw.withUnsafeBufferPointer { bytes in
            var cursor = 0
            while cursor < bytes.count, let lfIndex = indexOf(lf, in: bytes, from: cursor, to: bytes.count) {
                var end = lfIndex
                if end > cursor, bytes[end - 1] == cr { end -= 1 }
                if end == cursor { break }
                if let colon = indexOf(UInt8(ascii: ":"), in: bytes, from: cursor, to: end),
                    indexOf(UInt8(ascii: "_"), in: bytes, from: cursor, to: colon) == nil
                {
                    var valueStart = colon + 1
                    var valueEnd = end
                    while valueStart < valueEnd, bytes[valueStart] == space || bytes[valueStart] == tab {
                        valueStart += 1
                    }
                    while valueEnd > valueStart, bytes[valueEnd - 1] == space || bytes[valueEnd - 1] == tab {
                        valueEnd -= 1
                    }
                    fields.append(
                        (
                            String(decoding: UnsafeBufferPointer(rebasing: bytes[cursor..<colon]), as: UTF8.self),
                            String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<valueEnd]), as: UTF8.self)
                        ))
                }
                cursor = lfIndex + 1
            }
        }
        return Headers(fields)
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    func trimmingASCIIWhitespace() -> Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
