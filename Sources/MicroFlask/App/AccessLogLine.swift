import Glibc

/// Writes access log lines as bytes, straight into a log shard: no intermediate strings.
///
/// Everything a client controls (the target, `Referer`, `User-Agent`) is escaped, so a
/// request cannot forge a log line: control characters become `\xNN` (as Werkzeug writes
/// them), and in the quoted fields of the combined format `"` and `\` are escaped too, as
/// Apache does; JSON strings are escaped as JSON.
enum AccessLogLine {
    /// `127.0.0.1 - - [02/Dec/2026 01:02:03] "GET / HTTP/1.1" 200 -`
    static func werkzeug(
        _ request: HTTPRequest, address: String, code: Int, stamp: [UInt8], into out: inout LogLineWriter
    ) {
        commonPrefix(request, address: address, code: code, stamp: stamp, quoted: false, into: &out)
        out.write(" -\n")
    }

    /// `127.0.0.1 - - [02/Dec/2026:01:02:03 +0000] "GET / HTTP/1.1" 200 13 "-" "curl/8.5.0"`
    static func combined(
        _ request: HTTPRequest, address: String, code: Int, size: Int?, referer: String?, agent: String?,
        stamp: [UInt8], into out: inout LogLineWriter
    ) {
        commonPrefix(request, address: address, code: code, stamp: stamp, quoted: true, into: &out)
        out.write(0x20)
        if let size, size > 0 { out.writeDecimal(size) } else { out.write(UInt8(ascii: "-")) }
        out.write(" \"")
        appendEscaped(referer ?? "-", quoted: true, into: &out)
        out.write("\" \"")
        appendEscaped(agent ?? "-", quoted: true, into: &out)
        out.write("\"\n")
    }

    /// `{"time":"2026-12-02T01:02:03Z","remote_addr":"127.0.0.1",...}`
    static func json(
        _ request: HTTPRequest, address: String, code: Int, size: Int?, micros: Int, referer: String?,
        agent: String?, requestID: String, stamp: [UInt8], into out: inout LogLineWriter
    ) {
        out.write(#"{"time":""#)
        out.write(stamp)
        out.write(#"","remote_addr":"#)
        appendJSON(address, into: &out)
        out.write(#","method":"#)
        appendJSON(request.method.rawValue, into: &out)
        out.write(#","target":"#)
        appendJSON(request.target, into: &out)
        out.write(#","protocol":""#)
        appendVersion(request.version, into: &out)
        out.write(#"","status":"#)
        out.writeDecimal(code)
        out.write(#","bytes":"#)
        if let size { out.writeDecimal(size) } else { out.write("null") }
        out.write(#","duration_ms":"#)
        out.writeDecimal(micros / 1000)
        out.write(UInt8(ascii: "."))
        let fraction = micros % 1000
        if fraction < 100 { out.write(UInt8(ascii: "0")) }
        if fraction < 10 { out.write(UInt8(ascii: "0")) }
        out.writeDecimal(fraction)
        out.write(#","request_id":"#)
        appendJSON(requestID, into: &out)
        out.write(#","referer":"#)
        if let referer { appendJSON(referer, into: &out) } else { out.write("null") }
        out.write(#","user_agent":"#)
        if let agent { appendJSON(agent, into: &out) } else { out.write("null") }
        out.write("}\n")
    }

    /// `ADDRESS - - [STAMP] "REQUEST LINE" CODE`: where the Werkzeug and combined lines agree.
    private static func commonPrefix(
        _ request: HTTPRequest, address: String, code: Int, stamp: [UInt8], quoted: Bool,
        into out: inout LogLineWriter
    ) {
        appendEscaped(address, quoted: quoted, into: &out)
        out.write(" - - [")
        out.write(stamp)
        out.write("] \"")
        requestLine(request, quoted: quoted, into: &out)
        out.write("\" ")
        out.writeDecimal(code)
    }

    /// `GET /path?q HTTP/1.1`, escaped.
    private static func requestLine(_ request: HTTPRequest, quoted: Bool, into out: inout LogLineWriter) {
        appendEscaped(request.method.rawValue, quoted: quoted, into: &out)
        out.write(0x20)
        appendEscaped(request.target, quoted: quoted, into: &out)
        out.write(0x20)
        appendVersion(request.version, into: &out)
    }

    private static func appendVersion(_ version: HTTPVersion, into out: inout LogLineWriter) {
        switch (version.major, version.minor) {
        case (1, 1): out.write("HTTP/1.1")
        case (1, 0): out.write("HTTP/1.0")
        default:
            out.write("HTTP/")
            out.writeDecimal(version.major)
            out.write(UInt8(ascii: "."))
            out.writeDecimal(version.minor)
        }
    }

    /// The longest line the formats write for fields of these lengths: every byte a client
    /// controls may become a 6-byte JSON escape; the rest is at most 256 bytes.
    static func maxLength(
        _ request: HTTPRequest, address: String, referer: String? = nil, agent: String? = nil,
        requestID: String? = nil
    ) -> Int {
        let variable =
            address.utf8.count + request.method.rawValue.utf8.count + request.target.utf8.count
            + (referer?.utf8.count ?? 0) + (agent?.utf8.count ?? 0) + (requestID?.utf8.count ?? 0)
        return 6 * variable + 256
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

    /// Text with control characters as `\xNN`; when `quoted`, also `"` and `\` escaped.
    /// Text with nothing to escape (nearly every line) is copied in one go.
    @inline(__always)
    static func appendEscaped(_ text: String, quoted: Bool, into out: inout LogLineWriter) {
        let copied = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            for byte in bytes where needsEscape(byte, quoted: quoted) { return false }
            out.write(bytes)
            return true
        }
        if copied == true { return }
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x7F {
                appendHexEscape(byte, into: &out)
            } else if quoted && (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")) {
                out.write(UInt8(ascii: "\\"))
                out.write(byte)
            } else {
                out.write(byte)
            }
        }
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8, quoted: Bool) -> Bool {
        byte < 0x20 || byte == 0x7F || (quoted && (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")))
    }

    /// A JSON string, quotes included.
    static func appendJSON(_ text: String, into out: inout LogLineWriter) {
        out.write(UInt8(ascii: "\""))
        let copied = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            for byte in bytes where needsEscape(byte, quoted: true) { return false }
            out.write(bytes)
            return true
        }
        if copied == true { return out.write(UInt8(ascii: "\"")) }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out.write(UInt8(ascii: "\\"))
                out.write(byte)
            case 0..<0x20, 0x7F:
                out.write("\\u00")
                appendHexDigits(byte, into: &out)
            default:
                out.write(byte)
            }
        }
        out.write(UInt8(ascii: "\""))
    }

    private static func appendHexEscape(_ byte: UInt8, into out: inout LogLineWriter) {
        out.write(UInt8(ascii: "\\"))
        out.write(UInt8(ascii: "x"))
        appendHexDigits(byte, into: &out)
    }

    private static func appendHexDigits(_ byte: UInt8, into out: inout LogLineWriter) {
        out.write(hexDigit(byte >> 4))
        out.write(hexDigit(byte & 0x0F))
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 48 + nibble : 87 + nibble
    }
}
