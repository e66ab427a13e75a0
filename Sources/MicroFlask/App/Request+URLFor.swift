/// URL building from inside a request.
extension Request {
    /// Builds the URL of an endpoint with the app's `urlFor` (Flask's `url_for` in a view).
    ///
    /// A name starting with `.` is relative to the blueprint of the matched route, as in Flask:
    /// in a view of blueprint `auth`, `.login` is `auth.login` (and plain `login` outside one).
    /// ```swift
    /// return redirect(to: try req.urlFor(".login"))
    /// ```
    public func urlFor(_ endpoint: String, _ values: [String: any CustomStringConvertible & Sendable] = [:]) throws
        -> String
    {
        var name = endpoint
        if name.hasPrefix(".") { name = blueprint.map { "\($0)\(endpoint)" } ?? String(endpoint.dropFirst()) }
        return try app.urlFor(name, values)
    }
}
