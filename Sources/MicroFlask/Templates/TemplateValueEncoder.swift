import Foundation

/// A mutable tree node filled in by ``TemplateValueEncoder`` and its containers.
///
/// Keyed children keep the order they were encoded in, which for synthesized `Encodable`
/// conformances is the order the properties are declared.
final class EncodedNode {
    private enum Content {
        case empty
        case value(TemplateValue)
        case keyed([(key: String, node: EncodedNode)])
        case unkeyed([EncodedNode])
    }

    private var content = Content.empty
    /// The time zone `Date` values are shown in.
    let timeZone: TimeZone

    init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// The finished value; an untouched node is `.null`.
    var resolved: TemplateValue {
        switch content {
        case .empty: return .null
        case .value(let value): return value
        case .keyed(let children): return .dictionary(TemplateDictionary(children.map { ($0.key, $0.node.resolved) }))
        case .unkeyed(let children): return .array(children.map(\.resolved))
        }
    }

    func set(_ value: TemplateValue) {
        content = .value(value)
    }

    func child(forKey key: String) -> EncodedNode {
        let node = EncodedNode(timeZone: timeZone)
        if case .keyed(var children) = content {
            content = .empty
            // A key encoded twice is resolved by `TemplateDictionary` (first position, last
            // value), so no search here: encoding stays linear in the number of keys.
            children.append((key, node))
            content = .keyed(children)
        } else {
            content = .keyed([(key, node)])
        }
        return node
    }

    func makeKeyed() {
        if case .keyed = content { return }
        content = .keyed([])
    }

    func makeUnkeyed() {
        if case .unkeyed = content { return }
        content = .unkeyed([])
    }

    func appendChild() -> EncodedNode {
        let node = EncodedNode(timeZone: timeZone)
        if case .unkeyed(var children) = content {
            content = .empty
            children.append(node)
            content = .unkeyed(children)
        } else {
            content = .unkeyed([node])
        }
        return node
    }

    var count: Int {
        if case .unkeyed(let children) = content { return children.count }
        return 0
    }

    /// Stores `value`, short-cutting the common leaf types.
    func store(_ value: some Encodable, codingPath: [any CodingKey]) throws {
        switch value {
        case let value as TemplateValue: set(value)
        case let value as String: set(.string(value))
        case let value as Bool: set(.bool(value))
        case let value as Int: set(.int(value))
        case let value as Double: set(.double(value))
        case let value as Float: set(.double(Double(value)))
        case let value as Date: set(.object(TemplateDate(value, timeZone: timeZone)))
        case let value as URL: set(.string(value.absoluteString))
        case let value as Decimal: set(.double(NSDecimalNumber(decimal: value).doubleValue))
        case let value as any SortedKeysEncodable: try value.store(sortedInto: self, codingPath: codingPath)
        default:
            try value.encode(to: TemplateValueEncoder(node: self, codingPath: codingPath))
        }
    }
}

/// An `Encoder` that writes into an ``EncodedNode`` tree.
struct TemplateValueEncoder: Encoder {
    let node: EncodedNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.makeKeyed()
        return KeyedEncodingContainer(KeyedContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.makeUnkeyed()
        return UnkeyedContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(node: node, codingPath: codingPath)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodedNode
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws {
        node.child(forKey: key.stringValue).set(.null)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try node.child(forKey: key.stringValue).store(value, codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type,
        forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let child = node.child(forKey: key.stringValue)
        child.makeKeyed()
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = node.child(forKey: key.stringValue)
        child.makeUnkeyed()
        return UnkeyedContainer(node: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        TemplateValueEncoder(node: node.child(forKey: "super"), codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        TemplateValueEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key])
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let node: EncodedNode
    let codingPath: [any CodingKey]
    var count: Int { node.count }

    mutating func encodeNil() throws {
        node.appendChild().set(.null)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try node.appendChild().store(value, codingPath: codingPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        let child = node.appendChild()
        child.makeKeyed()
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = node.appendChild()
        child.makeUnkeyed()
        return UnkeyedContainer(node: child, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder {
        TemplateValueEncoder(node: node.appendChild(), codingPath: codingPath)
    }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let node: EncodedNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.set(.null) }
    mutating func encode(_ value: Bool) throws { node.set(.bool(value)) }
    mutating func encode(_ value: String) throws { node.set(.string(value)) }
    mutating func encode(_ value: Double) throws { node.set(.double(value)) }
    mutating func encode(_ value: Float) throws { node.set(.double(Double(value))) }
    mutating func encode(_ value: Int) throws { node.set(.int(value)) }
    mutating func encode(_ value: Int8) throws { node.set(.int(Int(value))) }
    mutating func encode(_ value: Int16) throws { node.set(.int(Int(value))) }
    mutating func encode(_ value: Int32) throws { node.set(.int(Int(value))) }
    mutating func encode(_ value: Int64) throws { node.set(.int(Int(value))) }
    mutating func encode(_ value: UInt) throws { node.set(Self.integer(value)) }
    mutating func encode(_ value: UInt8) throws { node.set(.int(Int(value))) }
    mutating func encode(_ value: UInt16) throws { node.set(.int(Int(value))) }
    mutating func encode(_ value: UInt32) throws { node.set(.int(Int(value))) }
    mutating func encode(_ value: UInt64) throws { node.set(Self.integer(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { try node.store(value, codingPath: codingPath) }

    private static func integer(_ value: some BinaryInteger) -> TemplateValue {
        if let exact = Int(exactly: value) { return .int(exact) }
        return .double(Double(value))
    }
}

/// A Swift dictionary with string keys: its own `encode(to:)` writes keys in hash order, which
/// changes from run to run, so it is stored with sorted keys instead.
private protocol SortedKeysEncodable {
    func store(sortedInto node: EncodedNode, codingPath: [any CodingKey]) throws
}

extension Dictionary: SortedKeysEncodable where Key == String, Value: Encodable {
    fileprivate func store(sortedInto node: EncodedNode, codingPath: [any CodingKey]) throws {
        node.makeKeyed()
        for key in keys.sorted() {
            try node.child(forKey: key).store(self[key]!, codingPath: codingPath + [TemplateCodingKey(key)])
        }
    }
}
