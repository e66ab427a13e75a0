/// A template mapping that keeps its keys in insertion order, like a Python `dict`, so
/// `{% for k, v in d.items() %}` visits keys in the order they were added.
///
/// Dictionary literals make one, in the order written:
///
/// ```swift
/// let user: TemplateValue = ["name": "Ada", "admin": true]   // items(): name, then admin
/// ```
///
/// Small mappings (the usual record of a few fields) are searched linearly, which is faster
/// than hashing for a handful of short keys; larger ones keep a hash index beside the keys.
public struct TemplateDictionary: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    /// One entry.
    public typealias Element = (key: String, value: TemplateValue)

    /// The keys, in insertion order.
    public private(set) var keys: [String] = []
    /// The values, in the order of ``keys``.
    public private(set) var values: [TemplateValue] = []
    private var index: [String: Int]?

    /// Above this many keys, lookups use a hash index instead of a linear search.
    private static let linearLimit = 8

    /// An empty mapping.
    public init() {}

    /// A mapping from pairs in order; a repeated key keeps its first position and its last value.
    public init(_ pairs: some Sequence<(String, TemplateValue)>) {
        for (key, value) in pairs { self[key] = value }
    }

    /// A mapping from a Swift dictionary, whose order is unspecified: keys are sorted, so the
    /// result is the same from run to run.
    public init(_ dictionary: [String: TemplateValue]) {
        keys.reserveCapacity(dictionary.count)
        values.reserveCapacity(dictionary.count)
        for key in dictionary.keys.sorted() {
            keys.append(key)
            values.append(dictionary[key]!)
        }
        buildIndexIfLarge()
    }

    /// Creates a mapping from a literal, in the order written.
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self.init(elements)
    }

    /// The number of entries.
    public var count: Int { keys.count }

    /// Whether there are no entries.
    public var isEmpty: Bool { keys.isEmpty }

    /// The value for `key`; setting nil removes the entry, setting a new key appends it.
    public subscript(key: String) -> TemplateValue? {
        get {
            guard let position = position(of: key) else { return nil }
            return values[position]
        }
        set {
            if let position = position(of: key) {
                if let newValue {
                    values[position] = newValue
                } else {
                    keys.remove(at: position)
                    values.remove(at: position)
                    index = nil
                    buildIndexIfLarge()
                }
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
                if index != nil {
                    index![key] = keys.count - 1
                } else {
                    buildIndexIfLarge()
                }
            }
        }
    }

    /// The entries as a Swift dictionary (losing the order).
    public var dictionary: [String: TemplateValue] {
        Dictionary(zip(keys, values), uniquingKeysWith: { _, last in last })
    }

    /// Iterates the entries in order.
    public func makeIterator() -> some IteratorProtocol<Element> {
        zip(keys, values).lazy.map { (key: $0.0, value: $0.1) }.makeIterator()
    }

    /// Python's `dict` equality: the same keys with equal values, in any order.
    public static func == (lhs: TemplateDictionary, rhs: TemplateDictionary) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (key, value) in zip(lhs.keys, lhs.values) where rhs[key] != value { return false }
        return true
    }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return keys.firstIndex(of: key)
    }

    private mutating func buildIndexIfLarge() {
        guard keys.count > Self.linearLimit, index == nil else { return }
        var built: [String: Int] = [:]
        built.reserveCapacity(keys.count)
        for (position, key) in keys.enumerated() { built[key] = position }
        index = built
    }
}
