/// Limits on form bodies, like Flask 3.1's `MAX_FORM_MEMORY_SIZE` and `MAX_FORM_PARTS`.
///
/// Exceeding one answers 413, as Flask does: an `application/x-www-form-urlencoded` body larger
/// than ``maxMemorySize`` is refused before it is parsed; a multipart body with more than
/// ``maxParts`` parts, or with one non-file field larger than ``maxMemorySize``, is refused as soon
/// as the parser gets there. File parts do not count toward ``maxMemorySize``: they go to disk.
///
/// ```swift
/// var limits = FormLimits()
/// limits.maxParts = 50
/// let fields = try URLEncodedForm.parse(body, limits: limits)
/// ```
public struct FormLimits: Sendable {
    /// The largest urlencoded body, and the largest non-file multipart field, in bytes. Default 500,000.
    public var maxMemorySize = 500_000
    /// The most parts (fields and files) of a multipart body. Default 1,000.
    public var maxParts = 1000
    /// File parts larger than this many bytes are written to a temporary file. Default 500 KiB,
    /// Werkzeug's size for its spooled files.
    public var fileSpoolThreshold = 500 * 1024
    /// Where uploads and spooled bodies are written; nil (the default) means `$TMPDIR` or `/tmp`.
    public var temporaryDirectory: String?

    /// The defaults described on each property.
    public init() {}

    /// The multipart parser's limits for these form limits.
    public var multipart: MultipartLimits {
        MultipartLimits(maxParts: maxParts, maxMemoryPartSize: maxMemorySize, spoolThreshold: fileSpoolThreshold)
    }

    /// A multipart parser applying these limits.
    public var multipartParser: MultipartParser {
        MultipartParser(
            limits: multipart, temporaryDirectory: temporaryDirectory ?? FileCalls.defaultTemporaryDirectory)
    }
}
