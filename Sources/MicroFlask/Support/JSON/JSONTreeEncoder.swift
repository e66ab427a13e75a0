import Foundation

/// The `Encoder` that `JSONBytesEncoder` hands to `Encodable` types: it records what they
/// encode as a `JSONNode` tree, writing each value into its place (the root, a member or an
/// element) as soon as it is given.
final class JSONTreeEncoder: Encoder {
    /// Where this encoder's value goes.
    enum Destination {
        case root
        case member(JSONObjectBox, Int)
        case element(JSONArrayBox, Int)
    }

    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    private let destination: Destination
    /// The value at the root (for `.root` only); nil until something is encoded.
    private(set) var root: JSONNode?

    init(codingPath: [any CodingKey], destination: Destination) {
        self.codingPath = codingPath
        self.destination = destination
    }

    /// Stores `node` at this encoder's destination.
    func store(_ node: JSONNode) {
        switch destination {
        case .root: root = node
        case .member(let box, let index): box.members[index].value = node
        case .element(let box, let index): box.elements[index] = node
        }
    }

    /// The value now at the destination, so that asking twice for a container reuses it.
    private var current: JSONNode? {
        switch destination {
        case .root: root
        case .member(let box, let index): box.members[index].value
        case .element(let box, let index): box.elements[index]
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let box: JSONObjectBox
        if case .object(let existing)? = current {
            box = existing
        } else {
            box = JSONObjectBox()
            store(.object(box))
        }
        return KeyedEncodingContainer(JSONKeyedContainer<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let box: JSONArrayBox
        if case .array(let existing)? = current {
            box = existing
        } else {
            box = JSONArrayBox()
            store(.array(box))
        }
        return JSONUnkeyedContainer(box: box, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONSingleValueContainer(encoder: self)
    }

    /// The node for a value of an `Encodable` type: Foundation's special cases (Date as seconds
    /// since 2001, Data as Base64, URL as its absolute string, Decimal as its digits), else what
    /// the type's `encode(to:)` gives at `destination`, which has been reserved for it.
    static func encode<T: Encodable>(
        _ value: T, at destination: Destination, codingPath: [any CodingKey]
    ) throws -> JSONNode? {
        if let node = try special(value) { return node }
        let encoder = JSONTreeEncoder(codingPath: codingPath, destination: destination)
        try value.encode(to: encoder)
        return nil
    }

    /// Foundation's special cases and the common leaf types, told apart by metatype identity
    /// (a pointer comparison) before any cast.
    static func special<T: Encodable>(_ value: T) throws -> JSONNode? {
        let type = ObjectIdentifier(T.self)
        if type == ObjectIdentifier(String.self) { return .string(value as! String) }
        if type == ObjectIdentifier(Int.self) { return .int(Int64(value as! Int)) }
        if type == ObjectIdentifier(Double.self) { return try JSONTreeEncoder.node(value as! Double) }
        if type == ObjectIdentifier(Bool.self) { return .bool(value as! Bool) }
        if type == ObjectIdentifier(Date.self) {
            return try JSONTreeEncoder.node((value as! Date).timeIntervalSinceReferenceDate)
        }
        if type == ObjectIdentifier(Data.self) { return .string((value as! Data).base64EncodedString()) }
        if type == ObjectIdentifier(URL.self) { return .string((value as! URL).absoluteString) }
        if type == ObjectIdentifier(Decimal.self) {
            let decimal = value as! Decimal
            guard !decimal.isNaN else { throw invalid(decimal, "Decimal.nan") }
            return .number(decimal.description)
        }
        return nil
    }

    static func node(_ value: Double) throws -> JSONNode {
        guard value.isFinite else { throw invalid(value, "\(value)") }
        return .double(value)
    }

    static func node(_ value: Float) throws -> JSONNode {
        guard value.isFinite else { throw invalid(value, "\(value)") }
        return .float(value)
    }

    /// The error Foundation throws for a value JSON cannot hold.
    static func invalid(_ value: Any, _ shown: String, codingPath: [any CodingKey] = []) -> EncodingError {
        EncodingError.invalidValue(
            value,
            EncodingError.Context(
                codingPath: codingPath,
                debugDescription: "Unable to encode \(shown) directly in JSON."))
    }
}
