/// The containers `JSONStreamEncoder` hands out. Each points at one open frame of the encoder;
/// writing begins a member or element there (finishing what was opened inside it) and writes
/// the value at once.
struct JSONStreamKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: JSONStreamEncoder
    let level: JSONStreamEncoder.Level?
    var codingPath: [any CodingKey] { encoder.path(at: level) }

    mutating func encodeNil(forKey key: Key) throws {
        try encoder.begin(level, key: key.stringValue)
        encoder.writeNull()
    }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
        try encoder.begin(level, key: key.stringValue)
        encoder.writeBool(value)
    }
    mutating func encode(_ value: String, forKey key: Key) throws {
        try encoder.begin(level, key: key.stringValue)
        encoder.writeString(value)
    }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        try encoder.begin(level, key: key.stringValue)
        try encoder.writeNumber(value)
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        try encoder.begin(level, key: key.stringValue)
        try encoder.writeNumber(value)
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try integer(value, key) }

    @inline(__always)
    private func integer(_ value: some FixedWidthInteger, _ key: Key) throws {
        try encoder.begin(level, key: key.stringValue)
        encoder.writeInteger(value)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encoder.begin(level, key: key.stringValue)
        try encoder.write(value, key: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = encoder.openNested(in: level, name: key.stringValue, key: key, isObject: true)
        return KeyedEncodingContainer(JSONStreamKeyedContainer<NestedKey>(encoder: encoder, level: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = encoder.openNested(in: level, name: key.stringValue, key: key, isObject: false)
        return JSONStreamUnkeyedContainer(encoder: encoder, level: nested)
    }

    mutating func superEncoder() -> any Encoder { encoder.superEncoder() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { encoder.superEncoder() }
}

/// The scalar writes of the containers whose values have no key (arrays and single values):
/// each begins its value, then writes it.
protocol JSONStreamKeylessWriting {
    var encoder: JSONStreamEncoder { get }
    /// Starts the next value: an array's next element, or the single value.
    func beginValue() throws
}

extension JSONStreamKeylessWriting {
    mutating func encodeNil() throws {
        try beginValue()
        encoder.writeNull()
    }
    mutating func encode(_ value: Bool) throws {
        try beginValue()
        encoder.writeBool(value)
    }
    mutating func encode(_ value: String) throws {
        try beginValue()
        encoder.writeString(value)
    }
    mutating func encode(_ value: Double) throws {
        try beginValue()
        try encoder.writeNumber(value)
    }
    mutating func encode(_ value: Float) throws {
        try beginValue()
        try encoder.writeNumber(value)
    }
    mutating func encode(_ value: Int) throws { try integer(value) }
    mutating func encode(_ value: Int8) throws { try integer(value) }
    mutating func encode(_ value: Int16) throws { try integer(value) }
    mutating func encode(_ value: Int32) throws { try integer(value) }
    mutating func encode(_ value: Int64) throws { try integer(value) }
    mutating func encode(_ value: UInt) throws { try integer(value) }
    mutating func encode(_ value: UInt8) throws { try integer(value) }
    mutating func encode(_ value: UInt16) throws { try integer(value) }
    mutating func encode(_ value: UInt32) throws { try integer(value) }
    mutating func encode(_ value: UInt64) throws { try integer(value) }

    @inline(__always)
    private func integer(_ value: some FixedWidthInteger) throws {
        try beginValue()
        encoder.writeInteger(value)
    }
}

struct JSONStreamUnkeyedContainer: UnkeyedEncodingContainer, JSONStreamKeylessWriting {
    let encoder: JSONStreamEncoder
    let level: JSONStreamEncoder.Level?
    var codingPath: [any CodingKey] { encoder.path(at: level) }
    var count: Int { encoder.count(at: level) }

    func beginValue() throws { try encoder.begin(level, key: nil) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let index = count
        try encoder.begin(level, key: nil)
        try encoder.write(value, key: JSONIndexKey(index))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested = encoder.openNested(in: level, name: nil, key: JSONIndexKey(count), isObject: true)
        return KeyedEncodingContainer(JSONStreamKeyedContainer<NestedKey>(encoder: encoder, level: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = encoder.openNested(in: level, name: nil, key: JSONIndexKey(count), isObject: false)
        return JSONStreamUnkeyedContainer(encoder: encoder, level: nested)
    }

    mutating func superEncoder() -> any Encoder { encoder.superEncoder() }
}

struct JSONStreamSingleValueContainer: SingleValueEncodingContainer, JSONStreamKeylessWriting {
    let encoder: JSONStreamEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    func beginValue() throws { try encoder.beginSingle() }

    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.writeSingleValue(value) }
}
