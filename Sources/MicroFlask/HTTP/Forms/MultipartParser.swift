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
        let boundaryBytes = Array(boundary.utf8)
        guard !boundaryBytes.isEmpty, boundaryBytes.count <= 200,
            !boundaryBytes.contains(UInt8(ascii: "\r")), !boundaryBytes.contains(UInt8(ascii: "\n"))
        else {
            throw FormError(.missingBoundary, "the multipart boundary must be 1 to 200 bytes without line breaks")
        }
        var spool = UploadSpool(parent: temporaryDirectory)
        do {
            return try parseParts(Array(body), delimiter: Array("--".utf8) + boundaryBytes, spool: &spool)
        } catch {
            spool.removeAll()
            throw error
        }
    }

    private func parseParts(_ input: [UInt8], delimiter: [UInt8], spool: inout UploadSpool) throws(FormError)
        -> MultipartForm
    {
        let scanner = MultipartDelimiterScanner(delimiter: delimiter)
        guard var current = scanner.next(in: input, from: 0, isFirst: true) else {
            throw FormError(.malformedPart, "the body contains no multipart boundary delimiter")
        }
        var form = MultipartForm()
        var partNumber = 0
        while !current.isClose {
            partNumber += 1
            guard partNumber <= limits.maxParts else {
                throw FormError(.tooManyParts, "the body has more than \(limits.maxParts) parts")
            }
            let head = try MultipartPartHead(
                input, from: current.next, maxSize: limits.maxPartHeaderSize, partNumber: partNumber)
            guard let following = scanner.next(in: input, from: head.blankLineStart, isFirst: false) else {
                throw FormError(.malformedPart, "part \(partNumber) is not followed by a boundary delimiter")
            }
            let content = input[head.bodyStart..<max(head.bodyStart, following.dataEnd)]
            if let filename = head.filename {
                form.files.append(try file(content, head: head, filename: filename, spool: &spool))
            } else {
                guard content.count <= limits.maxMemoryPartSize else {
                    throw FormError(
                        .fieldTooLarge,
                        "the form field \"\(head.name)\" is larger than \(limits.maxMemoryPartSize) bytes")
                }
                form.fields.append((head.name, String(decoding: content, as: UTF8.self)))
            }
            current = following
        }
        return MultipartForm(fields: form.fields, files: form.files, temporaryDirectory: spool.directory)
    }

    private func file(_ content: ArraySlice<UInt8>, head: MultipartPartHead, filename: String, spool: inout UploadSpool)
        throws(FormError) -> UploadedFile
    {
        let storage: UploadedFile.Storage
        if content.count > limits.spoolThreshold {
            storage = .temporaryFile(try spool.store(content, filename: filename))
        } else {
            storage = .memory(Array(content))
        }
        return UploadedFile(
            fieldName: head.name, filename: filename, contentType: head.contentType, size: content.count,
            storage: storage)
    }
}
