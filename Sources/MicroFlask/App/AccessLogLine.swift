import Glibc

/// Writes access log lines as bytes, straight into a log shard: no intermediate strings.
///
/// Everything a client controls (the target, `Referer`, `User-Agent`) is escaped, so a
/// request cannot forge a log line: control characters become `\xNN` (as Werkzeug writes
/// them), and in the quoted fields of the combined format `"` and `\` are escaped too, as
/// Apache does; JSON strings are escaped as JSON.
enum AccessLogLine {
    /// `127.0.0.1 - - [02/Dec/2026 01:02:03] "GET / HTTP/1.1" 200 -`
    static func werkzeug(_ request: HTTPRequest, address: String, code: Int, stamp: [UInt8], into out: inout [UInt8]) {
        appendEscaped(address, quoted: false, into: &out)
        out.append(contentsOf: " - - [".utf8)
        out.append(contentsOf: stamp)
        out.append(contentsOf: "] \"".utf8)
        requestLine(request, quoted: false, into: &out)
        out.append(contentsOf: "\" ".utf8)
        appendDecimal(code, into: &out)
        out.append(contentsOf: " -\n".utf8)
    }

    /// `127.0.0.1 - - [02/Dec/2026:01:02:03 +0000] "GET / HTTP/1.1" 200 13 "-" "curl/8.5.0"`
    static func combined(
        _ request: HTTPRequest, address: String, code: Int, size: Int?, referer: String?, agent: String?,
        stamp: [UInt8], into out: inout [UInt8]
    ) {
        appendEscaped(address, quoted: true, into: &out)
        out.append(contentsOf: " - - [".utf8)
        out.append(contentsOf: stamp)
        out.append(contentsOf: "] \"".utf8)
        requestLine(request, quoted: true, into: &out)
        out.append(contentsOf: "\" ".utf8)
        appendDecimal(code, into: &out)
        out.append(0x20)
        if let size, size > 0 { appendDecimal(size, into: &out) } else { out.append(UInt8(ascii: "-")) }
        out.append(contentsOf: " \"".utf8)
        appendEscaped(referer ?? "-", quoted: true, into: &out)
        out.append(contentsOf: "\" \"".utf8)
        appendEscaped(agent ?? "-", quoted: true, into: &out)
        out.append(contentsOf: "\"\n".utf8)
    }

    /// `{"time":"2026-12-02T01:02:03Z","remote_addr":"127.0.0.1",...}`
    static func json(
        _ request: HTTPRequest, address: String, code: Int, size: Int?, micros: Int, referer: String?,
        agent: String?, stamp: [UInt8], into out: inout [UInt8]
    ) {
        out.append(contentsOf: #"{"time":""#.utf8)
        out.append(contentsOf: stamp)
        out.append(contentsOf: #"","remote_addr":"#.utf8)
        appendJSON(address, into: &out)
        out.append(contentsOf: #","method":"#.utf8)
        appendJSON(request.method.rawValue, into: &out)
        out.append(contentsOf: #","target":"#.utf8)
        appendJSON(request.target, into: &out)
        out.append(contentsOf: #","protocol":""#.utf8)
        appendVersion(request.version, into: &out)
        out.append(contentsOf: #"","status":"#.utf8)
        appendDecimal(code, into: &out)
        out.append(contentsOf: #","bytes":"#.utf8)
        if let size { appendDecimal(size, into: &out) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: #","duration_ms":"#.utf8)
        appendDecimal(micros / 1000, into: &out)
        out.append(UInt8(ascii: "."))
        let fraction = micros % 1000
        if fraction < 100 { out.append(UInt8(ascii: "0")) }
        if fraction < 10 { out.append(UInt8(ascii: "0")) }
        appendDecimal(fraction, into: &out)
        out.append(contentsOf: #","request_id":"#.utf8)
        appendJSON(request.requestID, into: &out)
        out.append(contentsOf: #","referer":"#.utf8)
        if let referer { appendJSON(referer, into: &out) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: #","user_agent":"#.utf8)
        if let agent { appendJSON(agent, into: &out) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: "}\n".utf8)
    }

    /// `GET /path?q HTTP/1.1`, escaped.
    private static func requestLine(_ request: HTTPRequest, quoted: Bool, into out: inout [UInt8]) {
        appendEscaped(request.method.rawValue, quoted: quoted, into: &out)
        out.append(0x20)
        appendEscaped(request.target, quoted: quoted, into: &out)
        out.append(0x20)
        appendVersion(request.version, into: &out)
    }

    private static func appendVersion(_ version: HTTPVersion, into out: inout [UInt8]) {
        out.append(contentsOf: "HTTP/".utf8)
        appendDecimal(version.major, into: &out)
        out.append(UInt8(ascii: "."))
        appendDecimal(version.minor, into: &out)
    }

    // MARK: - Timestamps (one per second per shard, so their cost does not matter)

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `02/Dec/2026 01:02:03`, local time (Werkzeug's `log_date_time_string`).
    static func werkzeugTime(_ second: Int) -> [UInt8] {
        let parts = localParts(second)
        return Array(
            "\(two(parts.tm_mday))/\(months[Int(parts.tm_mon)])/\(parts.tm_year + 1900) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
                .utf8)
    }

    /// `02/Dec/2026:01:02:03 +0000`, local time with its offset (Apache's `%t`).
    static func combinedTime(_ second: Int) -> [UInt8] {
        let parts = localParts(second)
        let offset = parts.tm_gmtoff / 60
        let sign = offset < 0 ? "-" : "+"
        return Array(
            "\(two(parts.tm_mday))/\(months[Int(parts.tm_mon)])/\(parts.tm_year + 1900):\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) \(sign)\(two(Int32(abs(offset) / 60)))\(two(Int32(abs(offset) % 60)))"
                .utf8)
    }

    /// `2026-12-02T01:02:03Z` (UTC).
    static func isoTime(_ second: Int) -> [UInt8] {
        var clock = time_t(second)
        var parts = tm()
        gmtime_r(&clock, &parts)
        return Array(
            "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
                .utf8)
    }

    private static func localParts(_ second: Int) -> tm {
        var clock = time_t(second)
        var parts = tm()
        localtime_r(&clock, &parts)
        return parts
    }

    private static func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }

    // MARK: - Bytes

    /// A non-negative decimal number.
    @inline(__always)
    static func appendDecimal(_ value: Int, into out: inout [UInt8]) {
        guard value > 0 else { return out.append(UInt8(ascii: "0")) }
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(truncatingIfNeeded: 48 + (value / divisor) % 10))
            divisor /= 10
        }
    }

    /// Text with control characters as `\xNN`; when `quoted`, also `"` and `\` escaped.
    /// Text with nothing to escape (nearly every line) is copied in one go.
    @inline(__always)
    static func appendEscaped(_ text: String, quoted: Bool, into out: inout [UInt8]) {
        let copied = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !bytes.contains(where: { needsEscape($0, quoted: quoted) }) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if copied == true { return }
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x7F {
                appendHexEscape(byte, into: &out)
            } else if quoted && (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")) {
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            } else {
                out.append(byte)
            }
        }
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8, quoted: Bool) -> Bool {
        byte < 0x20 || byte == 0x7F || (quoted && (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")))
    }

    /// A JSON string, quotes included.
    static func appendJSON(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let copied = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !bytes.contains(where: { needsEscape($0, quoted: true) }) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if copied == true { return out.append(UInt8(ascii: "\"")) }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            case 0..<0x20, 0x7F:
                out.append(contentsOf: "\\u00".utf8)
                appendHexDigits(byte, into: &out)
            default:
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func appendHexEscape(_ byte: UInt8, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        out.append(UInt8(ascii: "x"))
        appendHexDigits(byte, into: &out)
    }

    private static func appendHexDigits(_ byte: UInt8, into out: inout [UInt8]) {
        for nibble in [byte >> 4, byte & 0x0F] {
            out.append(nibble < 10 ? 48 + nibble : 87 + nibble)
        }
    }
}
