/// Limits that keep a multipart/form-data body from using unbounded memory or time.
///
/// The defaults follow Werkzeug's (`max_form_parts`, `max_form_memory_size`) and its 500 kB spool size,
/// rounded to 1 MiB:
///
/// ```swift
/// var limits = MultipartLimits()
/// limits.maxParts = 50
/// let parser = MultipartParser(limits: limits)
/// ```
public struct MultipartLimits: Sendable {
    /// The greatest number of parts (fields and files) accepted; more gives ``FormError/Kind/tooManyParts``.
    public var maxParts: Int

    /// The greatest size in bytes of one non-file field; larger gives ``FormError/Kind/fieldTooLarge``.
    public var maxMemoryPartSize: Int

    /// The greatest size in bytes of all the non-file fields together; larger gives
    /// ``FormError/Kind/fieldsTooLarge``.
    public var maxFieldsSize: Int

    /// File parts larger than this many bytes are written to a temporary file instead of kept in memory.
    public var spoolThreshold: Int

    /// The greatest size in bytes of the header block of one part; larger is ``FormError/Kind/malformedPart``.
    public var maxPartHeaderSize: Int

    /// The most bytes that the small files of one form keep in memory together; once passed, the
    /// next files go to temporary files whatever their size.
    public var maxMemoryFileBytes: Int

    /// Creates limits; every argument has a default.
    public init(
        maxParts: Int = 1000,
        maxMemoryPartSize: Int = 500_000,
        spoolThreshold: Int = 1024 * 1024,
        maxPartHeaderSize: Int = 16 * 1024,
        maxMemoryFileBytes: Int = 8 * 1024 * 1024,
        maxFieldsSize: Int = 8 * 1024 * 1024
    ) {
        self.maxParts = maxParts
        self.maxMemoryPartSize = maxMemoryPartSize
        self.maxFieldsSize = maxFieldsSize
        self.spoolThreshold = spoolThreshold
        self.maxPartHeaderSize = maxPartHeaderSize
        self.maxMemoryFileBytes = maxMemoryFileBytes
    }
}
