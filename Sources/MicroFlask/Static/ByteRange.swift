/// A request's `Range` header, as far as a file response uses it (RFC 9110 section 14).
///
/// One range is served as a 206; several ranges (`bytes=0-1,5-6`) are not supported, and the
/// header is then ignored and the whole file sent with 200, which the RFC allows.
enum ByteRange: Equatable {
    /// `bytes=first-last`; `last` nil for `bytes=first-`.
    case span(first: Int, last: Int?)
    /// `bytes=-count`: the last `count` bytes.
    case suffix(count: Int)

    /// What to do with a `Range` header for a file of `size` bytes.
    enum Outcome: Equatable {
        /// Ignore the header: send the whole file (absent, malformed, multiple, or not bytes).
        case whole
        /// Send bytes `offset..<offset + length` as a 206.
        case partial(offset: Int, length: Int)
        /// The range lies outside the file: 416 with `Content-Range: bytes */size`.
        case unsatisfiable
    }

    /// Parses a single byte range; nil when the header is malformed, has several ranges or
    /// another unit.
    static func parse(_ header: String) -> ByteRange? {
        let text = header[...].trimmingASCIIWhitespace()
        guard let equals = text.firstIndex(of: "=") else { return nil }
        guard text[..<equals].trimmingASCIIWhitespace().lowercased() == "bytes" else { return nil }
        let spec = text[text.index(after: equals)...].trimmingASCIIWhitespace()
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return nil }
        let firstText = spec[..<dash].trimmingASCIIWhitespace()
        let lastText = spec[spec.index(after: dash)...].trimmingASCIIWhitespace()
        if firstText.isEmpty {
            guard let count = digits(lastText) else { return nil }
            return .suffix(count: count)
        }
        guard let first = digits(firstText) else { return nil }
        if lastText.isEmpty { return .span(first: first, last: nil) }
        guard let last = digits(lastText), last >= first else { return nil }
        return .span(first: first, last: last)
    }

    /// A non-negative decimal number (no sign, no spaces); nil otherwise or on overflow.
    private static func digits(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        return Int(text)
    }

    /// The bytes this range selects in a file of `size` bytes. An empty file is sent whole
    /// (with 200), as Werkzeug does, rather than refused with 416.
    func outcome(size: Int) -> Outcome {
        guard size > 0 else { return .whole }
        switch self {
        case .span(let first, let last):
            guard first < size else { return .unsatisfiable }
            let end = min(last ?? (size - 1), size - 1)
            return .partial(offset: first, length: end - first + 1)
        case .suffix(let count):
            guard count > 0 else { return .unsatisfiable }
            let length = min(count, size)
            return .partial(offset: size - length, length: length)
        }
    }
}
