import Foundation
import Testing

@testable import MicroFlask

extension Templates {
    /// Flask's template context (`request`, `session`, `g`, `config`, context processors),
    /// compared with Flask 3.1's output for the same app and requests.
    struct FlaskContextTests {
        /// The same template in a Flask app: a blueprint view `blog.create` on `/<int:id>/create`,
        /// a session set by `/login`, a cookie `c`, `g.who` set in `before_request`, and a context
        /// processor adding `extra`.
        static let template =
            "{{ request.method }}|{{ request.path }}|{{ request.full_path }}|{{ request.url }}|{{ request.base_url }}|"
            + "{{ request.url_root }}|{{ request.endpoint }}|{{ request.blueprint }}|{{ request.args.get('q') }}|"
            + "{{ request.args['q'] }}|{{ request.form['title'] }}|[{{ request.form['body'] }}]|"
            + "{% for k, v in request.form.items() %}{{k}}={{v}};{% endfor %}|{{ request.headers['X-Test'] }}|"
            + "{{ request.headers.get('x-test') }}|{{ request.cookies.get('c') }}|{{ session.get('user') }}|"
            + "{{ 'user' in session }}|{{ session['user'] }}|{{ g.who }}|{{ config['DEBUG'] }}|{{ config.SITE }}|"
            + "{{ request.mimetype }}|{{ request.content_length }}|{{ request.host }}|{{ request.scheme }}|"
            + "{{ request.is_secure }}|{{ request.remote_addr }}|{{ request }}|{{ extra }}|{{ request.form.missing }}|"
            + "{{ request.args|length }}"

        /// `flask.Flask.test_client()` output for `POST /3/create?q=a%20b&q=2` with the form
        /// `title=T<1>&z=last&a=first` and `X-Test: x1`.
        static let flaskOutput =
            "POST|/3/create|/3/create?q=a%20b&amp;q=2|http://localhost/3/create?q=a%20b&amp;q=2|http://localhost/3/create|"
            + "http://localhost/|blog.create|blog|a b|a b|T&lt;1&gt;|[]|title=T&lt;1&gt;;z=last;a=first;|x1|x1|"
            + "cookie-value|ada|True|ada|Ada &lt;3|False|Site|application/x-www-form-urlencoded|29|localhost|http|"
            + "False|127.0.0.1|&lt;Request &#39;http://localhost/3/create?q=a%20b&amp;q=2&#39; [POST]&gt;|"
            + "from processor||1"

        @Test func requestSessionGConfigAndProcessorsMatchFlask() throws {
            let app = App()
            app.config.secretKey = "k"
            app.config["SITE"] = "Site"
            let blog = Blueprint("blog")
            blog.post("/<int:id>/create", endpoint: "create") { _ in try app.renderString(Self.template) }
            app.register(blog)
            app.get("/login") { req in
                req.session["user"] = "ada"
                return "ok"
            }
            app.get("/cookie") { _ in
                var response = Response("ok")
                response.setCookie("c", "cookie-value")
                return response
            }
            app.beforeRequest { req in
                req.g["who"] = "Ada <3"
                return nil
            }
            app.contextProcessor { _ in ["extra": "from processor"] }
            let client = app.makeTestClient()
            _ = try client.get("/login")
            _ = try client.get("/cookie")
            let response = try client.post(
                "/3/create?q=a%20b&q=2", body: "title=T%3C1%3E&z=last&a=first",
                headers: ["Content-Type": "application/x-www-form-urlencoded", "X-Test": "x1"])
            #expect(response.text == Self.flaskOutput)
        }

        @Test func theExplicitContextWinsOverProcessorsWhichWinOverDefaults() throws {
            let app = App()
            app.contextProcessor { _ in ["a": "processor", "request": "replaced"] }
            app.get("/") { _ in try app.renderString("{{ a }}|{{ request }}|{{ b }}", ["a": "view", "b": "view"]) }
            #expect(try app.test.get("/").text == "view|replaced|view")
        }

        @Test func aMalformedFormIsAnsweredBeforeTheTemplateReadsIt() throws {
            // Werkzeug silently gives an empty form here (200 "POST" and "[]" with Flask 3.1);
            // MicroFlask parses form bodies before the view and answers a malformed one with a
            // 400 that says what is wrong (docs/FLASK_DIFFERENCES.md), so no template sees a
            // half-read form.
            let app = App()
            app.post("/") { _ in try app.renderString("{{ request.method }}") }
            app.post("/form") { _ in try app.renderString("[{{ request.form['x'] }}]") }
            let broken: Headers = ["Content-Type": "multipart/form-data; boundary=zz"]
            #expect(try app.test.post("/", body: "not multipart", headers: broken).status == .badRequest)
            #expect(try app.test.post("/form", body: "not multipart", headers: broken).status == .badRequest)
            let fine: Headers = ["Content-Type": "application/x-www-form-urlencoded"]
            #expect(try app.test.post("/form", body: "y=1", headers: fine).text == "[]")
        }

        @Test func aTemplateThatNeverReadsTheSessionLeavesItUnloaded() throws {
            let app = App()
            app.config.secretKey = "k"
            let loaded = Recorder<[Bool]>([])
            app.get("/plain") { req in
                let html = try app.renderString("{{ request.path }}")
                loaded.update { $0.append(req.loadedSession != nil) }
                return html
            }
            app.get("/reads") { req in
                let html = try app.renderString("{{ session.user|default('anonymous') }}")
                loaded.update { $0.append(req.loadedSession != nil) }
                return html
            }
            #expect(try app.test.get("/plain").text == "/plain")
            #expect(try app.test.get("/reads").text == "anonymous")
            #expect(loaded.value == [false, true])
        }

        @Test func flaskrsFormRefillShowsTheText() throws {
            // Flaskr's create.html refills the form after a failed validation.
            let app = App()
            app.post("/create") { _ in
                try app.renderString(
                    "<input name=title value=\"{{ request.form['title'] }}\"><textarea>{{ request.form['body'] }}</textarea>"
                )
            }
            let response = try app.test.post(
                "/create", body: "title=&body=kept+text", headers: ["Content-Type": "application/x-www-form-urlencoded"]
            )
            #expect(response.text == "<input name=title value=\"\"><textarea>kept text</textarea>")
        }

        @Test func outsideARequestOnlyConfigAndFunctionsAreThere() throws {
            let app = App()
            app.config.debug = true
            #expect(
                try app.renderString("{{ config.DEBUG }}|{{ request is defined }}|{{ session is defined }}")
                    == "True|False|False")
            #expect(throws: TemplateError.self) { try app.renderString("{{ request.path }}") }
        }

        @Test func gReadsEncodableAndDateValues() throws {
            struct User: Encodable, Sendable {
                let username: String
                let id: Int
            }
            let app = App()
            app.beforeRequest { req in
                req.g["user"] = User(username: "ada", id: 1)
                req.g["when"] = Date(timeIntervalSince1970: 0)
                return nil
            }
            app.get("/") { _ in
                try app.renderString(
                    "{{ g.user['username'] }}#{{ g.user.id }}|{{ g.when.strftime('%Y') }}|{{ g.nothing }}")
            }
            #expect(try app.test.get("/").text == "ada#1|1970|")
        }

        @Test func encodableContextsKeepDeclarationOrderAndDates() throws {
            struct Post: Encodable {
                let title: String
                let created: Date
                let author: String
            }
            let app = App()
            let post = Post(title: "Hello", created: Date(timeIntervalSince1970: 1_705_314_600), author: "ada")
            let html = try app.renderString(
                "{{ post['created'].strftime('%Y-%m-%d') }}|{{ post.created }}|{% for k in post %}{{ k }},{% endfor %}",
                ["post": try TemplateValue(encoding: post)])
            #expect(html == "2024-01-15|2024-01-15 10:30:00|title,created,author,")
        }
    }
}
