/// Why a request body could not be received.
enum RequestBodyError: Error {
    /// A temporary file could not be written (500: the client did nothing wrong).
    case storage(BodyStorageError)
    /// A form parsed as it arrived is malformed (400) or over a limit (413); the rest of the
    /// body is not read.
    case form(FormError)
}
