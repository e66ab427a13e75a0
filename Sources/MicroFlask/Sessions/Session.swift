import Foundation

/// Flask's `session`: values kept across requests in a signed cookie.
///
/// ```swift
/// app.post("/login") { req in
///     req.session["user"] = .string(try req.form["name"] ?? "")
///     return redirect(to: "/")
/// }
/// app.get("/") { req in "Hello, \(req.session["user"]?.text ?? "stranger")" }
/// ```
/// The cookie is signed with HMAC-SHA256 and `config.secretKey`, so the client can read but
/// not change it; a tampered or expired cookie is ignored (an empty session). Writing to the
/// session of an app without a secret key makes the request fail with a message saying so.
public final class Session: @unchecked Sendable {
    private(set) var values: [String: TemplateValue]
    /// Whether a value was set or removed during this request (then the cookie is sent again).
    public private(set) var isModified = false
    /// Whether the cookie outlives the browser session (`Max-Age` of `config.sessionLifetime`).
    public var isPermanent = false {
        didSet { isModified = true }
    }

    init(values: [String: TemplateValue] = [:], isPermanent: Bool = false) {
        self.values = values
        self.isPermanent = isPermanent
    }

    /// A value by key; setting nil removes it.
    public subscript(key: String) -> TemplateValue? {
        get { values[key] }
        set {
            values[key] = newValue
            isModified = true
        }
    }

    /// Removes every value (logging out).
    public func clear() {
        values.removeAll()
        isModified = true
    }

    /// Whether the session holds nothing.
    public var isEmpty: Bool { values.isEmpty }

    /// The keys, sorted.
    public var keys: [String] { values.keys.sorted() }

    /// The session as a template value (templates see it as `session`).
    var templateValue: TemplateValue { .dictionary(values) }
}
