/// What Werkzeug's request offers about the target and the body's declared type and size.
extension HTTPRequest {
    /// The path and the query string, always with the `?` (Werkzeug's `full_path`):
    /// `/search?q=a` for `/search?q=a`, and `/about?` for `/about`, as Flask gives.
    public var fullPath: String { "\(path)?\(queryString)" }

    /// The `Content-Type` header as sent, parameters included (Flask's `content_type`), or nil.
    public var contentType: String? { headers["Content-Type"] }

    /// The declared `Content-Length` (Flask's `content_length`): nil when the header is absent
    /// or not a number.
    public var contentLength: Int? {
        guard let text = headers["Content-Length"], let value = Int(text), value >= 0 else { return nil }
        return value
    }

    /// The media type without parameters, lower-cased (Flask's `mimetype`): `application/json`
    /// for `application/json; charset=utf-8`, "" when no `Content-Type` was sent. The same as
    /// `mimeType`, under Flask's name.
    public var mimetype: String { mimeType }
}
