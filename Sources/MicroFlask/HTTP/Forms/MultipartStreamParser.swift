/// Parses a `multipart/form-data` body into fields and files as its bytes arrive, chunk by chunk.
///
/// A ``MultipartDecoder`` (the sans-I/O part: bytes in, events out) feeding a form builder that
/// applies the limits: each non-file field up to ``MultipartLimits/maxMemoryPartSize`` and all of
/// them together up to ``MultipartLimits/maxFieldsSize``, in memory; a file part in memory while it
/// is small, else written straight from the bytes given to `feed` to its own temporary file in the
/// request's private upload directory. Nothing else of the body is kept. Feeding the whole body at
/// once, one byte at a time or split anywhere gives the same form and the same errors.
///
/// ```swift
/// var stream = try MultipartStreamParser(boundary: "XyZ")
/// try stream.feed(chunk)            // as often as bytes arrive
/// let form = try stream.finish()    // the caller owns form.cleanup()
/// ```
/// After an error, call ``discard()`` to remove what was spooled.
public struct MultipartStreamParser {
    /// The limits applied to the body.
    public let limits: MultipartLimits
    private var decoder: MultipartDecoder
    private let builder: MultipartFormBuilder

    /// Creates a parser for parts separated by `boundary` (without the leading `--`).
    ///
    /// - Throws: ``FormError`` of kind ``FormError/Kind/missingBoundary`` when the boundary is empty,
    ///   over 200 bytes, or contains a line break.
    public init(boundary: String, limits: MultipartLimits = MultipartLimits(), temporaryDirectory: String? = nil)
        throws(FormError)
    {
        try self.init(boundary: boundary, limits: limits, temporaryDirectory: temporaryDirectory, budget: nil)
    }

    /// A parser whose in-memory fields and small files are reserved in `budget` (the server's), and
    /// whose file writes are counted in `diskWrites`.
    init(
        boundary: String, limits: MultipartLimits, temporaryDirectory: String?, budget: BodyMemoryBudget?,
        diskWrites: DiskWriteCounter? = nil
    ) throws(FormError) {
        self.limits = limits
        decoder = try MultipartDecoder(
            boundary: boundary, maxParts: limits.maxParts, maxPartHeaderSize: limits.maxPartHeaderSize)
        builder = MultipartFormBuilder(
            limits: limits, temporaryDirectory: temporaryDirectory ?? FileCalls.defaultTemporaryDirectory,
            budget: budget, diskWrites: diskWrites)
    }

    /// Parses the next bytes of the body.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) throws(FormError) {
        let builder = self.builder
        try decoder.feed(bytes) { (event) throws(FormError) in try builder.handle(event) }
    }

    /// Ends the body and returns the form. The caller owns its temporary files (``MultipartForm/cleanup()``).
    ///
    /// - Throws: ``FormError`` when the body ended before its closing delimiter was complete.
    public mutating func finish() throws(FormError) -> MultipartForm {
        let builder = self.builder
        try decoder.finish { (event) throws(FormError) in try builder.handle(event) }
        return builder.finish()
    }

    /// Removes every temporary file written so far (after an error).
    public mutating func discard() {
        builder.discard()
    }
}
