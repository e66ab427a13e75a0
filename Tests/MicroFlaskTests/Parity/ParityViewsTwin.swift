import Foundation

@testable import MicroFlask

/// The twin of `Tests/Parity/flask_views_app.py` (the `views` variant): view results,
/// endpoints named as Flaskr's, and `urlFor`. Written the way the Flask views read, without
/// wrapping or workarounds.
extension ParityTwin {
    static func makeViews() -> App {
        let app = App(name: "parity_views")
        app.config.accessLog = false
        app.config.secretKey = "parity-secret"
        app.logger = Logger(write: { _ in })

        // --- results
        app.route("/mixed", methods: [.GET, .POST]) { req in
            if req.method == .POST { return redirect(to: try app.urlFor("mixed")) }
            return try app.renderString("<p>{{ 1 + 1 }}</p>")
        }
        app.get("/body-headers") { _ in ("body", ["X-A": "1"]) }
        app.get("/bytes") { _ in Array("<b>bytes</b>".utf8) }
        app.get("/abort299") { _ in try abort(299) }
        app.get("/abort418") { _ in try abort(418) }
        app.get("/abort413") { _ in try abort(413) }
        app.get("/two-cookies") { _ in
            ("x", Status.created, ["Set-Cookie": "a=1", "Set-Cookie": "b=2", "Content-Type": "text/plain"])
        }
        app.get("/echo-header") { req in req.headers["X-Tag"] ?? "none" }

        // --- endpoints, as Flaskr names them
        let blog = Blueprint("blog")
        blog.get("/") { _ in "blog index" }
        blog.get("/<int:id>/update") { req in "update \(try req.param("id", as: Int.self))" }
        blog.get("/links") { _ in
            [
                try app.urlFor("index"),
                try app.urlFor("blog.index"),
                try app.urlFor(".update", ["id": 3]),
                try app.urlFor("blog.update", ["id": 3], anchor: "top"),
                try app.urlFor(".links", external: true),
                try app.urlFor(".links", [("tag", ["a", "b"]), ("z", 1), ("a", 2)]),
            ].joined(separator: "\n")
        }
        app.register(blog)
        app.addURLRule("/", endpoint: "index")

        let auth = Blueprint("auth", urlPrefix: "/auth")
        auth.get("/login") { _ in try app.renderString("{{ url_for('.login') }} {{ url_for('blog.update', id=1) }}") }
        app.register(auth)
        return app
    }
}
