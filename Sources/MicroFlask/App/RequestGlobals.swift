/// Flask's `g`: values a request carries from hook to view, of any type, read back typed.
///
/// ```swift
/// req.g["user"] = user                 // in a beforeRequest hook
/// let user: User? = req.g["user"]      // in the view: nil when absent or of another type
/// req.g.db = connection                // or by member name, as in Flask
/// let db: Database? = req.g.db
/// ```
/// As in Flask, a key may hold *None*: assigning an optional that is nil keeps the key
/// (Flaskr's `g.user = None` for a visitor who is not logged in), so `contains` is true and
/// templates see `None` (`{{ g.user['id'] }}` is then undefined, not an error). The literal
/// `req.g["user"] = nil` (or `removeValue(forKey:)`, Flask's `g.pop`) removes the key.
/// ```swift
/// let user: User? = nil
/// req.g["user"] = user                 // Flask's g.user = None
/// ```
/// Values need not be `Sendable`: a request's `g` lives on the one thread serving it. The
/// names `keys` and `values` are the struct's own; store such keys with the subscript.
@dynamicMemberLookup
public struct RequestGlobals {
    /// Every value, by key (what templates are offered as `g`).
    public private(set) var values: [String: Any] = [:]

    /// What a key holds after an optional that is nil was assigned to it (Python's `None`).
    private struct NoneValue {}

    /// Creates an empty `g`.
    public init() {}

    /// The value for `key`, as stored (nil when absent or None); setting nil removes it.
    public subscript(key: String) -> Any? {
        get { Self.visible(values[key]) }
        set { values[key] = newValue }
    }

    /// The value for `key` as `T`; nil when it is absent, None or not a `T`. Setting an
    /// optional that is nil stores None (the key stays, as Flask's `g.user = None`).
    public subscript<T>(key: String) -> T? {
        get { values[key] as? T }
        set { values[key] = newValue.map { $0 as Any } ?? NoneValue() }
    }

    /// `g.name`, as stored (nil when absent or None); setting nil removes it.
    public subscript(dynamicMember name: String) -> Any? {
        get { Self.visible(values[name]) }
        set { values[name] = newValue }
    }

    /// `g.name` as `T`; nil when it is absent, None or not a `T`. Setting an optional that is
    /// nil stores None, as the keyed form does.
    public subscript<T>(dynamicMember name: String) -> T? {
        get { values[name] as? T }
        set { values[name] = newValue.map { $0 as Any } ?? NoneValue() }
    }

    /// Whether `key` holds a value, None included (Flask's `'user' in g`).
    public func contains(_ key: String) -> Bool { values[key] != nil }

    /// Whether `key` holds None (an optional that was nil when assigned).
    func holdsNone(_ key: String) -> Bool { values[key] is NoneValue }

    /// Removes and returns the value for `key` (Flask's `g.pop`); nil when absent or None.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> Any? { Self.visible(values.removeValue(forKey: key)) }

    /// A stored value as callers see it: None reads as nil.
    private static func visible(_ value: Any?) -> Any? { value is NoneValue ? nil : value }

    /// The keys set so far, sorted.
    public var keys: [String] { values.keys.sorted() }
}
