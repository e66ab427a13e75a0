/// Answers `request` with a file the application names (Flask's `send_file`).
///
/// `path` is trusted: relative to the working directory unless absolute. Never build it from
/// request data; use `sendFromDirectory` for names that come from a URL or a form.
/// ```swift
/// app.get("/report") { req in
///     try sendFile("reports/latest.pdf", request: req, downloadName: "report.pdf", asAttachment: true)
/// }
/// ```
/// See `FileResponder` for the headers, 304s and ranges. Throws `HTTPError` 404 when the file
/// does not exist or is not a readable regular file.
public func sendFile(
    _ path: String, request: HTTPRequest, contentType: String? = nil, maxAge: Int? = nil, downloadName: String? = nil,
    asAttachment: Bool = false, conditional: Bool = true
) throws -> Response {
    let responder = FileResponder(
        contentType: contentType, maxAge: maxAge, downloadName: downloadName, asAttachment: asAttachment,
        conditional: conditional)
    return try responder.respond(to: request, path: path)
}

/// Answers `request` with `filename` from `directory`, where `filename` may come from the
/// client (Flask's `send_from_directory`).
///
/// `filename` is joined with `safeJoin`: any name that could reach outside `directory` (`..`,
/// an absolute path, a backslash, NUL, a symlink leading out) is a 404, as is a missing file or
/// a directory. `directory` is trusted, relative to the working directory unless absolute.
/// ```swift
/// app.get("/uploads/<path:name>") { req in
///     try sendFromDirectory("uploads", req.params["name"] ?? "", request: req)
/// }
/// ```
public func sendFromDirectory(
    _ directory: String, _ filename: String, request: HTTPRequest, contentType: String? = nil, maxAge: Int? = nil,
    downloadName: String? = nil, asAttachment: Bool = false, conditional: Bool = true
) throws -> Response {
    let responder = FileResponder(
        contentType: contentType, maxAge: maxAge, downloadName: downloadName, asAttachment: asAttachment,
        conditional: conditional)
    return try responder.respond(to: request, directory: directory, filename: filename)
}

extension FileResponder {
    /// Answers with `filename` (untrusted) from `directory` (trusted); see `sendFromDirectory`.
    public func respond(to request: HTTPRequest, directory: String, filename: String) throws -> Response {
        let (resolved, info) = try FileResponder.servableFile(safeJoin(directory, filename))
        return try respond(to: request, resolvedPath: resolved, info: info, name: filename)
    }
}
