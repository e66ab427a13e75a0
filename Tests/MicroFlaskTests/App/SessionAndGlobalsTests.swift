import Foundation
import Testing

@testable import MicroFlask

/// Typed session values and `g`, Flask's session cookie settings, and `Vary: Cookie`; the
/// cookie lines and `Vary` values were produced by Flask 3.1's test client.
@Suite("Session and g")
struct SessionAndGlobalsTests {
    struct Cart: Codable, Equatable {
        var items: [String]
        var total: Double
    }

    static func app() -> App {
        let app = App()
        app.logger = Logger(write: { _ in })
        app.config.secretKey = "k"
        app.get("/set") { req in
            req.session["user_id"] = 42
            req.session["cart"] = Cart(items: ["tea", "milk"], total: 3.5)
            req.session["theme"] = "dark"
            return "ok"
        }
        app.get("/get") { req in
            let id: Int? = req.session["user_id"]
            let cart: Cart? = req.session["cart"]
            let wrong: Int? = req.session["theme"]
            return
                "\(id.map(String.init) ?? "nil") \(cart?.items.joined(separator: "+") ?? "nil") \(cart?.total ?? 0) \(wrong.map(String.init) ?? "nil") \(req.session["theme"]?.text ?? "")"
        }
        app.get("/read") { req in
            let id: Int? = req.session["user_id"]
            var response = Response("\(id ?? 0)")
            response.headers["Vary"] = "Accept-Encoding"
            return response
        }
        app.get("/none") { _ in "none" }
        app.get("/clear") { req in
            req.session.clear()
            return "ok"
        }
        app.get("/nan") { req in
            req.session["x"] = Double.nan
            return "unreachable page"
        }
        return app
    }

    @Test("Int and Codable values go in and come out typed; another type reads as nil")
    func typedValues() throws {
        let client = Self.app().makeTestClient()
        _ = try client.get("/set")
        #expect(try client.get("/get").text == "42 tea+milk 3.5 nil dark")
    }

    @Test("the session cookie and Vary: Cookie as Flask 3.1 sends them, on write, read, clear and untouched")
    func cookieAndVaryLikeFlask() throws {
        let client = Self.app().makeTestClient()
        let set = try client.get("/set")
        // Flask: 'session=<signed>; HttpOnly; Path=/', Vary: Cookie
        #expect(
            set.headers.values(for: "Set-Cookie").map(ParityExpectations.normalisedCookie) == [
                "session=<signed>; HttpOnly; Path=/"
            ])
        #expect(set.headers["Vary"] == "Cookie")
        // Flask: a view that only reads gets no Set-Cookie and 'Accept-Encoding, Cookie'.
        let read = try client.get("/read")
        #expect(read.headers.values(for: "Set-Cookie").isEmpty)
        #expect(read.headers.values(for: "Vary") == ["Accept-Encoding, Cookie"])
        // Flask: a view that does not touch the session: no Vary at all.
        let untouched = try client.get("/none")
        #expect(untouched.headers["Vary"] == nil)
        // Flask: 'session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/'
        let cleared = try client.get("/clear")
        #expect(
            cleared.headers.values(for: "Set-Cookie") == [
                "session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/"
            ])
        #expect(cleared.headers["Vary"] == "Cookie")
    }

    @Test("SESSION_COOKIE_NAME/DOMAIN/PATH/HTTPONLY/SECURE/SAMESITE=None shape the cookie as in Flask 3.1")
    func cookieSettings() throws {
        let app = Self.app()
        app.config.sessionCookieName = "sid"
        app.config.sessionCookieDomain = "example.com"
        app.config.sessionCookiePath = "/app"
        app.config.sessionCookieHTTPOnly = false
        app.config.sessionCookieSecure = true
        app.config.sessionCookieSameSite = Response.SameSite.none
        let response = try app.test.get("/set")
        let line = try #require(response.headers["Set-Cookie"])
        // Flask: 'sid=<signed>; Domain=example.com; Secure; Path=/app; SameSite=None'
        #expect(line.hasPrefix("sid="))
        #expect(line.drop { $0 != ";" } == "; Domain=example.com; Secure; Path=/app; SameSite=None")
    }

    @Test("Flask's JSON config keys set the session settings; null clears an optional one")
    func jsonKeys() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("session-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(
            #"""
            {"SESSION_COOKIE_NAME": "sid", "SESSION_COOKIE_DOMAIN": null, "SESSION_COOKIE_PATH": "/app",
             "SESSION_COOKIE_HTTPONLY": false, "SESSION_COOKIE_SECURE": true, "SESSION_COOKIE_SAMESITE": "Strict",
             "PERMANENT_SESSION_LIFETIME": 3600, "SESSION_REFRESH_EACH_REQUEST": false}
            """#.utf8
        ).write(to: file)
        var config = Config()
        config.sessionCookieDomain = "old.example"
        try config.loadJSONFile(file.path)
        #expect(config.sessionCookieName == "sid")
        #expect(config.sessionCookieDomain == nil)
        #expect(config.sessionCookiePath == "/app")
        #expect(config.sessionCookieHTTPOnly == false)
        #expect(config.sessionCookieSecure == true)
        #expect(config.sessionCookieSameSite == .strict)
        #expect(config.permanentSessionLifetime == 3600)
        #expect(config.sessionRefreshEachRequest == false)
        // The defaults are Flask's.
        let defaults = Config()
        #expect(defaults.sessionCookieName == "session" && defaults.sessionCookieDomain == nil)
        #expect(defaults.sessionCookiePath == "/" && defaults.sessionCookieHTTPOnly && !defaults.sessionCookieSecure)
        #expect(defaults.sessionCookieSameSite == nil && defaults.permanentSessionLifetime == 31 * 24 * 3600)
        var bad = Config()
        #expect(throws: ConfigError.self) {
            try bad.loadEnvironment(environment: ["MICROFLASK_SESSION_COOKIE_SAMESITE": "Sometimes"])
        }
    }

    @Test("a permanent session's cookie is sent again by views that do not touch it, unless refresh is off (Flask 3.1)")
    func permanentSessionRefreshes() throws {
        let app = Self.app()
        app.get("/perm") { req in
            req.session.isPermanent = true
            req.session["a"] = 1
            return "ok"
        }
        let client = app.makeTestClient()
        _ = try client.get("/perm")
        // Flask: 'session=<signed>; Expires=<date>; HttpOnly; Path=/' and Vary: Cookie on /none.
        let refreshed = try client.get("/none")
        #expect(
            refreshed.headers.values(for: "Set-Cookie").map(ParityExpectations.normalisedCookie) == [
                "session=<signed>; Expires=<date>; HttpOnly; Path=/"
            ])
        #expect(refreshed.headers["Vary"] == "Cookie")
        // Flask with SESSION_REFRESH_EACH_REQUEST = False: no cookie, no Vary.
        let fixed = Self.app()
        fixed.config.sessionRefreshEachRequest = false
        fixed.get("/perm") { req in
            req.session.isPermanent = true
            req.session["a"] = 1
            return "ok"
        }
        let other = fixed.makeTestClient()
        _ = try other.get("/perm")
        let untouched = try other.get("/none")
        #expect(untouched.headers.values(for: "Set-Cookie").isEmpty)
        #expect(untouched.headers["Vary"] == nil)
    }

    @Test("a value that cannot be stored as JSON fails the request instead of vanishing")
    func unencodableValueFailsLoudly() throws {
        let response = try Self.app().test.get("/nan")
        #expect(response.status == .internalServerError)
    }

    @Test("g holds values of any type, read back typed, by key or by member")
    func typedGlobals() throws {
        struct User { let name: String }
        let app = App()
        app.beforeRequest { req in
            req.g["user"] = User(name: "ada")
            req.g.count = 3
            return nil
        }
        app.get("/") { req in
            let user: User? = req.g["user"]
            let count: Int? = req.g.count
            let wrong: String? = req.g["user"]
            let keys = req.g.keys.joined(separator: ",")
            req.g["user"] = nil
            return "\(user?.name ?? "nil") \(count ?? 0) \(wrong ?? "nil") \(req.g.contains("user")) \(keys)"
        }
        #expect(try app.test.get("/").text == "ada 3 nil false count,user")
    }
    /// Flask 3.1, in a request: `g.user = None` keeps the key and templates see None, so
    /// Flaskr's `{{ g.user['id'] }}` is undefined (prints "") for a visitor instead of failing;
    /// `python3 -c` with `render_template_string` printed `True [None][][no][None]`.
    @Test("an optional that is nil, assigned to g, is None (the key stays), as Flask's g.user = None")
    func noneInGlobals() throws {
        struct User: Encodable { let id: Int }
        let app = App()
        app.beforeRequest { req in
            let user: User? = nil
            req.g["user"] = user
            return nil
        }
        app.get("/") { req in
            let user: User? = req.g["user"]
            let page = try req.app.renderString(
                "[{{ g.user }}][{{ g.user['id'] }}][{% if g.user['id'] == 1 %}yes{% else %}no{% endif %}]"
                    + "[{{ g.get('user', 'dflt') }}]")
            return "\(req.g.contains("user")) \(user == nil) \(req.g["user"] == nil) \(page)"
        }
        app.get("/pop") { req in
            req.g["user"] = nil
            return "\(req.g.contains("user"))"
        }
        #expect(try app.test.get("/").text == "true true true [None][][no][None]")
        #expect(try app.test.get("/pop").text == "false")
    }
}
