/// The protocol version from a request line, such as HTTP/1.1.
public struct HTTPVersion: Hashable, Sendable, CustomStringConvertible {
    /// The major version number.
    public let major: Int
    /// The minor version number.
    public let minor: Int

    /// Creates a version.
    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// HTTP/1.0: connections close after each response unless keep-alive is asked for.
    public static let http1_0 = HTTPVersion(major: 1, minor: 0)
    /// HTTP/1.1: persistent connections by default.
    public static let http1_1 = HTTPVersion(major: 1, minor: 1)

    /// The version as the request line writes it: `HTTP/1.1`.
    public var description: String { "HTTP/\(major).\(minor)" }
}
