/// Form fields and uploaded files, read without `try`.
///
/// The dispatcher parses a form body (`application/x-www-form-urlencoded` or
/// `multipart/form-data`) once a route matched and before the hooks and the view run; a body
/// that is malformed or over a limit is answered there (400, 413), through the error handlers,
/// so a view never sees a half-read form. Flask reports the same errors when `request.form` is
/// first read; here they come before the view instead. On the socket a multipart body is parsed
/// while it arrives (its files written straight to their temporary files), and `req.body` of a
/// multipart request is empty, in `app.test` too, as Werkzeug's `get_data()` is after parsing.
extension Request {
    /// The form fields (Flask's `request.form`); empty for other bodies.
    ///
    /// ```swift
    /// app.post("/login") { req in
    ///     let name = try req.form.required("name")      // 400 when missing, like form["name"]
    ///     let remember = req.form["remember"] != nil
    ///     let age = req.form.get("age", as: Int.self)    // nil when absent or not a number
    ///     ...
    /// }
    /// ```
    public var form: MultiDict { parsedForm().fields }

    /// The files of a `multipart/form-data` body, by field name (Flask's `request.files`).
    /// Large files are spooled to a temporary folder that is removed when the request ends.
    public var files: UploadedFiles { parsedForm().files }

    /// Parses a form body now, throwing its error; the dispatcher calls this before the hooks.
    func parseFormBody() throws(HTTPError) {
        // The raw look for a Content-Type first keeps a plain GET from building its headers.
        guard http.bodyCache == nil, http.hasContentTypeField, http.hasFormBody else { return }
        do {
            _ = try http.parsedBody()
        } catch {
            formFailed = true
            throw error
        }
    }

    private func parsedForm() -> ParsedBody {
        if let parsed = http.bodyCache { return parsed }
        // Reached only when the dispatcher did not parse first (it always does for form bodies,
        // and other bodies parse to nothing) or after it answered a parse error.
        guard !formFailed, let parsed = try? http.parsedBody() else { return ParsedBody() }
        return parsed
    }
}
