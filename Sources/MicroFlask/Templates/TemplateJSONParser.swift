/// Parses JSON into a ``TemplateValue`` keeping each object's key order, as Python's
/// `json.loads` does (Foundation's decoders on Linux hand keys back in no fixed order).
///
/// Integers that fit in `Int` become `.int`, other numbers `.double`. Nesting is limited, so a
/// hostile document cannot exhaust the stack; the work is linear in the input.
struct TemplateJSONParser {
    private let bytes: [UInt8]
    private var position = 0
    private static let maximumDepth = 512

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func parseDocument() throws(TemplateJSONError) -> TemplateValue {
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard position == bytes.count else { throw error("unexpected data after the JSON value") }
        return value
    }

    private mutating func parseValue(depth: Int) throws(TemplateJSONError) -> TemplateValue {
        guard depth < Self.maximumDepth else { throw error("JSON nested too deeply") }
        skipWhitespace()
        guard position < bytes.count else { throw error("unexpected end of JSON") }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            position += 1
            var entries = TemplateDictionary()
            skipWhitespace()
            if peek(UInt8(ascii: "}")) { return .dictionary(entries) }
            repeat {
                skipWhitespace()
                guard peek(UInt8(ascii: "\""), consume: false) else { throw error("expected a string key") }
                let key = try parseString()
                skipWhitespace()
                guard peek(UInt8(ascii: ":")) else { throw error("expected ':'") }
                entries[key] = try parseValue(depth: depth + 1)
                skipWhitespace()
            } while peek(UInt8(ascii: ","))
            guard peek(UInt8(ascii: "}")) else { throw error("expected ',' or '}'") }
            return .dictionary(entries)
        case UInt8(ascii: "["):
            position += 1
            var items: [TemplateValue] = []
            skipWhitespace()
            if peek(UInt8(ascii: "]")) { return .array(items) }
            repeat {
                items.append(try parseValue(depth: depth + 1))
                skipWhitespace()
            } while peek(UInt8(ascii: ","))
            guard peek(UInt8(ascii: "]")) else { throw error("expected ',' or ']'") }
            return .array(items)
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        default:
            return try parseNumber()
        }
    }

    private mutating func parseString() throws(TemplateJSONError) -> String {
        position += 1
        var buffer: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: buffer, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { break }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escape)
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hexQuad()
                    if (0xD800..<0xDC00).contains(scalar), bytes[position...].starts(with: Array("\\u".utf8)) {
                        position += 2
                        let low = try hexQuad()
                        scalar =
                            (0xDC00..<0xE000).contains(low)
                            ? 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
                    }
                    buffer += Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
                default:
                    throw error("invalid escape in a string")
                }
            case 0..<0x20:
                throw error("control character in a string")
            default:
                buffer.append(byte)
            }
        }
        throw error("unterminated string")
    }

    private mutating func hexQuad() throws(TemplateJSONError) -> UInt32 {
        guard position + 4 <= bytes.count,
            let value = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16)
        else { throw error("invalid \\u escape") }
        position += 4
        return value
    }

    /// A number as RFC 8259 writes it: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, so
    /// `01`, `.5`, `1.`, `+1` and `1e` are rejected as Python's `json.loads` rejects them.
    private mutating func parseNumber() throws(TemplateJSONError) -> TemplateValue {
        let start = position
        func isDigit(_ offset: Int = 0) -> Bool {
            position + offset < bytes.count && bytes[position + offset] &- UInt8(ascii: "0") < 10
        }
        func skipDigits() -> Bool {
            guard isDigit() else { return false }
            while isDigit() { position += 1 }
            return true
        }
        func invalid() -> TemplateJSONError {
            while isDigit() || position < bytes.count && ".eE+-".utf8.contains(bytes[position]) { position += 1 }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            position = start
            return error("invalid number '\(text)'")
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard isDigit() else {
            if position == start, !(position < bytes.count && ".+".utf8.contains(bytes[position])) {
                throw error("unexpected character")
            }
            throw invalid()
        }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if isDigit() { throw invalid() }  // a leading zero
        } else {
            _ = skipDigits()
        }
        var isInteger = true
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard skipDigits() else { throw invalid() }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard skipDigits() else { throw invalid() }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        // RFC 8259's grammar, which Swift's `Int` and `Double` parsers are laxer than ("00",
        // ".5", "1." are not JSON; found by Fuzz/FuzzJSON against Foundation's reader).
        guard Self.isNumber(bytes[start..<position]) else {
            position = start
            throw error(text.isEmpty ? "unexpected character" : "invalid number '\(text)'")
        }
        if isInteger, let value = Int(text) { return .int(value) }
        guard let value = Double(text), value.isFinite else {
            position = start
            throw error("invalid number '\(text)'")
        }
        return .double(value)
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` (RFC 8259 section 6).
    private static func isNumber(_ text: ArraySlice<UInt8>) -> Bool {
        var index = text.startIndex
        func digits() -> Int {
            let first = index
            while index < text.endIndex, text[index] >= UInt8(ascii: "0"), text[index] <= UInt8(ascii: "9") {
                index += 1
            }
            return index - first
        }
        func skip(_ byte: UInt8) -> Bool {
            guard index < text.endIndex, text[index] == byte else { return false }
            index += 1
            return true
        }
        _ = skip(UInt8(ascii: "-"))
        let integerStart = index
        let integerDigits = digits()
        guard integerDigits > 0, integerDigits == 1 || text[integerStart] != UInt8(ascii: "0") else { return false }
        if skip(UInt8(ascii: ".")), digits() == 0 { return false }
        if skip(UInt8(ascii: "e")) || skip(UInt8(ascii: "E")) {
            if !skip(UInt8(ascii: "+")) { _ = skip(UInt8(ascii: "-")) }
            if digits() == 0 { return false }
        }
        return index == text.endIndex
    }

    private mutating func literal(_ word: String) throws(TemplateJSONError) {
        guard bytes[position...].starts(with: word.utf8) else { throw error("unexpected character") }
        position += word.utf8.count
    }

    /// Whether the next byte is `byte`; consumes it when it is and `consume` is true.
    private mutating func peek(_ byte: UInt8, consume: Bool = true) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        if consume { position += 1 }
        return true
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    private func error(_ message: String) -> TemplateJSONError {
        TemplateJSONError(message: message, offset: position)
    }
}

extension TemplateValue {
    /// Parses JSON, keeping the key order of each object, so `{% for k, v in d.items() %}` visits
    /// keys as the document lists them (as `json.loads` in Python does).
    ///
    /// ```swift
    /// let settings = try TemplateValue(json: #"{"zeta": 1, "alpha": [true, null]}"#)
    /// ```
    public init(json: String) throws(TemplateJSONError) {
        var parser = TemplateJSONParser(Array(json.utf8))
        self = try parser.parseDocument()
    }

    /// Parses JSON bytes (UTF-8), keeping the key order of each object.
    public init(json: some Collection<UInt8>) throws(TemplateJSONError) {
        var parser = TemplateJSONParser(Array(json))
        self = try parser.parseDocument()
    }
}
