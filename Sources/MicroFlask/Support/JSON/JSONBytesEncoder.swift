/// Encodes `Encodable` values as JSON UTF-8 bytes, without Foundation's `JSONEncoder` or `Data`:
/// the bytes Flask-style responses send (`Response.json`, views returning `Encodable`).
///
/// The output is the same as `JSONEncoder`'s with its default strategies: `/` escaped as `\/`,
/// control characters as `\n`, `\t`... or `\u00XX`, other text as is; whole doubles without
/// `.0`; dates as seconds since 2001, data as Base64, URLs as their absolute string. With
/// `sortsKeys` (the default, as Flask sorts) object keys are in `String` order; without it they
/// stay in the order the type encoded them (Foundation's `JSONEncoder` gives no fixed order).
///
/// ```swift
/// let bytes = try JSONBytesEncoder().encode(["b": 1, "a": 2])   // {"a":2,"b":1}
/// ```
public struct JSONBytesEncoder: Sendable {
    /// Whether object keys are sorted. Default true.
    public var sortsKeys: Bool

    /// Creates an encoder; `sortsKeys` as Flask's `JSON_SORT_KEYS` default.
    public init(sortsKeys: Bool = true) { self.sortsKeys = sortsKeys }

    /// The JSON bytes of `value`.
    ///
    /// Throws `EncodingError.invalidValue` for a non-finite number, or when a top-level value
    /// encodes nothing, as `JSONEncoder` does.
    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        if let bytes = try JSONStreamEncoder.encode(value, sortsKeys: sortsKeys) { return bytes }
        // Containers used out of order (see `JSONStreamEncoder`): again, through a tree.
        var writer = JSONByteWriter(sortsKeys: sortsKeys)
        let encoder = JSONTreeEncoder(codingPath: [], destination: .root)
        try value.encode(to: encoder)
        guard let root = encoder.root else {
            throw JSONTreeEncoder.invalid(value, "Top-level \(T.self) did not encode any values.")
        }
        writer.write(root)
        return writer.bytes
    }
}
