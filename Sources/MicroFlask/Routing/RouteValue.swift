import Foundation

/// A path parameter as its converter produced it: parsed once, while the route matched.
///
/// `<int:id>` gives `.int`, `<float:x>` `.double`, `<uuid:u>` `.uuid`; `string`, `path` and
/// `any` give `.string`. `description` is the matched text form, what `req.params[name]` shows.
/// ```swift
/// app.get("/users/<int:id>") { req in
///     let id: Int = try req.param("id")   // read from `.int`, not parsed again
///     ...
/// }
/// ```
public enum RouteValue: Sendable, Hashable, CustomStringConvertible {
    /// Text: from `string` (the default), `path` and `any`.
    case string(String)
    /// An integer from `int`.
    case int(Int)
    /// A number from `float`.
    case double(Double)
    /// A UUID from `uuid`.
    case uuid(UUID)

    /// The text form, as Werkzeug's `to_url` would write it back (`uuid` in lower case).
    public var description: String {
        switch self {
        case .string(let text): text
        case .int(let value): String(value)
        case .double(let value): String(value)
        case .uuid(let value): value.uuidString.lowercased()
        }
    }
}
