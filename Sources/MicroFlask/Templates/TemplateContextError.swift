/// A template context that does not encode to an object (a keyed container).
public struct TemplateContextError: Error, CustomStringConvertible, Sendable {
    /// The context's type.
    public let type: String
    /// Names the type and says what to pass instead.
    public var description: String {
        "A template context must encode to an object with named values; \(type) does not. Pass a struct or a dictionary."
    }
}
