/// Flask's `g`: values a request carries from hook to view, of any type, read back typed.
///
/// ```swift
/// req.g["user"] = user                 // in a beforeRequest hook
/// let user: User? = req.g["user"]      // in the view: nil when absent or of another type
/// req.g.db = connection                // or by member name, as in Flask
/// let db: Database? = req.g.db
/// ```
/// Values need not be `Sendable`: a request's `g` lives on the one thread serving it.
@dynamicMemberLookup
public struct RequestGlobals {
    private var values: [String: Any] = [:]

    /// Creates an empty `g`.
    public init() {}

    /// The value for `key`, as stored; setting nil removes it.
    public subscript(key: String) -> Any? {
        get { values[key] }
        set { values[key] = newValue }
    }

    /// The value for `key` as `T`; nil when it is absent or not a `T`.
    public subscript<T>(key: String) -> T? {
        get { values[key] as? T }
        set { values[key] = newValue }
    }

    /// `g.name`, as stored; setting nil removes it.
    public subscript(dynamicMember name: String) -> Any? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// `g.name` as `T`; nil when it is absent or not a `T`.
    public subscript<T>(dynamicMember name: String) -> T? {
        get { values[name] as? T }
        set { values[name] = newValue }
    }

    /// Whether `key` holds a value (Flask's `'user' in g`).
    public func contains(_ key: String) -> Bool { values[key] != nil }

    /// Removes and returns the value for `key` (Flask's `g.pop`).
    @discardableResult
    public mutating func removeValue(forKey key: String) -> Any? { values.removeValue(forKey: key) }

    /// The keys set so far, sorted.
    public var keys: [String] { values.keys.sorted() }
}
