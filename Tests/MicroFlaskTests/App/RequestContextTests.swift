import Foundation
import Testing

@testable import MicroFlask

/// The App-level request: `req.app`, `req.urlFor`, the matched route's facts, the request's
/// metadata and form access. Expected values come from Flask 3.1 (`/tmp` scripts run with
/// `flask.Flask.test_client()`), as each test says.
@Suite("Request context")
struct RequestContextTests {
    /// A blueprint whose view reports what Flask's `request` and `current_app` report.
    static func infoApp() -> App {
        let app = App(name: "shop")
        let auth = Blueprint("auth", urlPrefix: "/auth")
        auth.route("/info", methods: [.GET, .POST]) { req in
            [
                req.fullPath, req.contentType ?? "None", req.contentLength.map(String.init) ?? "None", req.mimetype,
                req.blueprint ?? "None", req.app.name, try req.urlFor(".login"), req.rule ?? "None",
                req.endpoint ?? "None",
            ].joined(separator: "|")
        }
        auth.get("/login") { _ in "login" }
        app.register(auth)
        app.get("/") { req in "\(req.blueprint ?? "None") \(try req.urlFor(".index")) \(req.fullPath)" }
        return app
    }

    @Test("fullPath, contentType, contentLength, mimetype, blueprint, rule, req.app and .name URLs match Flask 3.1")
    func metadataMatchesFlask() throws {
        let app = Self.infoApp()
        // Flask: ('/auth/info?x=1', 'application/x-www-form-urlencoded', 3,
        //         'application/x-www-form-urlencoded', 'auth', <app name>, '/auth/login', '/auth/info', 'auth.info')
        let form = try app.test.post("/auth/info?x=1", form: [("a", "b")])
        #expect(
            form.text
                == "/auth/info?x=1|application/x-www-form-urlencoded|3|application/x-www-form-urlencoded|auth|shop|/auth/login|/auth/info|auth.info"
        )
        // Flask: ('/auth/info?', 'application/json; charset=utf-8', 7, 'application/json', 'auth', ...)
        let json = try app.test.post(
            "/auth/info", body: #"{"a":1}"#, headers: ["Content-Type": "application/json; charset=utf-8"])
        #expect(
            json.text
                == "/auth/info?|application/json; charset=utf-8|7|application/json|auth|shop|/auth/login|/auth/info|auth.info"
        )
        // Flask: full_path '/info?' for no query, content_type and content_length None, mimetype ''.
        let get = try app.test.get("/auth/info")
        #expect(get.text == "/auth/info?|None|None||auth|shop|/auth/login|/auth/info|auth.info")
        // Outside a blueprint `request.blueprint` is None and `.index` is `index`.
        #expect(try app.test.get("/?q=1").text == "None / /?q=1")
    }

    @Test("a blueprint view reaches the app (current_app) and its config without capturing it")
    func currentAppWithoutCapture() throws {
        let pages = Blueprint("pages")
        pages.get("/who") { req in "\(req.app.name) \(req.config["GREETING"] ?? "-") \(try req.app.urlFor("pages.who"))"
        }
        let app = App(name: "site")
        app.config["GREETING"] = "hi"
        app.register(pages)
        #expect(try app.test.get("/who").text == "site hi /who")
    }

    @Test("form fields are read without try; a missing required field is Flask's 400 page (Flask 3.1: form['x'])")
    func formWithoutTryAndRequired() throws {
        let app = App()
        app.post("/f") { req in
            let name = req.form["name"] ?? "?"
            let age = req.form.get("age", as: Int.self)
            let title = try req.form.required("title")
            return "\(name) \(age.map(String.init) ?? "nil") \(title)"
        }
        let ok = try app.test.post("/f", form: [("name", "ada"), ("age", "36"), ("title", "Dr")])
        #expect(ok.text == "ada 36 Dr")
        let notNumber = try app.test.post("/f", form: [("age", "x"), ("title", "T")])
        #expect(notNumber.text == "? nil T")
        // Flask 3.1 for `request.form["x"]` with no x: 400 and this exact page.
        let missing = try app.test.post("/f", form: [("name", "ada")])
        #expect(missing.status == .badRequest)
        #expect(
            missing.text
                == "<!doctype html>\n<html lang=en>\n<title>400 Bad Request</title>\n<h1>Bad Request</h1>\n<p>The browser (or proxy) sent a request that this server could not understand.</p>\n"
        )
    }

    @Test("a malformed form body is answered before the hooks and the view run, through the error handlers")
    func formErrorsAreAnsweredBeforeTheView() throws {
        let app = App()
        let ran = Recorder<[String]>([])
        app.beforeRequest { _ in
            ran.update { $0.append("hook") }
            return nil
        }
        app.post("/upload") { req in
            ran.update { $0.append("view") }
            return "\(req.files.count)"
        }
        app.errorhandler(400) { _, error in "bad form: \(error.status.code)" }
        let broken = try app.test.post(
            "/upload", body: "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end",
            headers: ["Content-Type": "multipart/form-data; boundary=b"])
        #expect(broken.status == .badRequest)
        #expect(broken.text == "bad form: 400")
        #expect(ran.value.isEmpty)
        // A path no route matches is not parsed at all: 404, not 400.
        let elsewhere = try app.test.post(
            "/nowhere", body: "garbage", headers: ["Content-Type": "multipart/form-data; boundary=b"])
        #expect(elsewhere.status == .notFound)
    }

    @Test("typed query arguments: args.get(_:as:) is nil when absent or not convertible (Werkzeug's type=int)")
    func typedArgs() throws {
        let app = App()
        app.get("/n") { req in
            let n = req.args.get("n", as: Int.self)
            let x = req.args.get("x", as: Double.self)
            return "\(n.map(String.init) ?? "None") \(x.map { String($0) } ?? "None")"
        }
        // Flask 3.1: request.args.get("n", type=int) gives 3 for n=3, None for n=x and when absent.
        #expect(try app.test.get("/n?n=3&x=1.5").text == "3 1.5")
        #expect(try app.test.get("/n?n=x").text == "None None")
        #expect(try app.test.get("/n").text == "None None")
    }
}
