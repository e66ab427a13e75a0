/// A JSON value as an `Encodable` type described it, before it is written out.
///
/// Containers are boxes (classes) because `Encoder` hands out containers that keep writing into
/// their place after they are returned, and nested containers are filled after they are stored.
enum JSONNode {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case float(Float)
    case string(String)
    /// Text written as is: a `Decimal`'s digits.
    case number(String)
    case array(JSONArrayBox)
    case object(JSONObjectBox)
    /// A nested value that encoded nothing: written as `{}`, as Foundation does.
    case empty
}

/// The elements of a JSON array, in order.
final class JSONArrayBox {
    var elements: [JSONNode] = []
}

/// The members of a JSON object, in the order they were encoded; a key encoded twice keeps
/// its last value, as Foundation's encoder does.
final class JSONObjectBox {
    var members: [JSONMember]

    /// Room for a typical struct's fields from the start, so filling it takes one allocation.
    init() { members = Array(unsafeUninitializedCapacity: 8) { _, count in count = 0 } }
}

/// One member of a JSON object. A struct, not a `(key:value:)` tuple: an array of tuples looks
/// up the tuple's type metadata at run time each time one is allocated or destroyed.
struct JSONMember {
    let key: String
    var value: JSONNode
}
