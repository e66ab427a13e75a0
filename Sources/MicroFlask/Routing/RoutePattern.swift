/// A compiled route pattern such as `/users/<int:id>` or `/static/<path:filename>`.
///
/// Patterns are split into `/`-separated segments; each segment is literal text, or pieces of
/// literal text and `<converter(args):name>` placeholders. Matching runs over the
/// percent-decoded path, segment by segment, in time linear in its length (`RoutePattern+Match`).
public struct RoutePattern: Sendable, CustomStringConvertible {
    enum Piece: Sendable, Equatable {
        case literal(String)
        case parameter(name: String, converter: Converter)
    }

    struct Segment: Sendable {
        let pieces: [Piece]
        /// The whole segment when it has no placeholder.
        var literal: String? {
            if pieces.count == 1, case .literal(let text) = pieces[0] { return text }
            if pieces.isEmpty { return "" }
            return nil
        }
        /// Whether this segment is a lone `path` placeholder.
        var spansSegments: Bool {
            if pieces.count == 1, case .parameter(_, let converter) = pieces[0] { return converter.spansSegments }
            return false
        }
    }

    /// The pattern as written.
    public let source: String
    let segments: [Segment]
    /// The names of the placeholders, in order.
    public let parameterNames: [String]
    /// The indices of the segments that are a lone `path` placeholder.
    let spanningSegments: [Int]

    /// The pattern as it was written, such as `/users/<int:id>`.
    public var description: String { source }

    /// Whether the pattern has no placeholders (it is matched by a dictionary look-up).
    public var isStatic: Bool { parameterNames.isEmpty }

    /// Whether the pattern ends with `/` (so the slash-less URL redirects to it).
    var hasTrailingSlash: Bool { source.count > 1 && source.hasSuffix("/") }

    /// Compiles a pattern.
    public init(_ source: String) throws(RoutePatternError) {
        self.source = source
        do {
            (segments, parameterNames) = try RoutePattern.compile(source)
        } catch {
            throw RoutePatternError(pattern: source, reason: error)
        }
        let compiled = segments
        spanningSegments = compiled.indices.filter { compiled[$0].spansSegments }
    }

    private static func compile(_ source: String) throws(RoutePatternError.Reason) -> ([Segment], [String]) {
        guard source.hasPrefix("/") else { throw .missingLeadingSlash }
        var segments: [Segment] = []
        var names: [String] = []
        // Split on '/' outside placeholders (converter arguments may not contain '/', but be safe).
        var parts: [Substring] = []
        var depth = 0
        var start = source.index(after: source.startIndex)
        var index = start
        while index < source.endIndex {
            let char = source[index]
            if char == "<" { depth += 1 }
            if char == ">" { depth -= 1 }
            if depth < 0 || depth > 1 { throw .unbalancedBrackets }
            if char == "/" && depth == 0 {
                parts.append(source[start..<index])
                start = source.index(after: index)
            }
            index = source.index(after: index)
        }
        guard depth == 0 else { throw .unbalancedBrackets }
        parts.append(source[start...])

        for part in parts {
            var pieces: [Piece] = []
            var rest = part
            while let open = rest.firstIndex(of: "<") {
                if open > rest.startIndex { pieces.append(.literal(String(rest[..<open]))) }
                guard let close = rest[open...].firstIndex(of: ">") else { throw .unbalancedBrackets }
                let (name, converter) = try parsePlaceholder(rest[rest.index(after: open)..<close])
                if names.contains(name) { throw .duplicateName(name) }
                names.append(name)
                pieces.append(.parameter(name: name, converter: converter))
                rest = rest[rest.index(after: close)...]
            }
            if rest.contains(">") { throw .unbalancedBrackets }
            if !rest.isEmpty { pieces.append(.literal(String(rest))) }
            if pieces.count > 1,
                pieces.contains(where: { if case .parameter(_, let c) = $0 { c.spansSegments } else { false } })
            {
                throw .badArgument("a <path:...> placeholder must fill whole segments")
            }
            segments.append(Segment(pieces: pieces.isEmpty ? [.literal("")] : pieces))
        }
        return (segments, names)
    }

    /// Parses `int(min=1):id` or `name`.
    private static func parsePlaceholder(_ text: Substring) throws(RoutePatternError.Reason) -> (String, Converter) {
        var kind = "default"
        var positional: [String] = []
        var named: [String: String] = [:]
        var nameText = text
        if let colon = text.lastIndex(of: ":") {
            nameText = text[text.index(after: colon)...]
            var spec = text[..<colon].trimmingASCIIWhitespace()
            if let paren = spec.firstIndex(of: "(") {
                guard spec.last == ")" else { throw .badArgument("'\(spec)' has no closing ')'") }
                let argumentText = spec[spec.index(after: paren)..<spec.index(before: spec.endIndex)]
                for argument in argumentText.split(separator: ",") {
                    let trimmed = argument.trimmingASCIIWhitespace()
                    if let eq = trimmed.firstIndex(of: "=") {
                        named[String(trimmed[..<eq].trimmingASCIIWhitespace())] = unquote(
                            trimmed[trimmed.index(after: eq)...])
                    } else {
                        positional.append(unquote(trimmed))
                    }
                }
                spec = spec[..<paren]
            }
            kind = String(spec.trimmingASCIIWhitespace())
        }
        let name = String(nameText.trimmingASCIIWhitespace())
        guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic,
            name.unicodeScalars.allSatisfy({ $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) })
        else { throw .badName(name) }
        return (name, try Converter(kind: kind, positional: positional, named: named))
    }

    private static func unquote(_ text: Substring) -> String {
        let trimmed = text.trimmingASCIIWhitespace()
        if trimmed.count >= 2, let first = trimmed.first, first == "'" || first == "\"", trimmed.last == first {
            return String(trimmed.dropFirst().dropLast())
        }
        return String(trimmed)
    }

    /// The bytes every path it matches starts with: `/`, then its leading literal segments, each
    /// followed by `/` (`/users/` for `/users/<int:id>`). Only ASCII segments are taken, since a
    /// segment compares as a `String` (canonically equivalent text matches) and bytes would not.
    var leadingBytes: [UInt8] {
        var bytes: [UInt8] = [UInt8(ascii: "/")]
        for segment in segments {
            guard let literal = segment.literal, literal.utf8.allSatisfy({ $0 < 0x80 }), segment.pieces.count == 1
            else { break }
            bytes += literal.utf8
            bytes.append(UInt8(ascii: "/"))
        }
        return bytes
    }

    /// Werkzeug's precedence: segment by segment, literal text before placeholders (longer
    /// literals first), then placeholders by converter weight.
    var sortKey: [Int] {
        var key: [Int] = []
        for segment in segments {
            if let literal = segment.literal {
                key.append(0)
                key.append(-literal.count)
            } else {
                let weights = segment.pieces.compactMap { piece -> Int? in
                    if case .parameter(_, let converter) = piece { return converter.weight }
                    return nil
                }
                key.append(1)
                key.append((weights.max() ?? 100) - (segment.pieces.count - weights.count))
            }
        }
        return key
    }
}
