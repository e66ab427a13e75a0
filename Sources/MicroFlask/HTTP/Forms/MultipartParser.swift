import Foundation

/// Parses a `multipart/form-data` body (RFC 7578) held in memory into fields and files.
///
/// ```swift
/// let parser = MultipartParser()
/// let form = try parser.parse(request.body, contentType: request.headers["Content-Type"] ?? "")
/// defer { form.cleanup() }   // removes spooled uploads at the end of the request
/// let title = form.field("title")
/// ```
///
/// What is accepted, following RFC 2046 and Werkzeug's leniency: a preamble before the first
/// delimiter and an epilogue after the closing one (both ignored); CRLF or bare LF line breaks;
/// spaces or tabs after a delimiter; folded part headers; quoted `name`/`filename` values with
/// `\"`, `\\` or `%22` escapes, and `filename*` (see ``HeaderOptions``). A delimiter only counts at
/// the start of the body or of a line, followed by a line break or `--`.
///
/// Where it is stricter than Werkzeug 3.1 (checked by differential fuzzing): a lone CR is not a line
/// break; the first delimiter must start the body or a line (Werkzeug accepts it mid-line); a part
/// whose `Content-Disposition` has no `name` is an error (Werkzeug files it under `None`). Mixed line
/// endings such as `LF CRLF` end a header block here, not in Werkzeug. Well-formed bodies parse alike.
///
/// Hostile input cannot make it trap or loop: the delimiter search is linear, every step advances,
/// and ``MultipartLimits`` bound the part count, field sizes and header sizes. Errors are
/// ``FormError``s whose ``FormError/statusCode`` is 400 or 413; on error no temporary file is left.
public struct MultipartParser: Sendable {
    /// The limits applied to every body.
    public var limits: MultipartLimits

    /// The directory in which a private per-request directory for large uploads is created.
    public var temporaryDirectory: String

    /// Creates a parser.
    ///
    /// - Parameters:
    ///   - limits: Part count and size limits.
    ///   - temporaryDirectory: Where large uploads are spooled; defaults to the system's (`$TMPDIR` or `/tmp`).
    public init(limits: MultipartLimits = MultipartLimits(), temporaryDirectory: String = NSTemporaryDirectory()) {
        self.limits = limits
        self.temporaryDirectory = temporaryDirectory
    }

    /// The `boundary` parameter of a `multipart/...` Content-Type value, or `nil` if the value is not
    /// multipart or has no non-empty boundary. Quoted boundaries are unquoted.
    public static func boundary(fromContentType contentType: String) -> String? {
        let header = HeaderOptions(parsing: contentType)
        guard header.value.lowercased().hasPrefix("multipart/") else { return nil }
        return header.boundary
    }

    /// Parses `body` using the boundary found in the request's `Content-Type` header value.
    ///
    /// - Throws: ``FormError`` of kind ``FormError/Kind/missingBoundary`` if there is no boundary,
    ///   or any error of ``parse(_:boundary:)``.
    public func parse(_ body: some Collection<UInt8>, contentType: String) throws(FormError) -> MultipartForm {
        guard let boundary = Self.boundary(fromContentType: contentType) else {
            throw FormError(.missingBoundary, "the Content-Type \"\(contentType)\" has no multipart boundary parameter")
        }
        return try parse(body, boundary: boundary)
    }

    /// Parses `body`, whose parts are separated by `boundary` (without the leading `--`).
    ///
    /// - Throws: ``FormError`` when the boundary is invalid (empty, over 200 bytes or containing a
    ///   line break), the body is malformed, or a limit is exceeded.
    public func parse(_ body: some Collection<UInt8>, boundary: String) throws(FormError) -> MultipartForm {
        var stream = try MultipartStreamParser(
            boundary: boundary, limits: limits, temporaryDirectory: temporaryDirectory)
        do {
            // Contiguous bodies (arrays, slices of them) are read in place; others are copied once.
            let feed = { (buffer: UnsafeBufferPointer<UInt8>) in
                Result { () throws(FormError) in try stream.feed(UnsafeRawBufferPointer(buffer)) }
            }
            let fed = body.withContiguousStorageIfAvailable(feed) ?? Array(body).withUnsafeBufferPointer(feed)
            try fed.get()
            return try stream.finish()
        } catch {
            stream.discard()
            throw error
        }
    }

    /// Parses a request body, in memory or spooled, using the boundary of `contentType`. A spooled
    /// body is read in chunks through one reused buffer, never whole.
    ///
    /// - Throws: as ``parse(_:contentType:)``, and ``FormError/Kind/storageFailed`` when the
    ///   spooled body cannot be read.
    public func parse(_ body: RequestBody, contentType: String) throws(FormError) -> MultipartForm {
        guard let boundary = Self.boundary(fromContentType: contentType) else {
            throw FormError(.missingBoundary, "the Content-Type \"\(contentType)\" has no multipart boundary parameter")
        }
        var stream = try MultipartStreamParser(
            boundary: boundary, limits: limits, temporaryDirectory: temporaryDirectory)
        do {
            try body.forEachChunk(
                { (chunk) throws(FormError) in try stream.feed(chunk) },
                readFailed: { FormError(.storageFailed, $0.description) })
            return try stream.finish()
        } catch {
            stream.discard()
            throw error
        }
    }
}
