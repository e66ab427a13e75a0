extension App {
    /// Builds the URL of an endpoint (Flask's `url_for`); values that no placeholder takes
    /// become the query string.
    ///
    /// ```swift
    /// app.get("/users/<int:id>", endpoint: "user") { ... }
    /// try app.urlFor("user", ["id": 7, "tab": "posts"])   // "/users/7?tab=posts"
    /// ```
    public func urlFor(_ endpoint: String, _ values: [String: any CustomStringConvertible & Sendable] = [:]) throws
        -> String
    {
        let table = try freeze().table
        guard let index = table.endpoints[endpoint] else {
            let known = table.endpoints.keys.sorted().joined(separator: ", ")
            throw URLBuildError(message: "no endpoint named '\(endpoint)'; the known endpoints are: \(known)")
        }
        let pattern = table.routes[index].pattern
        let strings = values.mapValues { $0.description }
        var url = try pattern.build(strings)
        let leftovers = strings.filter { !pattern.parameterNames.contains($0.key) }.sorted { $0.key < $1.key }
        if !leftovers.isEmpty { url += "?" + URLEncodedForm.encode(leftovers.map { ($0.key, $0.value) }) }
        return url
    }
}
