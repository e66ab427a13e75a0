/// Parses and builds `application/x-www-form-urlencoded` text: form bodies and URL query strings.
///
/// Parsing follows what Werkzeug 3 does for `request.form` and `request.args`
/// (`urllib.parse.parse_qsl(..., keep_blank_values=True, errors="werkzeug.url_quote")`):
///
/// - pairs are separated by `&` only (not `;`), and empty pairs are skipped;
/// - the first `=` separates name from value; a pair without `=` has an empty value;
/// - `+` means a space, then `%XX` escapes are decoded as UTF-8;
/// - malformed escapes such as `%zz` or a trailing `%` are kept literally;
/// - escaped bytes that are not valid UTF-8 stay escaped, as upper-case `%XX` (`%ff` gives `"%FF"`).
///
/// Raw (unescaped) bytes that are not valid UTF-8 become U+FFFD. Werkzeug instead drops the whole
/// body in that case; replacing keeps the other fields.
///
/// ```swift
/// URLEncodedForm.parse(Array("q=caf%C3%A9+au+lait&page=2".utf8))   // [("q", "café au lait"), ("page", "2")]
/// URLEncodedForm.encode([("q", "a+b c")])                           // "q=a%2Bb+c"
/// ```
public enum URLEncodedForm {
    /// Returns the name–value pairs of `bytes`, in order, duplicates kept.
    public static func parse(_ bytes: some Collection<UInt8>) -> [(String, String)] {
        let text = String(decoding: Array(bytes), as: UTF8.self)
        var pairs: [(String, String)] = []
        for piece in text.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            if let equals = piece.firstIndex(of: UInt8(ascii: "=")) {
                let name = piece[piece.startIndex..<equals]
                let value = piece[piece.index(after: equals)...]
                pairs.append((PercentDecoding.decodeFormComponent(name), PercentDecoding.decodeFormComponent(value)))
            } else {
                pairs.append((PercentDecoding.decodeFormComponent(piece), ""))
            }
        }
        return pairs
    }

    /// Returns `pairs` as form-encoded text, joined by `&`.
    ///
    /// Matches Werkzeug's `_urlencode` (used by `url_for` query strings and the test client's form
    /// bodies): letters, digits and `-._~!$'()*,/:;?@` stay as they are, a space becomes `+`, and every
    /// other byte of the UTF-8 encoding becomes upper-case `%XX`.
    public static func encode(_ pairs: [(String, String)]) -> String {
        var output: [UInt8] = []
        for (index, (name, value)) in pairs.enumerated() {
            if index > 0 {
                output.append(UInt8(ascii: "&"))
            }
            appendEncoded(name, to: &output)
            output.append(UInt8(ascii: "="))
            appendEncoded(value, to: &output)
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func appendEncoded(_ text: String, to output: inout [UInt8]) {
        for byte in text.utf8 {
            if byte == UInt8(ascii: " ") {
                output.append(UInt8(ascii: "+"))
            } else if isUnreserved(byte) {
                output.append(byte)
            } else {
                PercentDecoding.appendEscape(byte, to: &output)
            }
        }
    }

    private static let querySafe = Set("-._~!$'()*,/:;?@".utf8)

    /// Werkzeug's query-safe set: ASCII letters and digits, `-._~` (always safe in Python's `quote`)
    /// and `!$'()*,/:;?@` (the WHATWG set Werkzeug adds).
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return querySafe.contains(byte)
        }
    }
}
