/// An ordered multi-map of strings, like Werkzeug's `MultiDict`: query arguments and form fields.
///
/// ```swift
/// // GET /search?q=swift&tag=a&tag=b&page=2
/// req.args["q"]                    // "swift"
/// req.args.getAll("tag")           // ["a", "b"]
/// req.args.get("page", as: Int.self)  // 2
/// ```
public struct MultiDict: Sendable, Sequence, Equatable, ExpressibleByDictionaryLiteral {
    /// One key-value pair.
    public typealias Element = (key: String, value: String)

    var items: [Element]

    /// Creates a multi-map from pairs, keeping their order.
    public init(_ items: [(String, String)] = []) { self.items = items.map { (key: $0.0, value: $0.1) } }

    /// A multi-map from a dictionary literal, in the order written.
    public init(dictionaryLiteral elements: (String, String)...) { self.init(elements) }

    /// The first value for `key`.
    public subscript(key: String) -> String? {
        items.first { $0.key == key }?.value
    }

    /// The first value for `key`, or `defaultValue`.
    public func get(_ key: String, default defaultValue: String) -> String {
        self[key] ?? defaultValue
    }

    /// The first value for `key` converted to `type`, or nil if absent or not convertible
    /// (Werkzeug's `get(key, type=int)`).
    public func get<T: LosslessStringConvertible>(_ key: String, as type: T.Type) -> T? {
        self[key].flatMap { T($0) }
    }

    /// Every value for `key`, in order (Werkzeug's `getlist`).
    public func getAll(_ key: String) -> [String] {
        items.compactMap { $0.key == key ? $0.value : nil }
    }

    /// The distinct keys, in first-seen order.
    public var keys: [String] {
        var seen = Set<String>()
        return items.compactMap { seen.insert($0.key).inserted ? $0.key : nil }
    }

    /// Whether `key` is present.
    public func contains(_ key: String) -> Bool { items.contains { $0.key == key } }

    /// Appends a value, keeping earlier ones.
    public mutating func add(_ key: String, _ value: String) { items.append((key, value)) }

    /// The number of pairs.
    public var count: Int { items.count }

    /// Whether there are no pairs.
    public var isEmpty: Bool { items.isEmpty }

    /// Iterates every pair in order, repeated keys included.
    public func makeIterator() -> IndexingIterator<[Element]> { items.makeIterator() }

    /// Equal when both hold the same pairs in the same order.
    public static func == (lhs: MultiDict, rhs: MultiDict) -> Bool {
        lhs.items.elementsEqual(rhs.items) { $0.key == $1.key && $0.value == $1.value }
    }
}
