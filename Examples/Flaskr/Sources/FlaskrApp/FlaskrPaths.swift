/// Where the instance folder (Flask's `app.instance_path`: the database, `config.json`) is:
/// `instance/` beside Package.swift. (MicroFlask finds `templates/` and `static/` itself.)
enum FlaskrPaths {
    /// Examples/Flaskr, found from this file's path at compile time.
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // FlaskrPaths.swift, FlaskrApp, Sources
        return parts.joined(separator: "/")
    }()
}
