import Glibc

/// The byte-level pieces of request parsing: token and field-name tests, the method and
/// version, `Content-Length` values and header tokens.
extension RequestParser {

    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let slash = UInt8(ascii: "/")

    @inline(__always)
    static func indexOf(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        // memchr looks at a vector of bytes per step; a byte loop costs several instructions each.
        guard from < to, let base = bytes.baseAddress else { return nil }
        guard let found = memchr(base + from, Int32(byte), to - from) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// RFC 9110 `tchar`: ALPHA, DIGIT and ``tokenSymbols``. Two 64-bit masks (bit n of the
    /// first for byte n, of the second for byte 64 + n), literals rather than a table: a global
    /// table is initialised lazily, and each look at it cost a `swift_once` call and a bounds
    /// check, a dozen times per request.
    @inline(__always)
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0..<64: (0x03FF_6CFA_0000_0000 as UInt64) >> byte & 1 != 0
        case 64..<128: (0x57FF_FFFF_C7FF_FFFE as UInt64) >> (byte &- 64) & 1 != 0
        default: false
        }
    }

    /// The symbols `tchar` allows besides letters and digits.
    static let tokenSymbols = "!#$%&'*+-.^_`|~"

    static func knownMethod(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Method? {
        for (token, method) in knownMethodTokens where equals(bytes, start, end, token) { return method }
        return nil
    }

    /// The standard methods as literals, recognised without making a string; any other token
    /// is a method too.
    private static let knownMethodTokens: [(StaticString, Method)] = [
        ("GET", .GET), ("HEAD", .HEAD), ("POST", .POST), ("PUT", .PUT), ("DELETE", .DELETE), ("PATCH", .PATCH),
        ("OPTIONS", .OPTIONS), ("CONNECT", .CONNECT), ("TRACE", .TRACE),
    ]

    /// Compares bytes with an ASCII literal, case included.
    @inline(__always)
    static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ literal: StaticString) -> Bool {
        literal.utf8CodeUnitCount == end - start
            && memcmp(bytes.baseAddress! + start, literal.utf8Start, end - start) == 0
    }

    static func parseVersion(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Result<
        HTTPVersion, RequestParseError
    > {
        let prefix: StaticString = "HTTP/"
        let prefixEnd = start + prefix.utf8CodeUnitCount
        guard end > prefixEnd, equals(bytes, start, prefixEnd, prefix) else {
            return .failure(.bad("The request line must end with an HTTP version such as HTTP/1.1."))
        }
        let digits = UnsafeBufferPointer(rebasing: bytes[prefixEnd..<end])
        func digit(_ byte: UInt8) -> Int? {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
        }
        if digits.count == 3, let major = digit(digits[0]), digits[1] == UInt8(ascii: "."), let minor = digit(digits[2])
        {
            if major == 1 { return .success(HTTPVersion(major: 1, minor: min(minor, 1))) }
            if major >= 2 {
                return .failure(
                    RequestParseError(
                        status: .httpVersionNotSupported, reason: "Only HTTP/1.0 and HTTP/1.1 are supported."))
            }
            return .failure(.bad("Unsupported HTTP version."))
        }
        if digits.count == 1, let major = digit(digits[0]), major >= 2 {
            return .failure(
                RequestParseError(status: .httpVersionNotSupported, reason: "Only HTTP/1.0 and HTTP/1.1 are supported.")
            )
        }
        return .failure(.bad("Malformed HTTP version."))
    }

    /// For `http://authority/path?query` targets (absolute-form), the origin-form target the
    /// app routes on: the path (`/` when empty) and the query.
    ///
    /// The authority ends at the first `/`, `?` or the end (RFC 3986 section 3.2), so in
    /// `http://x?/users/7` the path is empty and `/users/7` is only query text.
    static func absoluteFormOriginTarget(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Result<
        String, RequestParseError
    > {
        let schemes: [StaticString] = ["http://", "https://"]
        for scheme in schemes {
            let length = scheme.utf8CodeUnitCount
            guard end - start > length, equalsIgnoringCase(bytes, start, start + length, scheme) else { continue }
            let authorityStart = start + length
            var authorityEnd = authorityStart
            while authorityEnd < end, bytes[authorityEnd] != slash, bytes[authorityEnd] != UInt8(ascii: "?") {
                authorityEnd += 1
            }
            // RFC 9110 section 4.2.1: an http URI with an empty host is invalid.
            guard authorityEnd > authorityStart else {
                return .failure(.bad("The absolute request target has no host."))
            }
            let rest = String(decoding: UnsafeBufferPointer(rebasing: bytes[authorityEnd..<end]), as: UTF8.self)
            if authorityEnd < end && bytes[authorityEnd] == slash { return .success(rest) }
            return .success("/" + rest)
        }
        return .failure(.bad("The request target must start with '/'."))
    }

    enum FieldName { case contentLength, transferEncoding, connection, expect, host, cookie, contentType, other }

    static func fieldName(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> FieldName {
        switch end - start {
        case 4: return equalsIgnoringCase(bytes, start, end, "host") ? .host : .other
        case 6:
            if equalsIgnoringCase(bytes, start, end, "expect") { return .expect }
            return equalsIgnoringCase(bytes, start, end, "cookie") ? .cookie : .other
        case 10: return equalsIgnoringCase(bytes, start, end, "connection") ? .connection : .other
        case 12: return equalsIgnoringCase(bytes, start, end, "content-type") ? .contentType : .other
        case 14: return equalsIgnoringCase(bytes, start, end, "content-length") ? .contentLength : .other
        case 17: return equalsIgnoringCase(bytes, start, end, "transfer-encoding") ? .transferEncoding : .other
        default: return .other
        }
    }

    /// Compares bytes with a lower-case ASCII literal, ignoring case.
    @inline(__always)
    static func equalsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ lower: StaticString)
        -> Bool
    {
        guard lower.utf8CodeUnitCount == end - start else { return false }
        let expected = lower.utf8Start
        for i in 0..<(end - start) {
            var byte = bytes[start + i]
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte |= 0x20 }
            if byte != expected[i] { return false }
        }
        return true
    }

    /// Digits only (a list of identical values is accepted), no sign, no overflow.
    static func parseContentLength(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var result: Int?
        var current = 0
        var digits = 0
        var i = start
        while i <= end {
            let byte = i < end ? bytes[i] : UInt8(ascii: ",")
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                let (times, o1) = current.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
                if o1 || o2 || digits >= 18 { return nil }
                current = sum
                digits += 1
            } else if byte == UInt8(ascii: ",") {
                guard digits > 0 else { return nil }
                if let previous = result, previous != current { return nil }
                result = current
                current = 0
                digits = 0
                i += 1
                while i < end, bytes[i] == space || bytes[i] == tab { i += 1 }
                continue
            } else {
                return nil
            }
            i += 1
        }
        return result
    }

    /// Calls `body` with the bounds of each comma-separated token of a header value, trimmed of
    /// spaces and tabs, without making strings (a `Connection` header arrives with most requests).
    static func forEachToken(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ body: (Int, Int) -> Void)
    {
        var tokenStart = start
        while tokenStart < end {
            var tokenEnd = indexOf(UInt8(ascii: ","), in: bytes, from: tokenStart, to: end) ?? end
            let next = tokenEnd + 1
            var first = tokenStart
            while first < tokenEnd, bytes[first] == space || bytes[first] == tab { first += 1 }
            while tokenEnd > first, bytes[tokenEnd - 1] == space || bytes[tokenEnd - 1] == tab { tokenEnd -= 1 }
            if first < tokenEnd { body(first, tokenEnd) }
            tokenStart = next
        }
    }
}
