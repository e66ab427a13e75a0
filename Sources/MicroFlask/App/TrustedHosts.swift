/// Flask's `TRUSTED_HOSTS` check, as Werkzeug's `host_is_trusted` makes it: the `Host` must be
/// a lower-case name (`[a-z0-9.-]+`) or a bracketed IPv6 address, with an optional numeric
/// port; its name (without the port) must equal an entry, or end with `.entry` for an entry
/// written `.example.com` (which also matches `example.com` itself). Ports in entries are
/// ignored.
///
/// Two differences from Werkzeug 3.1, both where it is looser: an IPv6 host is compared whole
/// (Werkzeug cuts every host at its first colon, so `[::1]` matched any IPv6 entry), and
/// entries are compared as written, without IDNA encoding (write non-ASCII names as `xn--`).
enum TrustedHosts {
    /// Splits a comma-separated list (`TRUSTED_HOSTS`, `--trusted-hosts`), dropping blanks.
    static func parseList(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0.trimmingASCIIWhitespace()) }.filter { !$0.isEmpty }
    }

    /// Whether `host` (a `Host` value, port included) is allowed by `trusted`; an empty list
    /// allows any.
    static func allows(_ host: String, trusted: [String]) -> Bool {
        guard !trusted.isEmpty else { return true }
        guard let name = hostName(host) else { return false }
        for entry in trusted {
            let suffixMatch = entry.hasPrefix(".")
            let reference = entryName(suffixMatch ? String(entry.dropFirst()) : entry)
            if name == reference { return true }
            if suffixMatch && name.hasSuffix("." + reference) { return true }
        }
        return false
    }

    /// The name part of a well-formed `host[:port]`, or nil when it has characters Werkzeug refuses.
    static func hostName(_ host: String) -> Substring? {
        let bytes = host.utf8
        var name = host[...]
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return nil }
            let inside = host[host.index(after: host.startIndex)..<close]
            guard inside.contains(":"),
                inside.utf8.allSatisfy({ isHexDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") })
            else { return nil }
            name = host[...close]
            guard validPort(host[host.index(after: close)...]) else { return nil }
            return name
        }
        guard !bytes.isEmpty else { return nil }
        if let colon = host.firstIndex(of: ":") {
            name = host[..<colon]
            guard validPort(host[colon...]) else { return nil }
        }
        guard !name.isEmpty,
            name.utf8.allSatisfy({
                ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z"))
                    || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
                    || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-")
            })
        else { return nil }
        return name
    }

    /// An entry without its port (an IPv6 entry keeps its brackets).
    private static func entryName(_ entry: String) -> Substring {
        if entry.hasPrefix("["), let close = entry.firstIndex(of: "]") { return entry[...close] }
        if let colon = entry.firstIndex(of: ":") { return entry[..<colon] }
        return entry[...]
    }

    /// Nothing, or `:` and at least one digit.
    private static func validPort(_ rest: Substring) -> Bool {
        guard let first = rest.first else { return true }
        let digits = rest.dropFirst()
        return first == ":" && !digits.isEmpty && digits.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
    }
}
