/// `sendFile` and `sendFromDirectory` taking the view's `Request` (Static works on the
/// `HTTPRequest` underneath).
///
/// ```swift
/// app.get("/report") { req in try sendFile("reports/latest.pdf", request: req) }
/// ```
/// See the `HTTPRequest` versions for what they answer.
public func sendFile(
    _ path: String, request: Request, contentType: String? = nil, maxAge: Int? = nil, downloadName: String? = nil,
    asAttachment: Bool = false, conditional: Bool = true
) throws -> Response {
    try sendFile(
        path, request: request.http, contentType: contentType, maxAge: maxAge, downloadName: downloadName,
        asAttachment: asAttachment, conditional: conditional)
}

/// Answers with `filename` (which may come from the client) from `directory`; see the
/// `HTTPRequest` version (Flask's `send_from_directory`).
public func sendFromDirectory(
    _ directory: String, _ filename: String, request: Request, contentType: String? = nil, maxAge: Int? = nil,
    downloadName: String? = nil, asAttachment: Bool = false, conditional: Bool = true
) throws -> Response {
    try sendFromDirectory(
        directory, filename, request: request.http, contentType: contentType, maxAge: maxAge,
        downloadName: downloadName, asAttachment: asAttachment, conditional: conditional)
}

extension FileResponder {
    /// Answers the view's request with the file at `path` (trusted); see the `HTTPRequest` version.
    public func respond(to request: Request, path: String) throws -> Response {
        try respond(to: request.http, path: path)
    }

    /// Answers the view's request with `filename` (untrusted) from `directory` (trusted).
    public func respond(to request: Request, directory: String, filename: String) throws -> Response {
        try respond(to: request.http, directory: directory, filename: filename)
    }
}
