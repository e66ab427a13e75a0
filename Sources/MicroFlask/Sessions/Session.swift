import Foundation

/// Flask's `session`: values kept across requests in a signed cookie.
///
/// ```swift
/// app.post("/login") { req in
///     req.session["user_id"] = 42                  // any Codable value
///     return redirect(to: "/")
/// }
/// app.get("/") { req in
///     let id: Int? = req.session["user_id"]        // typed: nil when absent or not an Int
///     return "Hello, \(id.map(String.init) ?? "stranger")"
/// }
/// ```
/// The cookie is signed with HMAC-SHA256 and `config.secretKey`, so the client can read but
/// not change it; a tampered or expired cookie is ignored (an empty session). Writing to the
/// session of an app without a secret key makes the request fail with a message saying so.
///
/// `@unchecked Sendable` by the one-owner protocol: a session belongs to one request, used by
/// the one thread serving it.
public final class Session: @unchecked Sendable {
    private(set) var values: [String: SessionValue]
    /// Whether a value was set or removed during this request (then the cookie is sent again).
    public private(set) var isModified = false
    /// Whether a value was read or written during this request (Flask's `session.accessed`):
    /// then the response carries `Vary: Cookie`, so no shared cache serves it to someone else.
    public private(set) var isAccessed = false
    /// Whether the cookie outlives the browser session (`Expires` after
    /// `config.permanentSessionLifetime`).
    public var isPermanent = false {
        didSet { isModified = true }
    }
    /// The first value that could not be encoded; saving the session then fails the request.
    private(set) var encodingError: (any Error)?

    init(values: [String: SessionValue] = [:], isPermanent: Bool = false) {
        self.values = values
        self.isPermanent = isPermanent
    }

    /// A value by key, as stored; setting nil removes it.
    public subscript(key: String) -> SessionValue? {
        get {
            isAccessed = true
            return values[key]
        }
        set {
            isAccessed = true
            values[key] = newValue
            isModified = true
        }
    }

    /// A value by key as `T` (any `Codable` type, stored as JSON); nil when absent or not a `T`.
    /// Setting nil removes it.
    ///
    /// ```swift
    /// req.session["cart"] = Cart(items: ["tea"])
    /// let cart: Cart? = req.session["cart"]
    /// ```
    /// A value that cannot be encoded (a `Double.nan`, a throwing `encode(to:)`) fails the
    /// request with that error when the session is saved, rather than vanishing.
    public subscript<T: Codable>(key: String) -> T? {
        get {
            isAccessed = true
            return values[key]?.decode(T.self)
        }
        set {
            guard let newValue else {
                self[key] = nil
                return
            }
            do {
                self[key] = try SessionValue(encoding: newValue)
            } catch {
                if encodingError == nil { encodingError = error }
            }
        }
    }

    /// Whether `key` holds a value (Flask's `'key' in session`).
    public func contains(_ key: String) -> Bool {
        isAccessed = true
        return values[key] != nil
    }

    /// Removes every value (logging out).
    public func clear() {
        isAccessed = true
        values.removeAll()
        isModified = true
    }

    /// Whether the session holds nothing.
    public var isEmpty: Bool {
        isAccessed = true
        return values.isEmpty
    }

    /// The keys, sorted.
    public var keys: [String] {
        isAccessed = true
        return values.keys.sorted()
    }

    /// Every value, for code that shows the whole session (templates); marks it accessed.
    public var allValues: [String: SessionValue] {
        isAccessed = true
        return values
    }
}
