/// The containers `JSONTreeEncoder` hands out: each writes straight into its box.
struct JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: JSONObjectBox
    let codingPath: [any CodingKey]

    private func put(_ node: JSONNode, _ key: Key) {
        box.members.append(JSONMember(key: key.stringValue, value: node))
    }

    mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(try JSONTreeEncoder.node(value), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(try JSONTreeEncoder.node(value), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(.int(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(.uint(UInt64(value)), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(.uint(UInt64(value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(.uint(UInt64(value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(.uint(UInt64(value)), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { put(.uint(value), key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        if let node = try JSONTreeEncoder.special(value) { return put(node, key) }
        put(.empty, key)
        _ = try JSONTreeEncoder.encode(
            value, at: .member(box, box.members.count - 1), codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObjectBox()
        put(.object(nested), key)
        return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(box: nested, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = JSONArrayBox()
        put(.array(nested), key)
        return JSONUnkeyedContainer(box: nested, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }

    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

    private func superEncoder(named name: String) -> any Encoder {
        box.members.append(JSONMember(key: name, value: .empty))
        return JSONTreeEncoder(
            codingPath: codingPath + [JSONIndexKey(name)], destination: .member(box, box.members.count - 1))
    }
}

struct JSONUnkeyedContainer: UnkeyedEncodingContainer {
    let box: JSONArrayBox
    let codingPath: [any CodingKey]
    var count: Int { box.elements.count }

    private func put(_ node: JSONNode) { box.elements.append(node) }

    mutating func encodeNil() throws { put(.null) }
    mutating func encode(_ value: Bool) throws { put(.bool(value)) }
    mutating func encode(_ value: String) throws { put(.string(value)) }
    mutating func encode(_ value: Double) throws { put(try JSONTreeEncoder.node(value)) }
    mutating func encode(_ value: Float) throws { put(try JSONTreeEncoder.node(value)) }
    mutating func encode(_ value: Int) throws { put(.int(Int64(value))) }
    mutating func encode(_ value: Int8) throws { put(.int(Int64(value))) }
    mutating func encode(_ value: Int16) throws { put(.int(Int64(value))) }
    mutating func encode(_ value: Int32) throws { put(.int(Int64(value))) }
    mutating func encode(_ value: Int64) throws { put(.int(value)) }
    mutating func encode(_ value: UInt) throws { put(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt8) throws { put(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt16) throws { put(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt32) throws { put(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt64) throws { put(.uint(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        if let node = try JSONTreeEncoder.special(value) { return put(node) }
        let index = box.elements.count
        put(.empty)
        _ = try JSONTreeEncoder.encode(value, at: .element(box, index), codingPath: codingPath + [JSONIndexKey(index)])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested = JSONObjectBox()
        let key = JSONIndexKey(box.elements.count)
        put(.object(nested))
        return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(box: nested, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = JSONArrayBox()
        let key = JSONIndexKey(box.elements.count)
        put(.array(nested))
        return JSONUnkeyedContainer(box: nested, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        let index = box.elements.count
        put(.empty)
        return JSONTreeEncoder(codingPath: codingPath + [JSONIndexKey(index)], destination: .element(box, index))
    }
}

struct JSONSingleValueContainer: SingleValueEncodingContainer {
    let encoder: JSONTreeEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.store(.null) }
    mutating func encode(_ value: Bool) throws { encoder.store(.bool(value)) }
    mutating func encode(_ value: String) throws { encoder.store(.string(value)) }
    mutating func encode(_ value: Double) throws { encoder.store(try JSONTreeEncoder.node(value)) }
    mutating func encode(_ value: Float) throws { encoder.store(try JSONTreeEncoder.node(value)) }
    mutating func encode(_ value: Int) throws { encoder.store(.int(Int64(value))) }
    mutating func encode(_ value: Int8) throws { encoder.store(.int(Int64(value))) }
    mutating func encode(_ value: Int16) throws { encoder.store(.int(Int64(value))) }
    mutating func encode(_ value: Int32) throws { encoder.store(.int(Int64(value))) }
    mutating func encode(_ value: Int64) throws { encoder.store(.int(value)) }
    mutating func encode(_ value: UInt) throws { encoder.store(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt8) throws { encoder.store(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt16) throws { encoder.store(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt32) throws { encoder.store(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt64) throws { encoder.store(.uint(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        if let node = try JSONTreeEncoder.special(value) { return encoder.store(node) }
        try value.encode(to: encoder)
    }
}

/// A coding key for array positions and `super`, in coding paths.
///
/// The text of an index is made only when asked for (an error message), not per element.
struct JSONIndexKey: CodingKey {
    private let name: String?
    let intValue: Int?
    var stringValue: String { name ?? "Index \(intValue ?? 0)" }

    init(_ index: Int) {
        name = nil
        intValue = index
    }

    init(_ name: String) {
        self.name = name
        intValue = nil
    }

    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { self.init(intValue) }
}
