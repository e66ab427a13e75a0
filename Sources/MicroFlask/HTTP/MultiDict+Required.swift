/// Reading a field that must be there.
extension MultiDict {
    /// The first value for `key`, or a 400 `HTTPError` when it is absent: what Flask's
    /// `request.form["key"]` answers (Werkzeug's `BadRequestKeyError`, the standard 400 page).
    ///
    /// ```swift
    /// let title = try req.form.required("title")
    /// ```
    public func required(_ key: String) throws(HTTPError) -> String {
        guard let value = self[key] else { throw HTTPError(.badRequest) }
        return value
    }
}
