import Foundation

/// A JSON value, the form in which the session keeps what is stored in it (the cookie is JSON).
///
/// Literals work directly (`req.session["theme"] = "dark"`), and any `Codable` value goes in
/// and out through the session's typed subscript (`let id: Int? = req.session["user_id"]`).
public enum SessionValue: Sendable, Equatable, Codable {
    /// JSON `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number without a fraction or exponent (JSON numbers that fit an `Int` decode as this).
    case int(Int)
    /// Any other JSON number.
    case double(Double)
    /// A JSON string.
    case string(String)
    /// A JSON array.
    case array([SessionValue])
    /// A JSON object; its keys are unordered, as in a Python `dict` sent through `json`.
    case object([String: SessionValue])

    /// Reads any JSON value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([SessionValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: SessionValue].self))
        }
    }

    /// Writes the value as JSON.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The value as text: a string as itself, a number or flag printed, null as "".
    public var text: String {
        switch self {
        case .null: ""
        case .bool(let value): value ? "true" : "false"
        case .int(let value): String(value)
        case .double(let value): String(value)
        case .string(let value): value
        case .array, .object:
            (try? String(decoding: SessionValue.encoder.encode(self), as: UTF8.self)) ?? ""
        }
    }

    /// The elements of an array value, nil for any other.
    public var arrayValue: [SessionValue]? {
        if case .array(let values) = self { return values }
        return nil
    }

    /// Sorted keys, so the cookie of a given session is always the same bytes.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    /// Converts a `Codable` value (its JSON form).
    init(encoding value: some Encodable) throws {
        switch value {
        case let value as SessionValue: self = value
        case let value as String: self = .string(value)
        case let value as Int: self = .int(value)
        case let value as Bool: self = .bool(value)
        case let value as Double: self = .double(value)
        default: self = try JSONDecoder().decode(SessionValue.self, from: SessionValue.encoder.encode(value))
        }
    }

    /// The value decoded as `T`, nil when it does not decode as one.
    func decode<T: Decodable>(_ type: T.Type) -> T? {
        switch self {
        case .string(let value) where T.self == String.self: return value as? T
        case .int(let value) where T.self == Int.self: return value as? T
        case .bool(let value) where T.self == Bool.self: return value as? T
        case .double(let value) where T.self == Double.self: return value as? T
        case .int(let value) where T.self == Double.self: return Double(value) as? T
        default:
            if let same = self as? T { return same }
            guard let data = try? SessionValue.encoder.encode(self) else { return nil }
            return try? JSONDecoder().decode(T.self, from: data)
        }
    }
}

extension SessionValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    /// A string literal is a `.string`.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An integer literal is an `.int`.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// `true` and `false` are a `.bool`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// A floating-point literal is a `.double`.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// An array literal is an `.array`.
    public init(arrayLiteral elements: SessionValue...) { self = .array(elements) }
    /// A dictionary literal is an `.object`; of repeated keys the last wins.
    public init(dictionaryLiteral elements: (String, SessionValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
