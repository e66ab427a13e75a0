/// Why a form body could not be parsed.
///
/// Each error has a ``kind`` to branch on, a ``description`` fit for a log line or a 400 page, and a
/// suggested ``statusCode``: 413 for bodies over a limit, 500 when an upload could not be stored,
/// 503 when the server's body memory is in use, 400 for everything else.
///
/// ```swift
/// do {
///     form = try MultipartParser().parse(body, contentType: contentType)
/// } catch {
///     return Response(error.description, status: Status(error.statusCode), contentType: "text/plain")
/// }
/// ```
public struct FormError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, as a value that can be compared.
    public let kind: Kind

    /// A sentence saying what was wrong with the body.
    public let description: String

    /// Creates an error of `kind` with a human-readable `description`.
    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    /// The HTTP status that fits this error: 413, 500, 503 or 400.
    public var statusCode: Int {
        switch kind {
        case .tooManyParts, .fieldTooLarge, .fieldsTooLarge, .formTooLarge: 413
        case .storageFailed: 500
        case .memoryUnavailable: 503
        default: 400
        }
    }
}
