/// JSON that ``TemplateValue/init(json:)-(String)`` could not parse.
public struct TemplateJSONError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What is wrong.
    public let message: String
    /// The byte offset where it was found.
    public let offset: Int

    /// The message with the byte offset.
    public var description: String { "invalid JSON at byte \(offset): \(message)" }
}
