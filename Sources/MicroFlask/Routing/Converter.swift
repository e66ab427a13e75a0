import Foundation

/// A path converter: decides whether a piece of the path fits a `<kind:name>` placeholder.
///
/// The built-in kinds follow Werkzeug: `string` (the default), `int`, `float`, `path`, `uuid`
/// and `any(a, b)`. A value that does not fit means the route does not match (404), never a crash.
public struct Converter: Sendable, Equatable {
    /// The converter's kind, such as `int`.
    public let kind: String
    /// The arguments as written in the pattern, e.g. `["min": "1"]`.
    let arguments: [String: String]
    /// Lower weights are tried first (more specific). Werkzeug: int/float 50, string/any/uuid 100, path 200.
    let weight: Int
    /// Whether it may match across `/` (only `path`).
    let spansSegments: Bool
    private let rule: Rule

    private enum Rule: Equatable, Sendable {
        case string(minLength: Int, maxLength: Int?)
        case integer(fixedDigits: Int?, min: Int?, max: Int?, signed: Bool)
        case float(min: Double?, max: Double?, signed: Bool)
        case path
        case uuid
        case any([String])
    }

    /// Whether `text` (already percent-decoded) is an acceptable value.
    func accepts(_ text: Substring) -> Bool { convert(text) != nil }

    /// The typed value of `text` (already percent-decoded), or nil when it does not fit.
    func convert(_ text: Substring) -> RouteValue? {
        // Only a `string` checks for `/` here: within a matched segment there is none (the other
        // kinds reject it by their own rules), but `urlFor` values may hold one.
        if case .string = rule, text.utf8.contains(UInt8(ascii: "/")) { return nil }
        return convert(part: text)
    }

    /// The typed value of part of one path segment (which never holds a `/`), or nil.
    func convert(part text: Substring) -> RouteValue? {
        switch rule {
        case .string, .path, .any: return fits(part: text) ? .string(String(text)) : nil
        case .integer: return integer(text).map(RouteValue.int)
        case .float: return float(text).map(RouteValue.double)
        case .uuid: return uuid(text).map(RouteValue.uuid)
        }
    }

    /// The integer `text` spells within the rule's digits and bounds, parsed once; nil otherwise.
    /// The rule lives in `IntegerDigits`, which `BytePathMatcher` also parses with.
    private func integer(_ text: Substring) -> Int? {
        guard let digits = integerDigits else { return nil }
        var text = text
        return text.withUTF8 { digits.value(of: $0) }
    }

    /// The rule of an `int` converter, for parsing its values from bytes; nil for other kinds.
    var integerDigits: IntegerDigits? {
        guard case .integer(let fixedDigits, let min, let max, let signed) = rule else { return nil }
        return IntegerDigits(fixedDigits: fixedDigits, min: min, max: max, signed: signed)
    }

    /// The number `text` spells (digits, a dot, digits) within the rule's bounds; nil otherwise.
    private func float(_ text: Substring) -> Double? {
        guard case .float(let min, let max, let signed) = rule else { return nil }
        var number = text.utf8[...]
        if signed, number.first == UInt8(ascii: "-") { number = number.dropFirst() }
        guard let dot = number.firstIndex(of: UInt8(ascii: ".")) else { return nil }
        let whole = number[..<dot]
        let fraction = number[number.index(after: dot)...]
        guard !whole.isEmpty, !fraction.isEmpty, whole.allSatisfy(Converter.isDigit),
            fraction.allSatisfy(Converter.isDigit), let value = Double(text),
            min.map({ value >= $0 }) ?? true, max.map({ value <= $0 }) ?? true
        else { return nil }
        return value
    }

    /// The UUID `text` spells; the dashed form is 36 ASCII bytes, which bounds the parse.
    private func uuid(_ text: Substring) -> UUID? {
        text.utf8.count == 36 ? UUID(uuidString: String(text)) : nil
    }

    /// Whether part of one path segment fits, without building its value.
    ///
    /// The matcher asks this of many candidate splits, so each check stops at the first
    /// character that rules the text out, and a `string` reads at most `maxlength + 1` of them.
    func fits(part text: Substring) -> Bool {
        switch rule {
        case .string(let minLength, let maxLength):
            return Converter.count(of: text, within: minLength, maxLength)
        case .integer: return integer(text) != nil
        case .float: return float(text) != nil
        case .path:
            return !text.isEmpty && text.first != "/"
        case .uuid: return uuid(text) != nil
        case .any(let choices):
            return choices.contains { $0 == text }
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// The furthest end a fitting part starting at `text.startIndex` can have: the matcher
    /// need not try ends past it (the end of the digits for `int`, 36 characters for `uuid`).
    func furthestEnd(in text: Substring) -> String.Index {
        func run(_ allowed: (UInt8) -> Bool) -> String.Index {
            var index = text.startIndex
            if index < text.endIndex, text[index] == "-" { index = text.index(after: index) }
            while index < text.endIndex, let ascii = text[index].asciiValue, allowed(ascii) {
                index = text.index(after: index)
            }
            return index
        }
        func characters(_ count: Int) -> String.Index {
            text.index(text.startIndex, offsetBy: count, limitedBy: text.endIndex) ?? text.endIndex
        }
        switch rule {
        case .string(_, let maxLength): return maxLength.map(characters) ?? text.endIndex
        case .integer: return run(Converter.isDigit)
        case .float: return run { Converter.isDigit($0) || $0 == UInt8(ascii: ".") }
        case .path: return text.endIndex
        case .uuid: return characters(36)
        case .any(let choices): return characters(choices.map(\.count).max() ?? 0)
        }
    }

    /// Whether every non-empty part fits (`<name>` with no length bounds). Then, when the rest
    /// of a segment cannot match after any end past some start, it cannot after a later start either.
    var fitsAnyNonEmptyPart: Bool {
        if case .string(let minLength, nil) = rule { return minLength <= 1 }
        return false
    }

    /// Whether `text` has between `minLength` and `maxLength` characters, reading at most
    /// `maxLength + 1` of them (the default `<name>` reads one).
    private static func count(of text: Substring, within minLength: Int, _ maxLength: Int?) -> Bool {
        let limit = maxLength.map { $0 + 1 } ?? minLength
        var count = 0
        var index = text.startIndex
        while index < text.endIndex && count < limit {
            count += 1
            index = text.index(after: index)
        }
        if let maxLength, count > maxLength { return false }
        if count >= minLength { return true }
        return false
    }

    /// Creates a built-in converter from its kind and the arguments written in the pattern.
    init(kind: String, positional: [String], named: [String: String]) throws(RoutePatternError.Reason) {
        self.kind = kind
        var arguments = named
        for (index, value) in positional.enumerated() { arguments["\(index)"] = value }
        self.arguments = arguments
        func int(_ key: String, _ position: Int? = nil) throws(RoutePatternError.Reason) -> Int? {
            guard let text = named[key] ?? position.flatMap({ positional.indices.contains($0) ? positional[$0] : nil })
            else { return nil }
            guard let value = Int(text) else { throw .badArgument("\(key)=\(text) is not an integer") }
            return value
        }
        func double(_ key: String) throws(RoutePatternError.Reason) -> Double? {
            guard let text = named[key] else { return nil }
            guard let value = Double(text) else { throw .badArgument("\(key)=\(text) is not a number") }
            return value
        }
        func bool(_ key: String) -> Bool { ["true", "1", "yes"].contains(named[key]?.lowercased() ?? "") }
        switch kind {
        case "string", "default":
            if let length = try int("length") {
                rule = .string(minLength: length, maxLength: length)
            } else {
                rule = .string(minLength: try int("minlength", 0) ?? 1, maxLength: try int("maxlength", 1))
            }
            weight = 100
            spansSegments = false
        case "int":
            rule = .integer(
                fixedDigits: try int("fixed_digits", 0), min: try int("min"), max: try int("max"),
                signed: bool("signed"))
            weight = 50
            spansSegments = false
        case "float":
            rule = .float(min: try double("min"), max: try double("max"), signed: bool("signed"))
            weight = 50
            spansSegments = false
        case "path":
            rule = .path
            weight = 200
            spansSegments = true
        case "uuid":
            rule = .uuid
            weight = 100
            spansSegments = false
        case "any":
            guard !positional.isEmpty else {
                throw .badArgument("any() needs at least one choice, e.g. <any(about,help):page>")
            }
            rule = .any(positional)
            weight = 100
            spansSegments = false
        default:
            throw .unknownConverter(kind)
        }
    }

    /// The converter names this router knows.
    static let builtInKinds = ["string", "int", "float", "path", "uuid", "any"]
}

/// An `int` converter's rule as plain values, so that `BytePathMatcher` keeps and copies it with
/// no reference counting, and parses a segment's bytes without making a `String`.
struct IntegerDigits: Sendable, Equatable {
    let fixedDigits: Int?
    let min: Int?
    let max: Int?
    let signed: Bool

    /// What `Converter.convert(part:)` gives as `.int` for the text whose UTF-8 is `bytes`: the
    /// same optional `-` when signed, ASCII digits only (leading zeros allowed), `fixed_digits`
    /// counting the digits, nil when the value overflows `Int` as `Int(_:)` finds, then the bounds.
    func value(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let negative = signed && bytes.first == UInt8(ascii: "-")
        let first = negative ? 1 : 0
        guard bytes.count > first else { return nil }
        if let fixedDigits, bytes.count - first != fixedDigits { return nil }
        var value = 0
        for byte in bytes[first...] {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            // Built towards its sign, so that `Int.min`, which has no positive counterpart, fits.
            let (tens, overflowed) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowedAgain) =
                negative ? tens.subtractingReportingOverflow(Int(digit)) : tens.addingReportingOverflow(Int(digit))
            guard !overflowed, !overflowedAgain else { return nil }
            value = next
        }
        guard min.map({ value >= $0 }) ?? true, max.map({ value <= $0 }) ?? true else { return nil }
        return value
    }
}
