/// Matches the common kind of dynamic rule on the path's UTF-8 bytes, without splitting the
/// path into `Substring` segments first.
///
/// Most rules (`/users/<int:id>`, `/posts/<slug>/comments`) have no `path` placeholder, and each
/// segment is either ASCII literal text or one placeholder filling the whole segment. For those,
/// segment `i` of the rule meets segment `i` of the path, so one forward scan over the bytes
/// decides the match: literals compare as bytes and `int` values are parsed from the digits.
/// That spares the segments array (an allocation) and the `String.Index` walk of the general
/// matcher (`RoutePattern.matchInOrder`), which is what a request to such a rule used to cost.
///
/// The outcome is always the general matcher's. Where bytes alone cannot tell, the answer is
/// `.undecided` and the table asks the general matcher: a literal segment compares as a `String`
/// (canonically equivalent spellings match, and some non-ASCII text is equivalent to ASCII, such
/// as U+212A KELVIN SIGN to `K`), so a non-ASCII path segment that differs from the literal's
/// bytes is left to it, and so is a path whose first character may be more than its `/`.
struct BytePathMatcher: Sendable {
    /// One rule segment after the leading literal ones.
    enum Segment: Sendable {
        /// ASCII text (possibly empty, as in `/a//<b>` or a trailing `/`), compared byte for byte.
        case literal([UInt8])
        /// An `int` placeholder, parsed from its digits. Its rule is plain values, not the whole
        /// `Converter`: taking a segment out of the array then costs one retain, of the name.
        case integer(name: String, digits: IntegerDigits)
        /// Any other placeholder: its converter reads the same `Substring` the general matcher gives it.
        case text(TextPlaceholder)
    }

    /// A placeholder other than `int`; a class, so that taking it out of the array is one retain.
    final class TextPlaceholder: Sendable {
        let name: String
        let converter: Converter

        init(name: String, converter: Converter) {
            self.name = name
            self.converter = converter
        }
    }

    /// What the bytes say about a path.
    enum Outcome {
        /// The rule matches, with these captures in rule order.
        case matched([RoutePattern.Capture])
        /// The rule does not match.
        case mismatch
        /// The bytes cannot decide it: ask `RoutePattern.matchInOrder`.
        case undecided
    }

    /// The length of the rule's `leadingBytes`: bytes the table compared before asking.
    let prefixLength: Int
    /// The segments after the leading literal ones, in order (at least one: the rule is dynamic).
    let segments: [Segment]
    /// How many placeholders the rule has: the captures array is made once, at this size.
    let parameterCount: Int

    /// The matcher for `pattern`, or nil when its rule is not of the kind this matches on bytes:
    /// a `path` placeholder, several pieces in one segment, or a non-ASCII literal.
    init?(_ pattern: RoutePattern) {
        var segments: [Segment] = []
        // The leading literal segments are the ones `leadingBytes` covers: the table has compared them.
        var leading = true
        for segment in pattern.segments {
            guard segment.pieces.count == 1, !segment.spansSegments else { return nil }
            switch segment.pieces[0] {
            case .literal(let text):
                guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
                if !leading { segments.append(.literal(Array(text.utf8))) }
            case .parameter(let name, let converter):
                leading = false
                if let digits = converter.integerDigits {
                    segments.append(.integer(name: name, digits: digits))
                } else {
                    segments.append(.text(TextPlaceholder(name: name, converter: converter)))
                }
            }
        }
        guard !segments.isEmpty else { return nil }
        self.prefixLength = pattern.leadingBytes.count
        self.segments = segments
        self.parameterCount = pattern.parameterNames.count
    }

    /// Matches `bytes`, the UTF-8 of `path`, which the caller has found to start with the
    /// pattern's `leadingBytes`.
    func match(_ bytes: UnsafeBufferPointer<UInt8>, of path: String) -> Outcome {
        // The general matcher's segments start after the path's first Character, which is only
        // the `/` when an ASCII byte follows it (a combining mark would join it).
        guard bytes.count >= prefixLength, bytes.count < 2 || bytes[1] < 0x80 else { return .undecided }
        // Sized at the first capture, so a rule rejected before it costs no allocation.
        var captures: [RoutePattern.Capture] = []
        var start = prefixLength
        for (position, segment) in segments.enumerated() {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "/") { end += 1 }
            // The path must have as many segments as the rule: a `/` after every one but the last.
            guard (position == segments.count - 1) == (end == bytes.count) else { return .mismatch }
            let text = UnsafeBufferPointer(rebasing: bytes[start..<end])
            switch segment {
            case .literal(let literal):
                guard BytePathMatcher.equal(literal, text) else {
                    return text.contains { $0 >= 0x80 } ? .undecided : .mismatch
                }
            case .integer(let name, let digits):
                guard let value = digits.value(of: text) else { return .mismatch }
                if captures.isEmpty { captures.reserveCapacity(parameterCount) }
                captures.append(RoutePattern.Capture(name: name, value: .int(value)))
            case .text(let placeholder):
                // The general matcher never offers a placeholder an empty segment.
                guard !text.isEmpty,
                    let value = placeholder.converter.convert(part: BytePathMatcher.slice(path, start..<end))
                else { return .mismatch }
                if captures.isEmpty { captures.reserveCapacity(parameterCount) }
                captures.append(RoutePattern.Capture(name: placeholder.name, value: value))
            }
            start = end + 1
        }
        return .matched(captures)
    }

    /// Whether `text` is exactly the bytes of `literal`.
    private static func equal(_ literal: [UInt8], _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard literal.count == text.count else { return false }
        for index in 0..<text.count where literal[index] != text[index] { return false }
        return true
    }

    /// The `Substring` of `path` at UTF-8 offsets `range`: what `RouteTable.segments(of:)`
    /// makes for the same segment, so a converter sees the same text either way.
    private static func slice(_ path: String, _ range: Range<Int>) -> Substring {
        let utf8 = path.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        return path[lower..<utf8.index(lower, offsetBy: range.count)]
    }
}
