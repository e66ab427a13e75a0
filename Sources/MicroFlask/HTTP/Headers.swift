/// HTTP header fields: ordered, multi-valued, with case-insensitive names.
///
/// Repeated fields (several `Set-Cookie` lines) are kept, in order.
/// ```swift
/// var headers: Headers = ["Content-Type": "text/plain"]
/// headers.add("Set-Cookie", "a=1")
/// headers.add("Set-Cookie", "b=2")
/// headers["content-type"]            // "text/plain"
/// headers["Set-Cookie"]              // "a=1" (other repeated fields read as "a, b")
/// headers.values(for: "Set-Cookie")  // ["a=1", "b=2"]
/// ```
public struct Headers: Sendable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    /// One header line.
    public typealias Field = (name: String, value: String)

    var fields: [Field]

    /// Creates an empty set of headers.
    public init() { fields = [] }

    /// Creates headers from name-value pairs, keeping their order.
    public init(_ fields: [Field]) { self.fields = fields }

    /// Headers from a dictionary literal, in the order written: `["X-Id": "7"]`.
    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { (name: $0.0, value: $0.1) }
    }

    /// The value of `name`: repeated fields joined with `, ` as Werkzeug's request headers join
    /// them (`X-Tag: a` and `X-Tag: b` read as `a, b`), except `Set-Cookie`, whose values may
    /// contain commas and are never joined (this gives the first; see `values(for:)`).
    /// Setting replaces every field of that name (nil removes them); `add` keeps the others.
    public subscript(name: String) -> String? {
        get {
            guard let first = fields.firstIndex(where: { Headers.equalNames($0.name, name) }) else { return nil }
            var joined = fields[first].value
            if Headers.equalNames(name, "Set-Cookie") { return joined }
            for field in fields[(first + 1)...] where Headers.equalNames(field.name, name) {
                joined += ", " + field.value
            }
            return joined
        }
        set {
            if let newValue {
                if let index = fields.firstIndex(where: { Headers.equalNames($0.name, name) }) {
                    fields[index].value = newValue
                    var next = index + 1
                    while next < fields.count {
                        if Headers.equalNames(fields[next].name, name) { fields.remove(at: next) } else { next += 1 }
                    }
                } else {
                    fields.append((name, newValue))
                }
            } else {
                remove(name)
            }
        }
    }

    /// Every value of `name`, in order.
    public func values(for name: String) -> [String] {
        fields.compactMap { Headers.equalNames($0.name, name) ? $0.value : nil }
    }

    /// Whether a field named `name` is present.
    public func contains(_ name: String) -> Bool {
        fields.contains { Headers.equalNames($0.name, name) }
    }

    /// Appends a field, keeping any earlier ones of the same name.
    public mutating func add(_ name: String, _ value: String) {
        fields.append((name, value))
    }

    /// Copies `other`'s fields in, replacing the fields of every name it has and keeping all of
    /// its repeated fields (Werkzeug's `Headers.update` with a `Headers`): two `Set-Cookie`
    /// lines stay two, and a `Content-Type` replaces the one already there.
    ///
    /// ```swift
    /// var headers: Headers = ["Content-Type": "text/html", "X-A": "1"]
    /// headers.update(["Content-Type": "text/plain", "Set-Cookie": "a=1", "Set-Cookie": "b=2"])
    /// // X-A: 1, Content-Type: text/plain, Set-Cookie: a=1, Set-Cookie: b=2
    /// ```
    public mutating func update(_ other: Headers) {
        guard !other.isEmpty else { return }
        fields.removeAll { field in other.fields.contains { Headers.equalNames($0.name, field.name) } }
        fields.append(contentsOf: other.fields)
    }

    /// Removes every field named `name`.
    public mutating func remove(_ name: String) {
        fields.removeAll { Headers.equalNames($0.name, name) }
    }

    /// The number of fields.
    public var count: Int { fields.count }

    /// Whether there are no fields.
    public var isEmpty: Bool { fields.isEmpty }

    /// Iterates the fields in order, repeated names included.
    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

    /// One `Name: value` line per field, for logs and test failures.
    public var description: String { fields.map { "\($0.name): \($0.value)" }.joined(separator: "\n") }

    /// Compares two field names ignoring ASCII case, without allocating; names of different
    /// lengths (most pairs) cost one comparison.
    @inline(__always)
    static func equalNames(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        func equal(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
            for i in 0..<x.count where x[i] != y[i] {
                let folded = x[i] | 0x20
                if folded != y[i] | 0x20 || folded < 0x61 || folded > 0x7A { return false }
            }
            return true
        }
        let fast = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in equal(x, y) }
        }
        if let fast, let result = fast { return result }
        return zip(a.utf8, b.utf8).allSatisfy { x, y in
            x == y || (x | 0x20 == y | 0x20 && (0x61...0x7A).contains(x | 0x20))
        }
    }
}
