/// Built-in filters that `{{ value|filter }}` can apply while writing the output, so the
/// filtered text is never made as a `String` of its own: `lower` and `upper` on ASCII text,
/// and `join` of strings and integers. Anything else (other inputs, markup, a filter replaced
/// with `registerFilter`) takes the filter's ordinary path, with the same result.
enum TemplateFusedFilter: String, Sendable, CaseIterable {
    case lower, upper, join

    /// The fused form of filter `name` called with these arguments, if it has one.
    init?(name: String, arguments: [TemplateExpression], keywords: [(String, TemplateExpression)]) {
        guard let filter = TemplateFusedFilter(rawValue: name), keywords.isEmpty else { return nil }
        switch filter {
        case .lower, .upper: guard arguments.isEmpty else { return nil }
        case .join: guard arguments.count <= 1 else { return nil }
        }
        self = filter
    }

    /// ASCII lower case of one byte (other bytes unchanged).
    static func lowered(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    /// ASCII upper case of one byte (other bytes unchanged).
    static func uppered(_ byte: UInt8) -> UInt8 {
        byte &- 0x61 < 26 ? byte & 0xDF : byte
    }
}
