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

    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static let GET = Method("GET")
    public static let HEAD = Method("HEAD")
    public static let POST = Method("POST")
    public static let PUT = Method("PUT")
    public static let DELETE = Method("DELETE")
    public static let PATCH = Method("PATCH")
    public static let OPTIONS = Method("OPTIONS")
    public static let CONNECT = Method("CONNECT")
    public static let TRACE = Method("TRACE")

    /// The methods this server implements; any other token is answered with 501.
    static let known: [Method] = [.GET, .HEAD, .POST, .PUT, .DELETE, .PATCH, .OPTIONS, .CONNECT, .TRACE]
}
