/// A value put in the session could not be encoded as JSON; the request fails with this.
public struct SessionEncodingError: Error, CustomStringConvertible, Sendable {
    /// What the encoder reported.
    public let reason: String

    /// Says the value cannot be stored as JSON, with the encoder's reason.
    public var description: String { "A value set in the session cannot be stored as JSON: \(reason)" }
}
