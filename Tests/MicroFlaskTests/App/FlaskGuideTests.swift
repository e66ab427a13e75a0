import Foundation
import MicroFlask
import Testing

/// The MicroFlask cells of docs/FLASK.md, each written as the table writes it (with the plain,
/// non-testable import, so only public API compiles) and checked to answer as the table says.
/// A row changed there needs its line changed here.
@Suite struct FlaskGuideTests {
    struct Greeting: Codable {
        let name: String
    }

    struct OutOfStock: Error {
        let item: String
    }

    struct Post: Encodable {
        let title: String
    }

    enum Views {
        static func index(_ req: Request) throws -> String { "index" }
        static func about(_ req: Request) throws -> String { "about" }
        static func a(_ req: Request) throws -> String { "a" }
    }

    static func quiet(_ app: App) -> App {
        app.config.accessLog = false
        app.logger = Logger(write: { _ in })
        return app
    }

    @Test func routesAndMethods() throws {
        let app = Self.quiet(App(name: "shop"))
        app.route("/") { req in "root \(req.app.name)" }
        app.get("/items") { req in "items" }
        app.post("/items") { req in "posted" }
        app.put("/items") { req in "put" }
        app.patch("/items") { req in "patched" }
        app.delete("/things") { req in "deleted" }
        app.route("/x", methods: [.GET, .POST]) { req in req.method == .POST ? "post" : "get" }
        app.get("/home", endpoint: "home") { _ in "home" }
        app.urls = ["/seed": Views.index]
        app.include([path("/about", Views.about, name: "about")])
        app.include([path("/a", Views.a)], prefix: "/docs")
        app.get("/projects/") { _ in "projects" }
        app.get("/a") { req async throws in "async" }
        app.get("/<int:id>/update") { req in "update \(try req.param("id", as: Int.self))" }
        #expect(try app.test.get("/").text == "root shop")
        #expect(try app.test.post("/items").text == "posted")
        #expect(try app.test.post("/x").text == "post")
        #expect(try app.test.get("/x").text == "get")
        #expect(try app.urlFor("home") == "/home")
        #expect(try app.urlFor("about") == "/about")
        #expect(try app.urlFor("update", ["id": 3]) == "/3/update")
        #expect(try app.test.get("/seed").text == "index")
        #expect(try app.test.get("/docs/a").text == "a")
        #expect(try app.test.get("/a").text == "async")
        #expect(try app.test.put("/items").text == "put")
        #expect(try app.test.patch("/items").text == "patched")
        #expect(try app.test.delete("/things").text == "deleted")
        let wrong = try app.test.request(.DELETE, "/items")
        #expect(wrong.status.code == 405)
        #expect(wrong.headers["Allow"] != nil)
        #expect(try app.test.head("/items").status == .ok)
        #expect(try app.test.options("/items").status == .ok)
        let slash = try app.test.get("/projects")
        #expect(slash.status.code == 308)
        #expect(slash.headers["Location"] == "/projects/")
    }

    @Test func addURLRuleAndDuplicates() throws {
        let app = Self.quiet(App())
        let blog = Blueprint("blog")
        blog.get("/") { _ in "blog index" }
        app.register(blog)
        app.addURLRule("/", endpoint: "index")
        #expect(try app.urlFor("index") == "/")

        let twice = Self.quiet(App())
        twice.get("/d") { _ in "one" }
        twice.get("/d") { _ in "two" }
        #expect(throws: AppSetupError.self) { try twice.freeze() }
    }

    @Test func converters() throws {
        let app = Self.quiet(App())
        app.get("/s/<string(maxlength=8):code>") { req in req.params["code"] ?? "" }
        app.get("/t/<string:name>") { req in req.params["name"] ?? "" }
        app.get("/i/<int:id>") { req in "\(try req.param("id", as: Int.self))" }
        app.get("/n/<int(signed=True, min=1, max=9):n>") { req in req.params["n"] ?? "" }
        app.get("/f/<float:x>") { req in "\(try req.param("x", as: Double.self))" }
        app.get("/p/<path:p>") { req in req.params["p"] ?? "" }
        app.get("/u/<uuid:u>") { req in "\(try req.param("u", as: UUID.self))" }
        app.get("/l/<any(en,fr):lang>") { req in req.params["lang"] ?? "" }
        app.get("/post/<int:id>") { req in
            let id: Int = try req.param("id")
            return "\(id)"
        }
        app.get("/<name>") { req in req.params["name"] ?? "" }
        app.get("/literal") { _ in "literal" }
        #expect(try app.test.get("/s/abc").text == "abc")
        #expect(try app.test.get("/t/ada").text == "ada")
        #expect(try app.test.get("/s/abcdefghi").status.code == 404)
        #expect(try app.test.get("/i/-1").status.code == 404)
        #expect(try app.test.get("/n/5").text == "5")
        #expect(try app.test.get("/n/10").status.code == 404)
        #expect(try app.test.get("/f/1.5").text == "1.5")
        #expect(try app.test.get("/p/a/b").text == "a/b")
        #expect(try app.test.get("/u/00000000-0000-0000-0000-000000000000").status == .ok)
        #expect(try app.test.get("/l/fr").text == "fr")
        #expect(try app.test.get("/l/de").status.code == 404)
        #expect(try app.test.get("/post/7").text == "7")
        #expect(try app.test.get("/literal").text == "literal")
        #expect(try app.test.get("/other").text == "other")
    }

    @Test func buildingURLs() throws {
        let app = Self.quiet(App())
        app.get("/", endpoint: "index") { req in try req.urlFor("index") }
        app.get("/user/<username>", endpoint: "user") { _ in "" }
        app.get("/post/<int:post_id>", endpoint: "post") { _ in "" }
        let auth = Blueprint("auth", urlPrefix: "/auth")
        auth.get("/login") { _ in try app.urlFor(".login") }
        auth.get("/page") { _ in try app.renderString("{{ url_for('user', username='ada') }}") }
        app.register(auth)
        app.config.externalHost = "example.com"
        #expect(try app.urlFor("index") == "/")
        #expect(try app.test.get("/").text == "/")
        #expect(try app.urlFor("user", ["username": "ada"]) == "/user/ada")
        #expect(try app.urlFor("post", ["post_id": 7, "page": 2]) == "/post/7?page=2")
        #expect(try app.urlFor("post", ["post_id": 7], anchor: "top") == "/post/7#top")
        #expect(try app.urlFor("index", external: true) == "http://example.com/")
        #expect(try app.test.get("/auth/login").text == "/auth/login")
        #expect(try app.test.get("/auth/page").text == "/user/ada")
        #expect(try app.urlFor("static", ["filename": "style.css"]) == "/static/style.css")
    }

    @Test func blueprints() throws {
        let app = Self.quiet(App())
        let bp = Blueprint("admin", urlPrefix: "/admin")
        bp.get("/") { req in "dashboard \(req.endpoint ?? "") \(req.blueprint ?? "")" }
        bp.beforeRequest { req in req.headers["X-Admin"] == "yes" ? nil : Response("no", status: .unauthorized) }
        bp.errorhandler(404) { _, _ in ("no such admin page", Status.notFound) }
        bp.get("/missing") { _ -> String in try abort(404) }
        app.register(bp)
        let other = Blueprint("other")
        other.beforeAppRequest { _ in nil }
        other.appErrorhandler(418) { _, _ in ("teapot", Status(418)) }
        other.get("/v2") { _ in "v2" }
        app.register(other, urlPrefix: "/api")
        let api = Blueprint("api", urlPrefix: "/api2")
        let v1 = Blueprint("v1", urlPrefix: "/v1")
        v1.get("/items", endpoint: "items") { _ in "items" }
        api.register(v1)
        app.register(api)
        app.get("/tea") { _ -> String in try abort(418) }
        #expect(try app.test.get("/admin/").status.code == 401)
        #expect(try app.test.get("/admin/", headers: ["X-Admin": "yes"]).text == "dashboard admin.index admin")
        #expect(try app.test.get("/admin/missing", headers: ["X-Admin": "yes"]).text == "no such admin page")
        #expect(try app.test.get("/api/v2").text == "v2")
        #expect(try app.urlFor("api.v1.items") == "/api2/v1/items")
        #expect(try app.test.get("/tea").text == "teapot")
    }

    @Test func theRequest() throws {
        let app = Self.quiet(App())
        app.get("/args") { req in
            let q = req.args.get("q", default: "")
            let page = req.args.get("page", as: Int.self) ?? 0
            let required = try req.args.required("q")
            return "\(q) \(page) \(req.args.getAll("tag")) \(required) \(req.args["none"] ?? "nil")"
        }
        app.post("/form") { req in
            "\(req.form["name"] ?? "") \(try req.form.required("name")) \(req.form.getAll("lang"))"
        }
        app.post("/upload") { req in
            guard let file = req.files["doc"] else { try abort(400) }
            let count = try file.bytes().count
            let path = NSTemporaryDirectory() + "/flask-guide-\(UUID().uuidString)"
            try file.save(to: path)
            defer { try? FileManager.default.removeItem(atPath: path) }
            return "\(file.filename) \(file.contentType) \(count)"
        }
        app.post("/json") { req in
            let greeting = try req.decode(Greeting.self)
            let any = try req.json as? [String: Any]
            return "\(greeting.name) \(req.isJSON) \(any?["name"] as? String ?? "") \(req.body.count) \(req.text)"
        }
        app.get("/info") { req in
            let parts: [String] = [
                req.cookies["theme"] ?? "", req.headers["user-agent"] ?? "", req.path, req.fullPath, req.url,
                req.baseURL, String(req.queryString), req.host, req.scheme, req.remoteAddress,
                req.contentType ?? "-", req.mimetype, "\(req.contentLength ?? -1)", req.endpoint ?? "",
                req.rule ?? "",
            ]
            return parts.joined(separator: "|")
        }
        #expect(try app.test.get("/args?q=x&page=2&tag=a&tag=b").text == #"x 2 ["a", "b"] x nil"#)
        #expect(try app.test.get("/args").status.code == 400)
        #expect(
            try app.test.post("/form", form: [("name", "ada"), ("lang", "en"), ("lang", "fr")]).text
                == #"ada ada ["en", "fr"]"#)
        let bytes = Array("hello".utf8)
        let upload = try app.test.post(
            "/upload", form: [], files: [(field: "doc", filename: "a.txt", contentType: "text/plain", bytes: bytes)])
        #expect(upload.text == "a.txt text/plain 5")
        let json = try app.test.post("/json", json: ["name": "ada"])
        #expect(json.text == #"ada true ada 14 {"name":"ada"}"#)
        #expect(
            try app.test.post("/json", body: "nope", headers: ["Content-Type": "application/json"]).status.code == 400)
        #expect(try app.test.post("/json", body: "x", headers: ["Content-Type": "text/plain"]).status.code == 415)
        let info = try app.test.get("/info?x=1", headers: ["Cookie": "theme=dark", "User-Agent": "guide"]).text
        #expect(
            info.hasPrefix(
                "dark|guide|/info|/info?x=1|http://localhost/info?x=1|http://localhost/info|x=1|localhost|http|"))
        #expect(info.hasSuffix("|info|/info"))
        #expect(app.config.limits.maxBodySize == 16 * 1024 * 1024)
    }

    @Test func responses() throws {
        let app = Self.quiet(App())
        app.get("/html") { _ in "<h1>Hi</h1>" }
        app.get("/bytes") { _ in Array("bytes".utf8) }
        app.get("/dict") { _ in ["id": 1] }
        app.get("/jsonify") { _ in try Response.json(Post(title: "t")) }
        app.get("/created") { _ in ("Created", Status.created) }
        app.get("/headers") { _ in ("body", ["X-A": "1"] as Headers) }
        app.get("/three") { _ in ("body", Status(418), ["X-Tea": "1"] as Headers) }
        app.get("/make") { _ in
            let headers: Headers = ["X-B": "2"]
            var response = try makeResponse("x", .created, headers)
            response.headers["X-A"] = "1"
            response.setCookie("theme", "dark", maxAge: 3600, httpOnly: true, sameSite: .lax)
            response.deleteCookie("old")
            return response
        }
        app.get("/text") { _ in Response.text("x") }
        app.get("/redirect") { _ in redirect(to: "/login") }
        app.get("/see-other") { _ in redirect(to: "/x", status: .seeOther) }
        app.get("/abort") { _ -> String in try abort(.forbidden, "why") }
        app.get("/abort404") { _ -> String in try abort(404) }
        app.get("/throw") { _ -> String in throw HTTPError(.notFound) }
        app.get("/stream") { _ in Response(stream: { write in try write("part") }) }
        app.get("/mixed") { req in
            if req.args["go"] != nil { return redirect(to: "/") }
            return try app.renderString("<p>{{ 1 + 1 }}</p>")
        }
        let file = NSTemporaryDirectory() + "/flask-guide-report-\(UUID().uuidString).pdf"
        try Data("pdf".utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        app.get("/report") { req in try sendFile(file, request: req, downloadName: "r.pdf", asAttachment: true) }
        app.get("/dir") { req in
            try sendFromDirectory(NSTemporaryDirectory(), (file as NSString).lastPathComponent, request: req)
        }
        #expect(try app.test.get("/html").headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(try app.test.get("/bytes").text == "bytes")
        #expect(try app.test.get("/dict").text == #"{"id":1}"#)
        #expect(try app.test.get("/jsonify").headers["Content-Type"] == "application/json")
        #expect(try app.test.get("/created").status == .created)
        #expect(try app.test.get("/headers").headers["X-A"] == "1")
        let three = try app.test.get("/three")
        #expect(three.status.code == 418 && three.headers["X-Tea"] == "1")
        let made = try app.test.get("/make")
        #expect(made.status.code == 201 && made.headers["X-A"] == "1" && made.headers["X-B"] == "2")
        #expect(made.headers.values(for: "Set-Cookie").count == 2)
        #expect(try app.test.get("/text").headers["Content-Type"] == "text/plain; charset=utf-8")
        let redirected = try app.test.get("/redirect")
        #expect(redirected.status.code == 302 && redirected.headers["Location"] == "/login")
        #expect(try app.test.get("/see-other").status.code == 303)
        #expect(try app.test.get("/abort").status.code == 403)
        #expect(try app.test.get("/abort404").status.code == 404)
        #expect(try app.test.get("/throw").status.code == 404)
        #expect(try app.test.get("/stream").text == "part")
        #expect(try app.test.get("/mixed").text == "<p>2</p>")
        #expect(try app.test.get("/mixed?go=1").status.code == 302)
        let report = try app.test.get("/report")
        #expect(report.text == "pdf")
        #expect(report.headers["Content-Disposition"]?.contains("r.pdf") == true)
        #expect(try app.test.get("/dir").text == "pdf")
        #expect(safeJoin("/srv/uploads", "../etc/passwd") == nil)
        #expect(safeJoin(NSTemporaryDirectory(), (file as NSString).lastPathComponent)?.hasSuffix(".pdf") == true)
    }

    @Test func errorsAndHooks() throws {
        let app = Self.quiet(App())
        let order = Recorder<[String]>([])
        app.errorhandler(404) { req, error in ("Nothing at \(req.path)", Status.notFound) }
        app.errorhandler(OutOfStock.self) { req, error in ("Out of \(error.item)", Status.conflict) }
        app.errorhandler(403) { req, error in error }
        app.errorhandler(410) { req, error in error.makeResponse(for: req) }
        @Sendable func gone(_ req: Request, _ error: HTTPError) -> String { "gone" }
        app.errorhandler(451, gone)
        app.beforeRequest { req in
            order.update { $0.append("before") }
            return req.args["stop"] != nil ? Response("stopped") : nil
        }
        app.afterRequest { req, response in
            var response = response
            response.headers["X-After"] = "yes"
            return response
        }
        app.teardownRequest { req, error in order.update { $0.append("teardown") } }
        app.contextProcessor { req in ["year": 2026] }
        app.get("/stock") { _ -> String in throw OutOfStock(item: "tea") }
        app.get("/forbidden") { _ -> String in try abort(403) }
        app.get("/gone") { _ -> String in try abort(410) }
        app.get("/legal") { _ -> String in try abort(451) }
        app.get("/year") { _ in try app.renderString("{{ year }}") }
        app.logger.info("set up")
        #expect(try app.test.get("/nope").text == "Nothing at /nope")
        let stock = try app.test.get("/stock")
        #expect(stock.status == .conflict && stock.text == "Out of tea")
        #expect(try app.test.get("/forbidden").status.code == 403)
        #expect(try app.test.get("/gone").status.code == 410)
        #expect(try app.test.get("/legal").text == "gone")
        #expect(try app.test.get("/year?stop=1").text == "stopped")
        let year = try app.test.get("/year")
        #expect(year.text == "2026" && year.headers["X-After"] == "yes")
        #expect(order.value.suffix(2) == ["before", "teardown"])
    }

    @Test func sessionsFlashAndG() throws {
        let app = Self.quiet(App())
        app.config.secretKey = "change me"
        app.config.sessionCookieSecure = false
        app.config.sessionCookieHTTPOnly = true
        app.config.sessionCookieSameSite = .lax
        app.config.permanentSessionLifetime = 3600
        app.beforeRequest { req in
            req.g["user"] = "ada"
            return nil
        }
        app.post("/login") { req in
            req.session["user"] = "ada"
            req.session["count"] = 3
            req.session.isPermanent = true
            req.flash("Saved!")
            req.flash("Careful", category: "warning")
            return "ok"
        }
        app.get("/read") { req in
            let count: Int? = req.session["count"]
            let user: String? = req.g["user"]
            let flashes = req.flashedMessages().map { "\($0.category):\($0.message)" }
            return
                "\(req.session["user"]?.text ?? "") \(count ?? 0) \(req.session.contains("user")) \(user ?? "") \(flashes)"
        }
        app.post("/logout") { req in
            req.session["user"] = nil
            req.session.clear()
            return "bye"
        }
        _ = try app.test.post("/login")
        #expect(try app.test.get("/read").text == #"ada 3 true ada ["message:Saved!", "warning:Careful"]"#)
        _ = try app.test.post("/logout")
        #expect(try app.test.get("/read").text == " 0 false ada []")
    }

    @Test func templates() throws {
        let folder = NSTemporaryDirectory() + "/flask-guide-templates-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "<title>{{ title }}</title>".write(toFile: folder + "/index.html", atomically: true, encoding: .utf8)
        try "<h1>{{ title }}</h1>".write(toFile: folder + "/post.html", atomically: true, encoding: .utf8)
        let app = Self.quiet(App())
        app.config.templateFolder = folder
        app.templates.globals["site"] = "Shop"
        app.templates.registerFilter("shout") { value, args, kwargs in .string(value.text.uppercased() + "!") }
        app.templates.registerFunction("now") { args, kwargs in "today" }
        #expect(try app.render("index.html", ["title": "Home"]) == "<title>Home</title>")
        #expect(try app.render("post.html", Post(title: "<b>")) == "<h1>&lt;b&gt;</h1>")
        #expect(try app.renderString("<p>{{ 1 + 1 }}</p>") == "<p>2</p>")
        #expect(try app.renderString("{{ site }} {{ 'a'|shout }} {{ now() }}") == "Shop A! today")
        #expect(try app.renderString("{{ x }}", ["x": .safe("<b>")]) == "<b>")
        #expect(try app.renderString("{{ x|safe }}", ["x": "<b>"]) == "<b>")
        #expect(escape("<b>") == "&lt;b&gt;")
        #expect(
            try app.renderString("{% for x in xs %}{{ loop.index }}{% else %}none{% endfor %}", ["xs": [1, 2]]) == "12")
        #expect(
            try app.renderString("{{ 'a' is string }} {{ 2 is even }} {{ 'ab'.startswith('a') }}") == "True True True")
        #expect(app.templates.autoescapeExtensions == [".html", ".htm", ".xml", ".xhtml", ".svg"])
        let epoch = TemplateValue.date(Date(timeIntervalSince1970: 0))
        #expect(try app.renderString("{{ d.strftime('%Y-%m-%d') }}", ["d": epoch]) == "1970-01-01")
        app.templates.strictUndefined = true
        #expect(throws: (any Error).self) { try app.renderString("{{ missing }}") }
    }

    @Test func staticConfigAndCommands() throws {
        let app = Self.quiet(App())
        app.config.staticFolder = "assets"
        app.config.staticURLPath = "/assets"
        app.config["SEND_FILE_MAX_AGE_DEFAULT"] = "3600"
        app.config["DATABASE"] = "app.sqlite"
        app.config.debug = false
        app.config.externalHost = "example.com"
        app.config.preferredURLScheme = "https"
        app.config.jsonSortKeys = true
        app.config.maxFormMemorySize = 500_000
        app.config.maxFormParts = 1000
        app.config.trustedProxies = 1
        try app.config.loadEnvironment(prefix: "MYAPP_", environment: ["MYAPP_WORKERS": "4"])
        let file = NSTemporaryDirectory() + "/flask-guide-config-\(UUID().uuidString).json"
        try #"{"DEBUG": true, "DATABASE": "other.sqlite"}"#.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        try app.config.loadJSONFile(file)
        app.command("init-db") { args in print("Initialized the database.") }
        #expect(app.config["WORKERS"] == "4")
        #expect(app.config["DATABASE"] == "other.sqlite" && app.config.debug)
        #expect(try app.urlFor("static", ["filename": "a.css"]) == "/assets/a.css")
    }

    @Test func testingAndPasswords() throws {
        let app = Self.quiet(App())
        app.config.secretKey = "k"
        app.post("/login") { req in
            req.session["user"] = .string(req.form["name"] ?? "")
            return redirect(to: "/me")
        }
        app.get("/me") { req in req.session["user"]?.text ?? "nobody" }
        app.post("/api") { req in try req.decode(Greeting.self).name }
        let client = app.makeTestClient()
        let response = try client.post("/login", form: [("name", "ada")], followRedirects: true)
        #expect(response.status.code == 200 && response.text == "ada")
        #expect(String(decoding: response.bodyBytes, as: UTF8.self) == "ada")
        #expect(client.cookies["session"] != nil)
        #expect(try app.test.post("/api", json: ["name": "ada"]).text == "ada")
        #expect(try app.test.post("/login", form: [("name", "x")]).headers["Location"] == "/me")
        let server = try app.start(port: 0)
        server.stop()

        let hash = try generatePasswordHash("pw", method: "pbkdf2:sha256:1000")
        #expect(try checkPasswordHash(hash, "pw"))
        #expect(SecureToken.hex().count == 64)
        #expect(!SecureToken.urlSafe().isEmpty)
    }
}
