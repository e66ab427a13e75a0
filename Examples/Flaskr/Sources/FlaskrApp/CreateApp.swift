import Foundation
import MicroFlask

/// Creates and configures the Flaskr app (Flask's application factory, `create_app`).
///
/// - Parameter testConfig: settings that replace the instance config, as the tests pass
///   `["TESTING": "true", "DATABASE": path]`; `nil` loads `instance/config.json` if present.
public func createApp(testConfig: [String: String]? = nil) throws -> App {
    let app = App(name: "flaskr")
    let instancePath = FlaskrPaths.root + "/instance"
    app.config.secretKey = "dev"  // a default secret that the instance config should override
    app.config["DATABASE"] = instancePath + "/flaskr.sqlite"
    if let testConfig {
        try app.config.loadEnvironment(prefix: "", environment: testConfig)
    } else {
        if FileManager.default.fileExists(atPath: instancePath + "/config.json") {
            try app.config.loadJSONFile(instancePath + "/config.json")
        }
        try app.config.loadEnvironment(prefix: "FLASKR_")  // FLASKR_SECRET_KEY, FLASKR_DATABASE, ...
    }
    try FileManager.default.createDirectory(atPath: instancePath, withIntermediateDirectories: true)

    // A simple page that says hello.
    app.get("/hello") { _ in "Hello, World!" }

    Database.register(on: app)
    app.register(authBlueprint())
    app.register(blogBlueprint())
    // The blog is the main index: `url_for("index")` and `url_for("blog.index")` are both "/".
    app.addURLRule("/", endpoint: "index")
    return app
}
