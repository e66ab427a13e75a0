import Foundation
import Testing

@testable import MicroFlask

/// Behaviours a code review found wrong, each checked against what Flask does.
@Suite("Review regressions")
struct ReviewRegressionTests {
    @Test("a permanent session stays permanent when a later request writes to it")
    func permanentSessionSurvivesWrites() throws {
        let app = App()
        app.config.secretKey = "k"
        app.get("/login") { req in
            req.session.isPermanent = true
            req.session["user"] = "ada"
            return "in"
        }
        app.get("/touch") { req in
            req.session["seen"] = true
            return req.session.isPermanent ? "permanent" : "transient"
        }
        // As Flask 3.1 (checked): a permanent session's cookie has `Expires` 31 days ahead, no `Max-Age`.
        let client = app.makeTestClient()
        let login = try #require(try client.get("/login").headers["Set-Cookie"])
        #expect(login.contains("Expires=") && !login.contains("Max-Age"))
        let touched = try client.get("/touch")
        #expect(touched.text == "permanent")
        let cookie = try #require(touched.headers["Set-Cookie"])
        let expires = try #require(cookie.split(separator: ";").first { $0.hasPrefix(" Expires=") })
        let epoch = try #require(HTTPDateParser.epochSeconds(String(expires.dropFirst(" Expires=".count))))
        #expect(abs(Double(epoch) - Date().timeIntervalSince1970 - 31 * 24 * 3600) < 120)
    }

    @Test("app.urls[path] = view adds one route without registering the earlier ones again")
    func urlsSubscriptAddsOnlyTheNewPath() throws {
        let app = App()
        app.urls = ["/": { _ in "home" }]
        app.urls["/x"] = { _ in "x" }
        #expect(try app.test.get("/").text == "home")
        #expect(try app.test.get("/x").text == "x")
        #expect(app.registeredRoutes.count == 2)
    }

    @Test("urlFor encodes leftover values as Werkzeug does (checked with Flask 3.1)")
    func urlForQueryEncodingMatchesWerkzeug() throws {
        let app = App()
        app.get("/s", endpoint: "s") { _ in "" }
        // flask: url_for("s", next="/a/b?c=d", e="x:y@z", q="a b&c") == "/s?next=/a/b?c%3Dd&e=x:y@z&q=a+b%26c"
        // (the same pairs; MicroFlask orders them by name)
        #expect(
            try app.urlFor("s", ["next": "/a/b?c=d", "e": "x:y@z", "q": "a b&c"])
                == "/s?e=x:y@z&next=/a/b?c%3Dd&q=a+b%26c")
    }

    @Test("a cookie value with quotes, semicolons and non-ASCII text comes back as it was set")
    func quotedCookieRoundTrip() throws {
        let app = App()
        app.get("/set") { _ in
            var response = Response("set")
            response.setCookie("name", "J\u{F6}rg; \"x\"")
            return response
        }
        app.get("/get") { req in req.cookies["name"] ?? "none" }
        let client = app.makeTestClient()
        let set = try client.get("/set")
        // Werkzeug's dump_cookie quotes it the same way.
        #expect(set.headers["Set-Cookie"] == #"name="J\303\266rg\073 \"x\""; Path=/"#)
        #expect(try client.get("/get").text == "J\u{F6}rg; \"x\"")
    }

    @Test("get_flashed_messages() gives the same messages to every call in one request")
    func flashedMessagesRepeatWithinARequest() throws {
        let app = App()
        app.config.secretKey = "k"
        app.get("/flash") { req in
            req.flash("saved")
            return "ok"
        }
        app.get("/show") { req in
            "\(req.flashedMessages().count) \(req.flashedMessages().map(\.message))"
        }
        let client = app.makeTestClient()
        _ = try client.get("/flash")
        #expect(try client.get("/show").text == #"1 ["saved"]"#)
        #expect(try client.get("/show").text == "0 []")
    }

    @Test("an error an error handler answers is not logged as an exception")
    func handledErrorsAreNotLogged() throws {
        struct Expected: Error {}
        let app = App()
        let logged = Recorder<[String]>([])
        app.logger = Logger(write: { line in logged.update { $0.append(line) } })
        app.errorhandler(Expected.self) { _, _ in ("handled", Status.conflict) }
        app.get("/e") { _ -> String in throw Expected() }
        #expect(try app.test.get("/e").status == .conflict)
        #expect(logged.value.isEmpty, "\(logged.value)")
    }

    @Test("the test client runs streamed bodies, as the server sends them")
    func testClientRunsStreams() throws {
        let app = App()
        app.get("/stream") { _ in
            Response(stream: { write in
                for index in 1...3 { try write("line \(index)\n") }
            })
        }
        let response = try app.test.get("/stream")
        #expect(response.text == "line 1\nline 2\nline 3\n")
        #expect(response.headers["Transfer-Encoding"] == "chunked")
        #expect(response.headers["Content-Length"] == nil)
    }
}

@Suite("Settings applied just before serving")
struct ServingOverridesTests {
    @Test("command-line settings reach an app frozen during setup, and templates made earlier reload in debug")
    func overridesAfterAnEarlyFreeze() throws {
        let app = App()
        app.get("/", endpoint: "index") { _ in "home" }
        _ = try app.urlFor("index")  // freezes the app during setup
        let templates = app.templates
        #expect(!templates.autoReload)
        app.applyBeforeServing { $0.debug = true }
        #expect(try app.freeze().config.debug)
        #expect(templates.autoReload)
        #expect(try app.test.get("/").text == "home")
    }

    @Test("a route added to a registered blueprint after the app froze stops the program with a message")
    func blueprintRouteAfterFreezeIsLoud() async {
        await #expect(processExitsWith: .failure) {
            let app = App()
            let api = Blueprint("api", urlPrefix: "/api")
            app.register(api)
            _ = try? app.freeze()
            api.get("/late") { _ in "late" }
        }
    }
}

@Suite("Settings that would stop the server are refused")
struct ConfigValidationTests {
    @Test(
        "numbers that do not fit are config errors, not crashes",
        arguments: [
            ("KEEP_ALIVE_TIMEOUT", "nan"), ("HEADER_TIMEOUT", "inf"), ("KEEP_ALIVE_TIMEOUT", "-1"),
            ("MAX_CONTENT_LENGTH", "1e300"), ("TRUSTED_PROXIES", "-2"), ("MAX_CONTENT_LENGTH", "10.5"),
        ])
    func refused(name: String, value: String) {
        var config = Config()
        #expect(throws: ConfigError.self) {
            try config.loadEnvironment(prefix: "T_", environment: ["T_\(name)": value])
        }
    }

    @Test("timeouts set in code that are not numbers become a day, not a trap")
    func nonNumericTimeoutsAreClamped() {
        var configuration = ServerConfiguration()
        configuration.keepAliveTimeout = .nan
        configuration.headerTimeout = -.infinity
        configuration.ioTimeout = 2.5
        let milliseconds = ServerConfiguration.Milliseconds(configuration)
        #expect(milliseconds.keepAlive == 86_400_000)
        #expect(milliseconds.header == 86_400_000)
        #expect(milliseconds.io == 2_500)
    }
}
