import Foundation
import Testing

@testable import MicroFlask

/// The MicroFlask twin of `Tests/Parity/flask_app.py`: the same rules, endpoint names and
/// output, view for view. A view added there needs its twin here (and the other way round).
enum ParityTwin {
    struct Kaboom: Error {
        let message: String
    }

    struct OutOfStock: Error {
        let item: String
    }

    struct Broken: Error {}

    struct Person: Encodable {
        let name: String
        let langs: [String]
        let age: Int
    }

    struct Book: Encodable {
        let title: String
        let pages: Int
    }

    struct Items: Encodable {
        let items: [String]
        let seen_by: String?
        let endpoint: String?
    }

    struct Greeting: Decodable {
        let name: String
    }

    /// What the teardown hook saw, one entry per request.
    final class TeardownLog: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [String] = []

        func append(_ entry: String) { lock.withLock { entries.append(entry) } }
        var joined: String { lock.withLock { entries.joined(separator: ",") } }
    }

    /// Python's spelling of a boolean, so the config view prints what Flask's does.
    static func python(_ flag: Bool) -> String { flag ? "True" : "False" }

    /// Builds the twin for a variant: `main`, `debug` (config.debug), `config` (settings
    /// read from `environment` with the `MYAPP_` prefix, like Flask's `from_prefixed_env`) or
    /// `views` (view results and endpoints, `makeViews()`).
    static func make(_ variant: String, environment: [String: String] = [:]) throws -> App {
        if variant == "views" { return makeViews() }
        let app = App(name: "parity")
        app.config.accessLog = false
        app.config.secretKey = "parity-secret"
        if variant == "debug" { app.config.debug = true }
        if variant == "config" { try app.config.loadEnvironment(prefix: "MYAPP_", environment: environment) }
        app.logger = Logger(write: { _ in })
        registerHooks(app)
        registerRouting(app)
        registerRequestData(app)
        registerResponses(app)
        registerErrors(app)
        registerSessions(app)
        registerBlueprints(app)
        app.get("/config") { _ in
            "debug=\(python(app.config.debug)) secret=\(app.config.secretKey ?? "None") "
                + "database=\(app.config["DATABASE"] ?? "None") workers=\(app.config["WORKERS"] ?? "None") "
                + "other=\(app.config["OTHER"] ?? "None")"
        }
        app.get("/urls") { _ in
            [
                try app.urlFor("index"),
                try app.urlFor("user", ["username": "ada lovelace"]),
                try app.urlFor("post", ["post_id": 7, "page": 2, "tab": "a b&c"]),
                try app.urlFor("admin.dashboard"),
                try app.urlFor("api.v1.items"),
                try app.urlFor("shop.item", ["item_id": 3]),
            ].joined(separator: "\n")
        }
        return app
    }

    private static func registerHooks(_ app: App) {
        let log = TeardownLog()
        app.beforeRequest { req in
            req.args["block"] == "1" ? Response("blocked by hook", status: .forbidden) : nil
        }
        app.afterRequest { _, response in
            var response = response
            response.headers["X-After"] = "yes"
            return response
        }
        app.teardownRequest { req, error in
            if req.path != "/teardown-log" { log.append(error.map { "\(type(of: $0))" } ?? "None") }
        }
        app.get("/teardown-log") { _ in log.joined }
    }

    private static func registerRouting(_ app: App) {
        app.get("/", endpoint: "index") { _ in "Hello, World!" }
        app.get("/user/<username>", endpoint: "user") { req in
            "User \(HTMLEscaping.escape(req.params["username"] ?? ""))"
        }
        app.get("/post/<int:post_id>", endpoint: "post") { req in "Post \(try req.param("post_id", as: Int.self))" }
        app.get("/price/<float:value>") { req in "Price \(try req.param("value", as: Double.self))" }
        app.get("/path/<path:subpath>") { req in "Subpath \(HTMLEscaping.escape(req.params["subpath"] ?? ""))" }
        app.get("/uuid/<uuid:ident>") { req in "UUID \(try req.param("ident", as: UUID.self).uuidString.lowercased())" }
        app.get("/lang/<any(en,fr):code>") { req in "Lang \(req.params["code"] ?? "")" }
        app.get("/projects/") { _ in "The project page" }
        app.get("/about") { _ in "The about page" }
        app.route("/both", methods: [.GET, .POST]) { req in "both \(req.method)" }
    }

    private static func registerRequestData(_ app: App) {
        app.get("/args") { req in
            "tags=\(req.args.getAll("tag").joined(separator: ",")) q=\(req.args["q"] ?? "") "
                + "missing=\(req.args.get("missing", default: "-"))"
        }
        app.post("/form") { req in
            "name=\(req.form["name"] ?? "") langs=\(req.form.getAll("lang").joined(separator: ","))"
        }
        app.post("/upload") { req in
            guard let file = req.files["doc"] else { try abort(.badRequest) }
            return "\(req.form["title"] ?? "None"): \(file.filename) \(file.contentType) \(file.size)"
        }
        app.post("/json") { req in ["hello": try req.decode(Greeting.self).name] }
        app.get("/cookies") { req in
            "theme=\(req.cookies["theme"] ?? "None") lang=\(req.cookies["lang"] ?? "None")"
        }
        app.get("/headers") { req in
            "custom=\(req.headers["X-CUSTOM"] ?? "None") agent=\(req.headers["user-agent"] ?? "None")"
        }
    }

    private static func registerResponses(_ app: App) {
        app.get("/dict") { _ in Person(name: "Ada", langs: ["swift", "python"], age: 36) }
        app.get("/list") { _ in ["a", "b"] }
        app.get("/book") { _ in Book(title: "Dune", pages: 412) }
        app.get("/created") { _ in ("Created", Status.created) }
        app.get("/teapot") { _ in ("short and stout", Status(418), ["X-Tea": "earl grey"] as Headers) }
        app.get("/go") { _ in redirect(to: "/args?tag=x&q=y") }
        app.get("/abort404") { _ -> String in try abort(.notFound) }
        app.get("/abort403") { _ -> String in try abort(.forbidden, "No entry <here>") }
        app.get("/set-cookies") { _ in
            var response = Response("cookies set")
            response.setCookie("theme", "dark", maxAge: 3600, httpOnly: true, sameSite: .lax)
            response.setCookie("token", "abc", path: "/admin", secure: true, sameSite: .strict)
            response.setCookie("plain", "1")
            response.deleteCookie("old")
            return response
        }
    }

    private static func registerErrors(_ app: App) {
        app.errorhandler(OutOfStock.self) { _, error in ("Out of stock: \(error.item)", Status.conflict) }
        app.errorhandler(Broken.self) { _, _ -> (String, Status) in throw Kaboom(message: "the handler failed") }
        app.get("/stock") { _ -> String in throw OutOfStock(item: "teapots") }
        app.get("/broken") { _ -> String in throw Broken() }
        app.get("/boom") { _ -> String in throw Kaboom(message: "no more coffee") }
    }

    private static func registerSessions(_ app: App) {
        app.post("/login") { req in
            req.session["user"] = .string(req.form["name"] ?? "")
            return redirect(to: try app.urlFor("whoami"))
        }
        app.get("/whoami", endpoint: "whoami") { req in
            if let user = req.session["user"] { return "Logged in as \(user.text)" }
            return "You are not logged in"
        }
        app.get("/logout") { req in
            req.session["user"] = nil
            return redirect(to: try app.urlFor("whoami"))
        }
        app.post("/flash") { req in
            req.flash("Saved!")
            req.flash("Careful", category: "warning")
            return redirect(to: try app.urlFor("show_flashes"))
        }
        app.get("/flashes", endpoint: "show_flashes") { req in
            let messages = req.flashedMessages().map { "\($0.category):\($0.message)" }
            return messages.isEmpty ? "none" : messages.joined(separator: "|")
        }
    }

    private static func registerBlueprints(_ app: App) {
        let admin = Blueprint("admin", urlPrefix: "/admin")
        admin.beforeRequest { req in
            req.headers["X-Admin"] == "yes" ? nil : Response("admins only", status: .unauthorized)
        }
        admin.get("/", endpoint: "dashboard") { req in "Admin dashboard (\(req.endpoint ?? "None"))" }
        app.register(admin)

        let api = Blueprint("api", urlPrefix: "/api")
        let v1 = Blueprint("v1", urlPrefix: "/v1")
        api.beforeRequest { req in
            req.g["seen_by"] = "api"
            return nil
        }
        v1.get("/items", endpoint: "items") { req in
            Items(items: ["a", "b"], seen_by: req.g["seen_by"] as String?, endpoint: req.endpoint)
        }
        api.register(v1)
        app.register(api)

        let shop = Blueprint("shop", urlPrefix: "/shop")
        shop.errorhandler(.notFound) { _, _ in "No such item in the shop" }
        shop.get("/item/<int:item_id>", endpoint: "item") { req -> String in
            guard try req.param("item_id", as: Int.self) == 1 else { try abort(.notFound) }
            return "Item 1"
        }
        app.register(shop)
    }
}
