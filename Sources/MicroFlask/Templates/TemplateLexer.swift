import Foundation

/// Splits template source into tokens: text, `{{ }}` and `{% %}` delimiters and the tokens inside them.
///
/// Comments are dropped here, `{% raw %}` bodies become text, and whitespace control (`{%-`, `-%}`,
/// `{{-`, `-}}`, `{#-`, `-#}`) trims the neighbouring text. Like Jinja, one trailing newline at the
/// end of the source is removed.
struct TemplateLexer {
    private let bytes: [UInt8]
    private let name: String
    private var tokens: [TemplateToken] = []
    private var position = 0
    // Line bookkeeping: `lineStart` is the offset of the first byte of line `line`, valid up to `scanned`.
    private var line = 1
    private var lineStart = 0
    private var scanned = 0

    init(source: String, name: String) {
        var bytes = Array(source.utf8)
        if bytes.last == UInt8(ascii: "\n") {
            bytes.removeLast()
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        }
        self.bytes = bytes
        self.name = name
    }

    /// Tokenizes the whole source.
    mutating func tokenize() throws(TemplateError) -> [TemplateToken] {
        var trimNextText = false
        while position < bytes.count {
            let tagStart = nextTagStart(from: position)
            var textEnd = tagStart
            let trimsBefore = tagStart + 2 < bytes.count && bytes[tagStart + 2] == UInt8(ascii: "-")
            var textStart = position
            if trimNextText {
                while textStart < textEnd, isSpace(bytes[textStart]) { textStart += 1 }
            }
            if trimsBefore && tagStart < bytes.count {
                while textEnd > textStart, isSpace(bytes[textEnd - 1]) { textEnd -= 1 }
            }
            if textStart < textEnd {
                let text = String(decoding: bytes[textStart..<textEnd], as: UTF8.self)
                tokens.append(TemplateToken(kind: .text(text), location: location(of: textStart)))
            }
            trimNextText = false
            guard tagStart < bytes.count else { break }
            position = tagStart + (trimsBefore ? 3 : 2)
            switch bytes[tagStart + 1] {
            case UInt8(ascii: "#"):
                trimNextText = try skipComment(openedAt: tagStart)
            case UInt8(ascii: "{"):
                tokens.append(TemplateToken(kind: .variableBegin, location: location(of: tagStart)))
                trimNextText = try lexInsideTag(closing: UInt8(ascii: "}"), openedAt: tagStart)
            default:
                if let rawEnd = try rawBlock(openedAt: tagStart) {
                    trimNextText = rawEnd
                    continue
                }
                tokens.append(TemplateToken(kind: .blockBegin, location: location(of: tagStart)))
                trimNextText = try lexInsideTag(closing: UInt8(ascii: "%"), openedAt: tagStart)
            }
        }
        // Like Jinja, the end of the template is placed at the start of the last token, which is
        // where "unexpected end of template" is then reported.
        tokens.append(TemplateToken(kind: .end, location: tokens.last?.location ?? location(of: bytes.count)))
        return tokens
    }

    // MARK: - Text and comments

    private func nextTagStart(from start: Int) -> Int {
        var index = start
        let brace = UInt8(ascii: "{")
        while index + 1 < bytes.count {
            if bytes[index] == brace {
                let next = bytes[index + 1]
                if next == brace || next == UInt8(ascii: "%") || next == UInt8(ascii: "#") { return index }
            }
            index += 1
        }
        return bytes.count
    }

    /// Skips `{# … #}`; returns whether it ended with `-#}`.
    private mutating func skipComment(openedAt start: Int) throws(TemplateError) -> Bool {
        var index = position
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "#") && bytes[index + 1] == UInt8(ascii: "}") {
                position = index + 2
                return index > start + 2 && bytes[index - 1] == UInt8(ascii: "-")
            }
            index += 1
        }
        throw error("unclosed comment", hint: "close it with '#}'", at: start)
    }

    /// Handles `{% raw %}…{% endraw %}`, emitting the body as text. Returns nil when the tag is not `raw`.
    private mutating func rawBlock(openedAt start: Int) throws(TemplateError) -> Bool? {
        guard let afterRaw = matchTag(named: "raw", at: start) else { return nil }
        var index = afterRaw.end
        while index < bytes.count {
            let tagStart = nextTagStart(from: index)
            guard tagStart < bytes.count else { break }
            if bytes[tagStart + 1] == UInt8(ascii: "%"), let close = matchTag(named: "endraw", at: tagStart) {
                var bodyStart = afterRaw.end
                var bodyEnd = tagStart
                if afterRaw.trimsAfter {
                    while bodyStart < bodyEnd, isSpace(bytes[bodyStart]) { bodyStart += 1 }
                }
                if close.trimsBefore {
                    while bodyEnd > bodyStart, isSpace(bytes[bodyEnd - 1]) { bodyEnd -= 1 }
                }
                if bodyStart < bodyEnd {
                    let text = String(decoding: bytes[bodyStart..<bodyEnd], as: UTF8.self)
                    tokens.append(TemplateToken(kind: .text(text), location: location(of: bodyStart)))
                }
                position = close.end
                return close.trimsAfter
            }
            index = tagStart + 2
        }
        throw error("unclosed '{% raw %}'", hint: "add '{% endraw %}'", at: start)
    }

    /// Matches `{%[-] name [-]%}` at `start`.
    private func matchTag(named tag: String, at start: Int) -> (end: Int, trimsBefore: Bool, trimsAfter: Bool)? {
        var index = start + 2
        let trimsBefore = index < bytes.count && bytes[index] == UInt8(ascii: "-")
        if trimsBefore { index += 1 }
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        for byte in tag.utf8 {
            guard index < bytes.count, bytes[index] == byte else { return nil }
            index += 1
        }
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        var trimsAfter = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
            trimsAfter = true
            index += 1
        }
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "%"), bytes[index + 1] == UInt8(ascii: "}")
        else { return nil }
        return (index + 2, trimsBefore, trimsAfter)
    }

    // MARK: - Inside tags

    /// Lexes tokens up to the closing `}}` or `%}`; returns whether the closer was `-}}` / `-%}`.
    private mutating func lexInsideTag(closing: UInt8, openedAt start: Int) throws(TemplateError) -> Bool {
        let isVariable = closing == UInt8(ascii: "}")
        var braceDepth = 0
        while true {
            while position < bytes.count, isSpace(bytes[position]) { position += 1 }
            guard position < bytes.count else {
                let closer = isVariable ? "}}" : "%}"
                throw error(
                    "unclosed tag: expected '\(closer)' before the end of the template", hint: "add '\(closer)'",
                    at: start)
            }
            let byte = bytes[position]
            if braceDepth == 0 {
                if byte == UInt8(ascii: "-"), position + 2 < bytes.count, bytes[position + 1] == closing,
                    bytes[position + 2] == UInt8(ascii: "}")
                {
                    append(isVariable ? .variableEnd : .blockEnd, at: position)
                    position += 3
                    return true
                }
                if byte == closing, position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "}") {
                    append(isVariable ? .variableEnd : .blockEnd, at: position)
                    position += 2
                    return false
                }
            }
            if byte == UInt8(ascii: "{") { braceDepth += 1 }
            if byte == UInt8(ascii: "}") && braceDepth > 0 { braceDepth -= 1 }
            try lexToken()
        }
    }

    private mutating func lexToken() throws(TemplateError) {
        let start = position
        let byte = bytes[start]
        if isNameStart(byte) {
            while position < bytes.count, isNameStart(bytes[position]) || isDigit(bytes[position]) { position += 1 }
            append(.name(String(decoding: bytes[start..<position], as: UTF8.self)), at: start)
        } else if isDigit(byte) {
            try lexNumber()
        } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
            try lexString(quote: byte)
        } else {
            let two = position + 1 < bytes.count ? String(decoding: bytes[start...start + 1], as: UTF8.self) : ""
            if ["**", "//", "==", "!=", "<=", ">="].contains(two) {
                position += 2
                append(.symbol(two), at: start)
            } else if Array("+-*/%~<>=()[]{},.:|".utf8).contains(byte) {
                position += 1
                append(.symbol(String(UnicodeScalar(byte))), at: start)
            } else {
                let character = String(decoding: bytes[start..<min(start + 4, bytes.count)], as: UTF8.self).prefix(1)
                throw error("unexpected character '\(character)' in tag", hint: nil, at: start)
            }
        }
    }

    private mutating func lexNumber() throws(TemplateError) {
        let start = position
        var isDouble = false
        func skipDigits() {
            while position < bytes.count, isDigit(bytes[position]) || bytes[position] == UInt8(ascii: "_") {
                position += 1
            }
        }
        skipDigits()
        if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "."), isDigit(bytes[position + 1]) {
            isDouble = true
            position += 1
            skipDigits()
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            var probe = position + 1
            if probe < bytes.count, bytes[probe] == UInt8(ascii: "+") || bytes[probe] == UInt8(ascii: "-") {
                probe += 1
            }
            if probe < bytes.count, isDigit(bytes[probe]) {
                isDouble = true
                position = probe
                skipDigits()
            }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self).replacingOccurrences(of: "_", with: "")
        if isDouble, let value = Double(text) {
            append(.double(value), at: start)
        } else if let value = Int(text) {
            append(.integer(value), at: start)
        } else {
            throw error("invalid number '\(text)'", hint: nil, at: start)
        }
    }

    private mutating func lexString(quote: UInt8) throws(TemplateError) {
        let start = position
        position += 1
        var buffer: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            if byte == quote {
                position += 1
                append(.string(String(decoding: buffer, as: UTF8.self)), at: start)
                return
            }
            if byte == UInt8(ascii: "\\"), position + 1 < bytes.count {
                position += 1
                switch bytes[position] {
                case UInt8(ascii: "n"): buffer.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "t"): buffer.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "r"): buffer.append(UInt8(ascii: "\r"))
                case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): buffer.append(bytes[position])
                default:
                    buffer.append(UInt8(ascii: "\\"))
                    buffer.append(bytes[position])
                }
            } else {
                buffer.append(byte)
            }
            position += 1
        }
        throw error("unterminated string literal", hint: "close it with \(String(UnicodeScalar(quote)))", at: start)
    }

    // MARK: - Helpers

    private mutating func append(_ kind: TemplateToken.Kind, at offset: Int) {
        tokens.append(TemplateToken(kind: kind, location: location(of: offset)))
    }

    /// The line and column of `offset`; offsets must be asked for in increasing order, or at least
    /// not before the last line start, which holds for tokens.
    private mutating func location(of offset: Int) -> SourceLocation {
        if offset < lineStart {
            return Self.location(of: offset, in: bytes)
        }
        var index = scanned
        while index < offset && index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        scanned = max(scanned, index)
        var column = 1
        var cursor = lineStart
        while cursor < offset && cursor < bytes.count {
            if bytes[cursor] & 0xC0 != 0x80 { column += 1 }
            cursor += 1
        }
        return SourceLocation(line: line, column: column)
    }

    private static func location(of offset: Int, in bytes: [UInt8]) -> SourceLocation {
        var line = 1
        var column = 1
        for byte in bytes[..<offset] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(line: line, column: column)
    }

    private mutating func error(_ message: String, hint: String?, at offset: Int) -> TemplateError {
        let where_ = location(of: offset)
        return TemplateError(.syntax, message, hint: hint, templateName: name, line: where_.line, column: where_.column)
    }

    private func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C || byte == 0x0B
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_")
    }
}
