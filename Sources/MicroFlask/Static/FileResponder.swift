import Foundation
import Glibc

/// Sends files as responses, with caching validators and byte ranges: the engine behind
/// `sendFile` and `sendFromDirectory` (Flask's `send_file` and `send_from_directory`) and the
/// automatic `/static/<path:filename>` route.
///
/// Every answer names the file as a `ResponseBody.file` region, which the server sends with
/// `sendfile(2)` (the bytes never pass through the process) and the test client reads.
/// ```swift
/// let download = FileResponder(downloadName: "report.pdf", asAttachment: true)
/// app.get("/report") { req in try download.respond(to: req, path: "/srv/reports/latest.pdf") }
/// ```
/// Answers carry `Content-Type` (from the extension, with `; charset=utf-8` for text),
/// `Last-Modified`, a weak `ETag` made from the modification time and size, `Cache-Control`
/// (`no-cache` unless `maxAge` is set, as Flask) and `Accept-Ranges: bytes`. When `conditional`:
/// - `If-None-Match` (a list or `*`, weak comparison) that matches gives 304 with no body for GET
///   and HEAD, 412 for other methods; otherwise `If-Modified-Since` no earlier than the file's
///   time gives 304.
/// - One `Range: bytes=a-b`, `a-` or `-n` gives 206 with `Content-Range`; a range that starts
///   past the end gives 416 with `Content-Range: bytes */size`. Several ranges, other units and
///   malformed headers are ignored: the whole file comes with 200.
/// - `If-Range` lets the range apply only when it names the current file: a date equal to
///   `Last-Modified`, or a strong entity tag (so never our weak one, RFC 9110 section 13.1.5);
///   otherwise the whole file comes with 200.
public struct FileResponder: Sendable {
    /// The `Content-Type`; nil (the default) guesses it from the file name's extension.
    public var contentType: String?
    /// Seconds clients may cache the file (`Cache-Control: public, max-age=N`); nil (the
    /// default, as Flask's `SEND_FILE_MAX_AGE_DEFAULT`) or 0 sends `no-cache`: cache, but revalidate.
    public var maxAge: Int?
    /// The file name offered to the browser in `Content-Disposition`; nil sends no such header
    /// unless `asAttachment`, which then uses the file's own name.
    public var downloadName: String?
    /// Whether the browser should save the file rather than show it (`attachment`).
    public var asAttachment: Bool
    /// Whether to answer `If-None-Match`, `If-Modified-Since`, `Range` and `If-Range`. Default true.
    public var conditional: Bool

    /// Creates a responder; the defaults match Flask's `send_file`.
    public init(
        contentType: String? = nil, maxAge: Int? = nil, downloadName: String? = nil, asAttachment: Bool = false,
        conditional: Bool = true
    ) {
        self.contentType = contentType
        self.maxAge = maxAge
        self.downloadName = downloadName
        self.asAttachment = asAttachment
        self.conditional = conditional
    }

    /// Answers `request` with the file at `path`, a path the application trusts (relative to
    /// the working directory unless absolute). Untrusted names go through `sendFromDirectory`.
    ///
    /// Throws `HTTPError` 404 when the path is not a readable regular file, 416 for a range
    /// outside the file.
    public func respond(to request: HTTPRequest, path: String) throws -> Response {
        let (resolved, info) = try FileResponder.servableFile(SafePath.realPath(path))
        return try respond(to: request, resolvedPath: resolved, info: info, name: path)
    }

    /// The resolved path and its facts, or a 404 when it is not a readable regular file.
    static func servableFile(_ resolved: String?) throws(HTTPError) -> (String, FileInfo) {
        guard let resolved, let info = FileInfo(path: resolved), info.isRegularFile, access(resolved, R_OK) == 0 else {
            throw HTTPError(.notFound)
        }
        return (resolved, info)
    }

    /// The answer for a file already resolved and checked.
    func respond(to request: HTTPRequest, resolvedPath: String, info: FileInfo, name: String) throws -> Response {
        var headers = Headers()
        headers["Content-Type"] = contentType ?? MIMEType.contentType(forPath: downloadName ?? name)
        if let disposition = contentDisposition(fileName: name) { headers["Content-Disposition"] = disposition }
        headers["Last-Modified"] = info.lastModified
        headers["ETag"] = info.entityTag
        if let maxAge, maxAge > 0 {
            headers["Cache-Control"] = "public, max-age=\(maxAge)"
        } else {
            headers["Cache-Control"] = "no-cache"
        }
        headers["Accept-Ranges"] = "bytes"
        let whole = FileRegion(path: resolvedPath, offset: 0, length: info.size)
        guard conditional else { return Response(status: .ok, headers: headers, file: whole) }

        let readsOnly = request.method == .GET || request.method == .HEAD
        if let status = FileResponder.preconditionStatus(request, info: info, readsOnly: readsOnly) {
            var response = Response(status: status, headers: headers, body: [])
            if status == .notModified {
                response.headers.remove("Content-Type")
                response.headers.remove("Content-Disposition")
            }
            return response
        }
        guard readsOnly, let rangeHeader = request.headers["Range"], let range = ByteRange.parse(rangeHeader),
            FileResponder.ifRangeHolds(request.headers["If-Range"], info: info)
        else {
            return Response(status: .ok, headers: headers, file: whole)
        }
        switch range.outcome(size: info.size) {
        case .whole:
            return Response(status: .ok, headers: headers, file: whole)
        case .partial(let offset, let length):
            headers["Content-Range"] = "bytes \(offset)-\(offset + length - 1)/\(info.size)"
            let region = FileRegion(path: resolvedPath, offset: offset, length: length)
            return Response(status: .partialContent, headers: headers, file: region)
        case .unsatisfiable:
            throw HTTPError(
                .rangeNotSatisfiable, headers: ["Content-Range": "bytes */\(info.size)", "Accept-Ranges": "bytes"])
        }
    }

    /// 304 or 412 when `If-None-Match` or `If-Modified-Since` decide the answer, else nil.
    static func preconditionStatus(_ request: HTTPRequest, info: FileInfo, readsOnly: Bool) -> Status? {
        let headers = request.headers
        if headers.contains("If-None-Match") {
            // Several header lines form one list. When present, If-Modified-Since is not consulted.
            let list = EntityTagList(headers.values(for: "If-None-Match").joined(separator: ", "))
            guard list.weaklyMatches(info.entityTag) else { return nil }
            return readsOnly ? .notModified : .preconditionFailed
        }
        if readsOnly, let ifModifiedSince = headers["If-Modified-Since"],
            let since = HTTPDateParser.epochSeconds(ifModifiedSince), info.modifiedSeconds <= since
        {
            return .notModified
        }
        return nil
    }

    /// Whether a `Range` may apply under `If-Range` (true when there is no `If-Range`).
    static func ifRangeHolds(_ ifRange: String?, info: FileInfo) -> Bool {
        guard let ifRange = ifRange?[...].trimmingASCIIWhitespace() else { return true }
        if ifRange.hasPrefix("\"") || ifRange.hasPrefix("W/") {
            return EntityTagList(String(ifRange)).stronglyMatches(info.entityTag)
        }
        guard let date = HTTPDateParser.epochSeconds(String(ifRange)) else { return false }
        return date == info.modifiedSeconds
    }

    /// `Content-Disposition`, with an RFC 6266 `filename*` when the name is not plain ASCII.
    func contentDisposition(fileName: String) -> String? {
        guard asAttachment || downloadName != nil else { return nil }
        let kind = asAttachment ? "attachment" : "inline"
        let full = downloadName ?? String(fileName.split(separator: "/").last ?? "")
        let name = String(full.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
        if name.isEmpty { return kind }
        let isASCII = name.utf8.allSatisfy { $0 < 0x80 }
        let fallback = String(name.unicodeScalars.map { $0.isASCII ? Character($0) : "_" })
        let quoted = fallback.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        if isASCII { return "\(kind); filename=\"\(quoted)\"" }
        return "\(kind); filename=\"\(quoted)\"; filename*=UTF-8''\(PercentEncoding.encode(name))"
    }
}

extension Response {
    /// A response whose body is a region of a file on disk.
    init(status: Status, headers: Headers, file region: FileRegion) {
        self.init(status: status, headers: headers, body: [])
        body = .file(region)
    }
}
