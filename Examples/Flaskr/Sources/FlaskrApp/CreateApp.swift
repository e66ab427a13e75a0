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
    // WORKAROUND(13.7): Flask finds templates/ beside the app's package / the port names the folder from the source file's path
    app.config.templateFolder = FlaskrPaths.root + "/templates"
    // WORKAROUND(13.7): Flask finds static/ beside the app's package / the port names the folder from the source file's path
    app.config.staticFolder = FlaskrPaths.root + "/static"

    app.get("/hello", endpoint: "hello") { _ in "Hello, World!" }

    Database.register(on: app)
    // WORKAROUND(13.3): Flask's views reach current_app / the port hands the app to each blueprint
    app.register(authBlueprint(app))
    // WORKAROUND(13.3): Flask's views reach current_app / the port hands the app to each blueprint
    app.register(blogBlueprint(app))
    // WORKAROUND(13.2): Flask adds `app.add_url_rule("/", endpoint="index")` beside blog.index / the port has one endpoint per rule, so templates and views say 'blog.index'
    return app
}
