/// A request body could not be written to or read from its temporary file (disk full, I/O error).
///
/// It answers 500: the client did nothing wrong.
public struct BodyStorageError: Error, CustomStringConvertible, Sendable {
    /// The failed system call.
    public let underlying: SystemError

    /// Wraps the failed call.
    init(_ underlying: SystemError) {
        self.underlying = underlying
    }

    /// A sentence for the log.
    public var description: String { "The request body could not be stored: \(underlying)" }

    /// 500 Internal Server Error.
    public var statusCode: Int { 500 }
}
