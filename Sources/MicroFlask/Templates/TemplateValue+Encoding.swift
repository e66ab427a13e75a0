import Foundation

extension TemplateValue {
    /// Converts any `Encodable` value into a template value.
    ///
    /// Structs and dictionaries become `.dictionary`, arrays become `.array`, and integers, doubles,
    /// booleans and strings keep their type. `Date` becomes an ISO 8601 string and `URL` its
    /// absolute string. Optional properties that are `nil` are left out, so they are undefined in
    /// the template.
    ///
    /// ```swift
    /// struct User: Encodable { let name: String; let admin: Bool }
    /// let context: [String: TemplateValue] = ["user": try TemplateValue(encoding: User(name: "Ada", admin: true))]
    /// ```
    ///
    /// - Parameter value: The value to convert.
    /// - Throws: Whatever the value's `encode(to:)` throws.
    public init(encoding value: some Encodable) throws {
        let node = EncodedNode()
        try node.store(value, codingPath: [])
        self = node.resolved
    }
}

extension TemplateValue: Encodable {
    /// Encodes the value as the matching JSON-like shape; markup encodes as its text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let text), .safe(let text): try container.encode(text)
        case .array(let items): try container.encode(items)
        case .dictionary(let entries): try container.encode(entries)
        }
    }
}
