/// Where the package's folders are: `templates/`, `static/` and `instance/` beside Package.swift.
enum FlaskrPaths {
    /// Examples/Flaskr, found from this file's path at compile time.
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // FlaskrPaths.swift, FlaskrApp, Sources
        return parts.joined(separator: "/")
    }()
}
