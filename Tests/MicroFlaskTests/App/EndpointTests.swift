import Foundation
import Testing

@testable import MicroFlask

/// Endpoint names, several rules per endpoint, `addURLRule` and relative names; Flask's answers
/// were checked with Flask 3.1.3 (python3, the test client).
@Suite("Endpoints")
struct EndpointTests {
    @Test(
        "derived names read like Flask's view names",
        arguments: [
            ("/", "index"), ("/create", "create"), ("/<int:id>/update", "update"), ("/<int:id>/delete", "delete"),
            ("/users/<id>/edit", "users_edit"), ("/users/<int:id>", "users_id"), ("/<name>", "name"),
            ("/a/<x>/b/<y>", "a_b_y"), ("/files/<any(a,b):kind>/<path:rest>", "files_kind_rest"),
            ("/register/", "register"),
        ])
    func derivedNames(rule: String, endpoint: String) {
        #expect(App.derivedEndpoint(rule) == endpoint)
    }

    /// Flaskr's blog blueprint: `/<int:id>/update` is `blog.update`, and the app's `/` is `index`
    /// through `app.add_url_rule("/", endpoint="index")` (Flask: url_for('index') == '/').
    @Test("Flaskr's endpoints: blog.index, blog.update and the index alias")
    func flaskrEndpoints() throws {
        let app = App()
        let blog = Blueprint("blog")
        blog.get("/") { _ in "the blog" }
        blog.route("/create", methods: [.GET, .POST]) { _ in "create" }
        blog.route("/<int:id>/update", methods: [.GET, .POST]) { _ in "update" }
        blog.post("/<int:id>/delete") { _ in redirect(to: "/") }
        app.register(blog)
        app.addURLRule("/", endpoint: "index")
        #expect(try app.urlFor("index") == "/")
        #expect(try app.urlFor("blog.index") == "/")
        #expect(try app.urlFor("blog.create") == "/create")
        #expect(try app.urlFor("blog.update", ["id": 3]) == "/3/update")
        #expect(try app.urlFor("blog.delete", ["id": 3]) == "/3/delete")
        // The rule without a view never takes the request: `/` is the blog's.
        let page = try app.test.get("/")
        #expect(page.text == "the blog")
    }

    @Test("a rule without a view takes the view of its endpoint")
    func aliasTakesTheView() throws {
        let app = App()
        let blog = Blueprint("blog", urlPrefix: "/blog")
        let seen = Recorder<[String]>([])
        blog.beforeRequest { req in
            seen.update { $0.append(req.endpoint ?? "none") }
            return nil
        }
        blog.get("/") { _ in "posts" }
        app.register(blog)
        app.addURLRule("/home", endpoint: "blog.index")
        // A rule without a view whose endpoint has none is for building URLs only.
        app.addURLRule("/nowhere", endpoint: "nothing")
        #expect(try app.test.get("/home").text == "posts")
        // The blueprint's hooks run for it: the request is the blueprint's endpoint.
        #expect(seen.value == ["blog.index"])
        // The view's own rule comes first when building.
        #expect(try app.urlFor("blog.index") == "/blog/")
        #expect(try app.urlFor("nothing") == "/nowhere")
        #expect(try app.test.get("/nowhere").status == .notFound)
    }

    @Test("addURLRule with a view: one view under several rules")
    func addURLRuleWithView() throws {
        let app = App()
        let show: View = { req in "page \(req.params["n"] ?? "1")" }
        app.addURLRule("/page/", endpoint: "page", view: show)
        app.addURLRule("/page/<int:n>", endpoint: "page", view: show)
        app.addURLRule("/about", view: { _ in "about" })
        #expect(try app.test.get("/page/").text == "page 1")
        #expect(try app.test.get("/page/4").text == "page 4")
        #expect(try app.test.get("/about").text == "about")
        // Werkzeug tries the rule with more placeholders first: page(n=2) is /page/2, page() is /page/.
        #expect(try app.urlFor("page", ["n": 2]) == "/page/2")
        #expect(try app.urlFor("page") == "/page/")
        #expect(try app.urlFor("about") == "/about")
    }

    @Test("a blueprint's rule without a view is relative to the blueprint")
    func blueprintAlias() throws {
        let app = App()
        let docs = Blueprint("docs", urlPrefix: "/docs")
        docs.get("/", endpoint: "home") { _ in "docs home" }
        docs.addURLRule("/start", endpoint: "home")
        docs.addURLRule("/pdf", endpoint: "pdf")
        app.register(docs)
        #expect(try app.test.get("/docs/start").text == "docs home")
        #expect(try app.urlFor("docs.home") == "/docs/")
        #expect(try app.urlFor("docs.pdf") == "/docs/pdf")
    }

    @Test("several routes may share an endpoint they all name")
    func explicitSharing() throws {
        let app = App()
        app.get("/", endpoint: "home") { _ in "home" }
        app.get("/index.html", endpoint: "home") { _ in "home" }
        #expect(try app.test.get("/index.html").text == "home")
        #expect(try app.urlFor("home") == "/")
    }

    @Test("derived names that collide are an error at freeze naming both places")
    func derivedCollision() throws {
        let app = App()
        let blog = Blueprint("blog")
        blog.get("/posts/<int:id>/edit") { _ in "a" }
        blog.get("/posts/edit") { _ in "b" }
        app.register(blog)
        app.get("/x", endpoint: "x") { _ in "x" }
        app.get("/y/x") { _ in "derived y_x, fine" }
        app.get("/z", endpoint: "y_x") { _ in "explicit meets derived" }
        let error = try #require(throws: AppSetupError.self) { try app.freeze() }
        #expect(error.problems.count == 2)
        #expect(
            error.problems.contains {
                $0.hasPrefix("MicroFlaskTests/EndpointTests.swift:")
                    && $0.contains(
                        "endpoint 'blog.posts_edit' of '/posts/edit' is already the endpoint of '/posts/<int:id>/edit' at MicroFlaskTests/EndpointTests.swift:"
                    )
                    && $0.contains("derived from '/posts/edit'")
            })
        #expect(error.problems.contains { $0.contains("endpoint 'y_x' of '/z'") && $0.contains("derived from '/y/x'") })
    }

    @Test("routes --check reports a bad rule of a rule without a view")
    func badAliasRule() throws {
        let app = App()
        app.addURLRule("/a/<b", endpoint: "a")
        let error = try #require(throws: AppSetupError.self) { try app.freeze() }
        #expect(error.problems.count == 1)
        #expect(error.problems[0].contains("EndpointTests.swift:") && error.problems[0].contains("'/a/<b'"))
    }

    // Flask 3.1.3: in a view of blueprint "auth", url_for('.login') is /auth/login and
    // url_for('.register') /auth/register; outside blueprints '.page' is 'page'.
    @Test("a leading dot names an endpoint of the current request's blueprint")
    func relativeEndpoints() throws {
        let app = App()
        let auth = Blueprint("auth", urlPrefix: "/auth")
        auth.get("/login") { _ in
            "\(try app.urlFor(".login")) \(try app.urlFor(".register")) \(try app.urlFor("index"))"
        }
        auth.get("/register") { _ in "r" }
        let admin = Blueprint("admin", urlPrefix: "/admin")
        admin.get("/") { _ in try app.renderString("{{ url_for('.index') }}") }
        auth.register(admin)
        app.register(auth)
        app.get("/") { _ in try app.urlFor(".index") }
        #expect(try app.test.get("/auth/login").text == "/auth/login /auth/register /")
        #expect(try app.test.get("/").text == "/")
        // Outside a request a relative name is relative to the app, or to the blueprint given.
        #expect(try app.urlFor(".login", relativeTo: "auth") == "/auth/login")
        #expect(try app.urlFor(".index") == "/")
        #expect(try app.urlFor(".index", relativeTo: "auth.admin") == "/auth/admin/")
        let error = try #require(throws: URLBuildError.self) { try app.urlFor(".nope", relativeTo: "auth") }
        #expect(error.message.contains("no endpoint named 'auth.nope' ('.nope' relative to the current blueprint)"))
    }
}

@Suite("urlFor options")
struct URLForOptionTests {
    private static func app() -> App {
        let app = App()
        app.get("/page/<int:n>", endpoint: "page") { _ in "p" }
        app.get("/", endpoint: "index") { _ in "i" }
        return app
    }

    // Flask 3.1.3: url_for("page", tag=["a", "b"], z=1, a=2) is /page/?tag=a&tag=b&z=1&a=2.
    @Test("query values keep the order written and lists repeat their key")
    func orderAndLists() throws {
        let app = URLForOptionTests.app()
        let url = try app.urlFor("page", [("n", 1), ("tag", ["a", "b"]), ("z", 1), ("a", 2)])
        #expect(url == "/page/1?tag=a&tag=b&z=1&a=2")
        let pairs: KeyValuePairs<String, URLValue> = ["z": 1, "a": "x y"]
        #expect(try app.urlFor("index", pairs) == "/?z=1&a=x+y")
        // A dictionary has no order: its keys are sorted, and a list still repeats its key.
        #expect(try app.urlFor("index", ["z": 1, "a": 2, "m": ["x", "y"]]) == "/?a=2&m=x&m=y&z=1")
    }

    // Flask 3.1.3: url_for("page", n=2, _anchor="a b#c/ü") is /page/2#a%20b#c/%C3%BC.
    @Test("anchor is quoted as Flask quotes _anchor")
    func anchor() throws {
        let app = URLForOptionTests.app()
        #expect(try app.urlFor("page", ["n": 2], anchor: "a b#c/\u{FC}") == "/page/2#a%20b#c/%C3%BC")
    }

    // Flask 3.1.3 with Host: example.com:8080: url_for("page", _external=True) is
    // http://example.com:8080/page/, and _scheme="https" alone gives https://example.com:8080/page/.
    @Test("external URLs take the request's host and scheme")
    func externalInRequest() throws {
        let app = URLForOptionTests.app()
        app.get("/ext") { _ in
            [
                try app.urlFor("page", ["n": 1], external: true),
                try app.urlFor("page", ["n": 1], scheme: "https"),
                try app.urlFor("index", keywords: [("_external", true), ("q", "1"), ("_anchor", "top")]),
            ].joined(separator: "|")
        }
        let response = try app.test.get("/ext", headers: ["Host": "example.com:8080"])
        #expect(
            response.text
                == "http://example.com:8080/page/1|https://example.com:8080/page/1|http://example.com:8080/?q=1#top")
    }

    @Test("external URLs outside a request need config.externalHost")
    func externalOutsideRequest() throws {
        let app = URLForOptionTests.app()
        let error = try #require(throws: URLBuildError.self) { try app.urlFor("index", external: true) }
        #expect(error.message.contains("config.externalHost"))
        let configured = URLForOptionTests.app()
        configured.config.externalHost = "example.com"
        configured.config.preferredURLScheme = "https"
        #expect(try configured.urlFor("page", ["n": 3], external: true) == "https://example.com/page/3")
    }

    // Flask 3.1.3: url_for("page", _scheme="https", _external=False) raises ValueError.
    @Test("a scheme with external: false is an error")
    func schemeNeedsExternal() throws {
        let app = URLForOptionTests.app()
        #expect(throws: URLBuildError.self) { try app.urlFor("index", external: false, scheme: "https") }
    }

    @Test("a value that fits no rule names the rule")
    func unfit() throws {
        let app = URLForOptionTests.app()
        let error = try #require(throws: URLBuildError.self) { try app.urlFor("page", ["n": "x"]) }
        #expect(error.message.contains("'x' does not fit <int:n>"))
        let missing = try #require(throws: URLBuildError.self) { try app.urlFor("page") }
        #expect(missing.message.contains("needs a value for 'n'"))
    }
}
