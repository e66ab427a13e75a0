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
        var pairs: [(String, String)] = []
        for piece in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            appendPair(piece, to: &pairs)
        }
        return pairs
    }

    /// Returns the pairs of a form body, in memory or spooled, refusing one over `limits.maxMemorySize`
    /// (Flask's `MAX_FORM_MEMORY_SIZE`) before reading it. A spooled body is read in chunks; only
    /// the pair that crosses a chunk's end is copied.
    ///
    /// - Throws: ``FormError/Kind/formTooLarge`` (413) for a body over the limit,
    ///   ``FormError/Kind/storageFailed`` when a spooled body cannot be read.
    public static func parse(_ body: RequestBody, limits: FormLimits) throws(FormError) -> [(String, String)] {
        guard body.count <= limits.maxMemorySize else {
            throw FormError(
                .formTooLarge, "the form body is larger than \(limits.maxMemorySize) bytes (\(body.count) bytes)")
        }
        var pairs: [(String, String)] = []
        var carried: [UInt8] = []
        let ampersand = UInt8(ascii: "&")
        try body.forEachChunk(
            { (chunk) throws(FormError) in
                var start = chunk.startIndex
                while let end = chunk[start...].firstIndex(of: ampersand) {
                    if carried.isEmpty {
                        appendPair(chunk[start..<end], to: &pairs)
                    } else {
                        carried.append(contentsOf: chunk[start..<end])
                        appendPair(carried, to: &pairs)
                        carried.removeAll(keepingCapacity: true)
                    }
                    start = end + 1
                }
                carried.append(contentsOf: chunk[start...])
            }, readFailed: { FormError(.storageFailed, $0.description) })
        appendPair(carried, to: &pairs)
        return pairs
    }

    /// Decodes one `name=value` piece (the text between two `&`) and appends it; empty pieces are skipped.
    ///
    /// Decoding piece by piece gives the same text as decoding the whole body first: `&` is ASCII,
    /// so it never splits a UTF-8 sequence.
    private static func appendPair(_ bytes: some Collection<UInt8>, to pairs: inout [(String, String)]) {
        guard !bytes.isEmpty else { return }
        let text = String(decoding: bytes, as: UTF8.self)
        let piece = text.utf8[...]
        if let equals = piece.firstIndex(of: UInt8(ascii: "=")) {
            let name = piece[piece.startIndex..<equals]
            let value = piece[piece.index(after: equals)...]
            pairs.append((PercentDecoding.decodeFormComponent(name), PercentDecoding.decodeFormComponent(value)))
        } else {
            pairs.append((PercentDecoding.decodeFormComponent(piece), ""))
        }
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
