import Testing

@testable import MicroFlask

/// A blueprint's app-wide hooks and error handlers, and error handlers that fall back to the
/// default page; each checked against Flask 3.1 (`before_app_request`, `after_app_request`,
/// `app_errorhandler`, and a handler that does `return e`).
@Suite("Blueprint app hooks")
struct BlueprintAppHooksTests {
    static func app(teardowns: Recorder<[String]>) -> App {
        let app = App()
        app.logger = Logger(write: { _ in })
        let auth = Blueprint("auth", urlPrefix: "/auth")
        auth.beforeAppRequest { req in
            req.g["seen"] = "bp-before"
            return nil
        }
        auth.afterAppRequest { _, response in
            var response = response
            response.headers["X-Bp"] = "after"
            return response
        }
        auth.teardownAppRequest { req, _ in teardowns.update { $0.append(req.path) } }
        auth.appErrorhandler(404) { req, error in
            if req.path.hasPrefix("/plain") { return error.makeResponse(for: req) }
            return try makeResponse("custom 404", .notFound)
        }
        auth.get("/login") { _ in "login" }
        app.register(auth)
        app.get("/") { req in req.g["seen"] as String? ?? "none" }
        return app
    }

    @Test("before/after/teardownAppRequest of a blueprint run for the app's own routes (Flask 3.1: 'bp-before', X-Bp)")
    func appWideHooksRunForAppRoutes() throws {
        let teardowns = Recorder<[String]>([])
        let app = Self.app(teardowns: teardowns)
        let response = try app.test.get("/")
        #expect(response.text == "bp-before")
        #expect(response.headers["X-Bp"] == "after")
        #expect(teardowns.value == ["/"])
    }

    @Test("appErrorhandler answers a 404 anywhere, and may fall back to the default page (Flask 3.1: return e)")
    func appErrorhandlerAndFallback() throws {
        let app = Self.app(teardowns: Recorder([]))
        let custom = try app.test.get("/nope")
        #expect(custom.status == .notFound)
        #expect(custom.text == "custom 404")
        #expect(custom.headers["X-Bp"] == "after")
        // Flask 3.1: `return e` gives Werkzeug's 404 page, text/html, after-request hooks applied.
        let plain = try app.test.get("/plain")
        #expect(plain.status == .notFound)
        #expect(plain.text == FlaskPages.notFound)
        #expect(plain.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(plain.headers["X-Bp"] == "after")
        // The fallback follows Accept like the built-in page.
        let json = try app.test.get("/plain", headers: ["Accept": "application/json"])
        #expect(json.headers["Content-Type"] == "application/json")
        #expect(json.text.contains("\"code\":404"))
    }

    @Test("an error handler that returns the HTTPError itself gives its default page and status")
    func returningTheErrorGivesTheDefaultPage() throws {
        let app = App()
        app.errorhandler(403) { _, error in error }
        app.get("/secret") { _ in try abort(.forbidden) }
        let response = try app.test.get("/secret")
        #expect(response.status == .forbidden)
        #expect(response.text == FlaskPages.forbidden)
    }

    @Test("app-wide hooks of nested blueprints join too, after the app's own, in registration order")
    func nestedAppHooksOrder() throws {
        let order = Recorder<[String]>([])
        let app = App()
        app.beforeRequest { _ in
            order.update { $0.append("app") }
            return nil
        }
        let outer = Blueprint("outer")
        let inner = Blueprint("inner")
        outer.beforeAppRequest { _ in
            order.update { $0.append("outer") }
            return nil
        }
        inner.beforeAppRequest { _ in
            order.update { $0.append("inner") }
            return nil
        }
        outer.register(inner)
        app.register(outer)
        app.get("/") { _ in "ok" }
        _ = try app.test.get("/")
        #expect(order.value == ["app", "outer", "inner"])
    }
}
