import Foundation

extension TemplateValue {
    /// Converts any `Encodable` value into a template value.
    ///
    /// Structs and dictionaries become `.dictionary`, arrays become `.array`, and integers, doubles,
    /// booleans and strings keep their type. Properties keep their declaration order (the order
    /// `encode(to:)` writes them), so `{% for k, v in obj.items() %}` visits them as declared.
    /// A `Date` becomes a ``TemplateDate`` (printed like Python's `datetime`, with `strftime`),
    /// shown in `timeZone`; a `URL` becomes its absolute string. Optional properties that are `nil`
    /// are left out, so they are undefined in the template.
    ///
    /// ```swift
    /// struct User: Encodable { let name: String; let admin: Bool }
    /// let context: [String: TemplateValue] = ["user": try TemplateValue(encoding: User(name: "Ada", admin: true))]
    /// ```
    ///
    /// - Parameters:
    ///   - value: The value to convert.
    ///   - timeZone: The time zone dates are shown in. Default UTC.
    /// - Throws: Whatever the value's `encode(to:)` throws.
    public init(encoding value: some Encodable, timeZone: TimeZone = TemplateDate.utc) throws {
        let node = EncodedNode(timeZone: timeZone)
        try node.store(value, codingPath: [])
        self = node.resolved
    }
}

extension TemplateValue: Encodable {
    /// Encodes the value as the matching JSON-like shape; markup encodes as its text, an object
    /// as its plain value or else its text. Mappings encode their keys in order (a `JSONEncoder`
    /// without `.sortedKeys` writes them so).
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
        case .object(let object): try container.encode(object.plainValue ?? .string(object.templateText))
        }
    }
}

extension TemplateDictionary: Encodable {
    /// Encodes the entries as a keyed container, in order.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: TemplateCodingKey.self)
        for (key, value) in self { try container.encode(value, forKey: TemplateCodingKey(key)) }
    }
}

/// A coding key made from any string (the keys of a ``TemplateDictionary``).
struct TemplateCodingKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { stringValue = String(intValue) }
}
