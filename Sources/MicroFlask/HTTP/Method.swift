/// An HTTP request method, such as `.GET` or `.POST`.
///
/// An open set: any token is a method, so extension methods (WebDAV's `PROPFIND`) need no change here.
/// ```swift
/// app.route("/users/<int:id>", methods: [.GET, .DELETE]) { req in ... }
/// ```
public struct Method: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The method token as sent on the wire, upper case for the standard methods.
    public let rawValue: String

    /// Creates a method from its token.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// A method from a string literal: `let method: Method = "PURGE"`.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The method token, such as `GET`.
    public var description: String { rawValue }

    /// `GET`: Reads a resource.
    public static let GET = Method("GET")
    /// `HEAD`: Like GET, without the body; answered from GET routes automatically.
    public static let HEAD = Method("HEAD")
    /// `POST`: Submits data, such as a form.
    public static let POST = Method("POST")
    /// `PUT`: Replaces a resource.
    public static let PUT = Method("PUT")
    /// `DELETE`: Removes a resource.
    public static let DELETE = Method("DELETE")
    /// `PATCH`: Changes part of a resource.
    public static let PATCH = Method("PATCH")
    /// `OPTIONS`: Asks which methods a URL allows; answered automatically.
    public static let OPTIONS = Method("OPTIONS")
    /// `CONNECT`: Opens a tunnel (proxies only; no route answers it unless registered).
    public static let CONNECT = Method("CONNECT")
    /// `TRACE`: Echoes the request (disabled unless a route is registered).
    public static let TRACE = Method("TRACE")
}
