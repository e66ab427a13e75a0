/// Limits on form bodies, like Flask 3.1's `MAX_FORM_MEMORY_SIZE` and `MAX_FORM_PARTS`.
///
/// Exceeding one answers 413, as Flask does: an `application/x-www-form-urlencoded` body larger
/// than ``maxMemorySize`` is refused before it is parsed; a multipart body with more than
/// ``maxParts`` parts, with one non-file field larger than ``maxMemorySize``, or with non-file
/// fields larger than ``maxFieldsSize`` together, is refused as soon as the parser gets there
/// (on the server, while the body is still arriving). File parts do not count toward these
/// limits: they go to disk.
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
    /// The most bytes all the non-file fields of one multipart body may hold together. Default
    /// 8 MiB (8,388,608: sixteen fields of the largest size). Flask has no such bound, so 1,000
    /// parts of 500,000 bytes could hold 500 MB there.
    public var maxFieldsSize = 8 * 1024 * 1024
    /// File parts larger than this many bytes are written to a temporary file. Default 500 KiB,
    /// Werkzeug's size for its spooled files.
    public var fileSpoolThreshold = 500 * 1024
    /// Where uploads and spooled bodies are written; nil (the default) means `$TMPDIR` or `/tmp`.
    public var temporaryDirectory: String?

    /// The defaults described on each property.
    public init() {}

    /// The multipart parser's limits for these form limits.
    public var multipart: MultipartLimits {
        MultipartLimits(
            maxParts: maxParts, maxMemoryPartSize: maxMemorySize, spoolThreshold: fileSpoolThreshold,
            maxFieldsSize: maxFieldsSize)
    }

    /// A multipart parser applying these limits.
    public var multipartParser: MultipartParser {
        MultipartParser(
            limits: multipart, temporaryDirectory: temporaryDirectory ?? FileCalls.defaultTemporaryDirectory)
    }
}
