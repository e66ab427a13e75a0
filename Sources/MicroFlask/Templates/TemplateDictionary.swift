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

    // One array of entries plus an optional index keeps the struct two words wide, so a
    // `TemplateValue` holding it is no larger than one holding a `String`.
    private var entries: [Element] = []
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
        entries = dictionary.sorted { $0.key < $1.key }
        buildIndexIfLarge()
    }

    /// Creates a mapping from a literal, in the order written.
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self.init(elements)
    }

    /// The keys, in insertion order.
    public var keys: [String] { entries.map(\.key) }

    /// The values, in the order of ``keys``.
    public var values: [TemplateValue] { entries.map(\.value) }

    /// The number of entries.
    public var count: Int { entries.count }

    /// Whether there are no entries.
    public var isEmpty: Bool { entries.isEmpty }

    /// The value for `key`; setting nil removes the entry, setting a new key appends it.
    public subscript(key: String) -> TemplateValue? {
        get {
            if let index {
                guard let position = index[key] else { return nil }
                return entries[position].value
            }
            // Comparing lengths first (free for Swift strings) skips most other keys without a string comparison.
            let length = key.utf8.count
            for entry in entries where entry.key.utf8.count == length && entry.key == key { return entry.value }
            return nil
        }
        set {
            if let position = position(of: key) {
                if let newValue {
                    entries[position].value = newValue
                } else {
                    entries.remove(at: position)
                    index = nil
                    buildIndexIfLarge()
                }
            } else if let newValue {
                entries.append((key, newValue))
                if index != nil {
                    index![key] = entries.count - 1
                } else {
                    buildIndexIfLarge()
                }
            }
        }
    }

    /// The entries as a Swift dictionary (losing the order).
    public var dictionary: [String: TemplateValue] {
        Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// Iterates the entries in order.
    public func makeIterator() -> IndexingIterator<[Element]> {
        entries.makeIterator()
    }

    /// Python's `dict` equality: the same keys with equal values, in any order.
    public static func == (lhs: TemplateDictionary, rhs: TemplateDictionary) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (key, value) in lhs.entries where rhs[key] != value { return false }
        return true
    }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return entries.firstIndex { $0.key == key }
    }

    private mutating func buildIndexIfLarge() {
        guard entries.count > Self.linearLimit, index == nil else { return }
        var built: [String: Int] = [:]
        built.reserveCapacity(entries.count)
        for (position, entry) in entries.enumerated() { built[entry.key] = position }
        index = built
    }
}
