import Glibc

/// A socket-level failure with a message that says what to do about it.
public struct SocketError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure this is.
    public struct Kind: Hashable, Sendable {
        let name: String
        /// The address is already taken by another process.
        public static let addressInUse = Kind(name: "addressInUse")
        /// The host is not a numeric address.
        public static let invalidAddress = Kind(name: "invalidAddress")
        /// Binding needs privileges this process lacks.
        public static let permissionDenied = Kind(name: "permissionDenied")
        /// Any other system call failure.
        public static let system = Kind(name: "system")
    }

    /// The kind of failure.
    public let kind: Kind
    /// A sentence for humans.
    public let message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The sentence for humans: what failed and what to do about it.
    public var description: String { message }
}
