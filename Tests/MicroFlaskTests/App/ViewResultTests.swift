import Foundation
import Testing

@testable import MicroFlask

private struct Note: Encodable {
    let text: String
}

/// Views that return different kinds of result, the tuple forms, and `abort` (checked against
/// Flask 3.1.3 / Werkzeug 3.1.8 where Flask has the behaviour).
@Suite("View results")
struct ViewResultTests {
    @Test("one closure may return a redirect on one path and a String on another, unwrapped")
    func mixedResults() throws {
        let app = App()
        app.route("/login", methods: [.GET, .POST]) { req in
            if req.method == .POST { return redirect(to: "/done") }
            return try app.renderString("<p>{{ 1 + 1 }}</p>")
        }
        // The same with the String first, and through a method shortcut.
        app.get("/maybe") { req in
            if req.args["go"] == nil { return "<p>stay</p>" }
            return redirect(to: "/gone")
        }
        app.post("/form") { req in
            if req.body.isEmpty { return Status.badRequest }
            return Response.text("ok")
        }
        let page = try app.test.get("/login")
        #expect(page.status == .ok)
        #expect(page.text == "<p>2</p>")
        #expect(page.headers["Content-Type"] == "text/html; charset=utf-8")
        let moved = try app.test.post("/login", body: "x")
        #expect(moved.status == .found)
        #expect(moved.headers["Location"] == "/done")
        #expect(try app.test.get("/maybe").text == "<p>stay</p>")
        #expect(try app.test.get("/maybe?go=1").headers["Location"] == "/gone")
        #expect(try app.test.post("/form", body: "").status == .badRequest)
        #expect(try app.test.post("/form", body: "x").text == "ok")
    }

    /// Flaskr's `auth.register` view (flask/examples/tutorial/flaskr/auth.py), written as its
    /// Python reads: a redirect on success, the page again (with a flashed error) otherwise.
    @Test("Flaskr's register view ports without wrapping")
    func flaskrRegister() throws {
        let app = App()
        app.config.secretKey = "dev"
        let users = Recorder<[String]>([])
        let auth = Blueprint("auth", urlPrefix: "/auth")
        auth.route("/register", methods: [.GET, .POST]) { req in
            if req.method == .POST {
                // Flaskr reads the form; the query keeps this test about results.
                let username = req.args["username"] ?? ""
                var error: String?
                if username.isEmpty {
                    error = "Username is required."
                } else if users.value.contains(username) {
                    error = "User \(username) is already registered."
                }
                if error == nil {
                    users.update { $0.append(username) }
                    return redirect(to: try app.urlFor(".login"))
                }
                req.flash(error ?? "")
            }
            return try app.renderString(
                "{% for m in get_flashed_messages() %}<p>{{ m }}</p>{% endfor %}<form action=\"{{ url_for('.register') }}\">"
            )
        }
        auth.route("/login", methods: [.GET, .POST]) { _ in "login page" }
        app.register(auth)
        let made = try app.test.post("/auth/register?username=ada", body: "")
        #expect(made.status == .found)
        #expect(made.headers["Location"] == "/auth/login")
        let again = try app.test.post("/auth/register?username=ada", body: "")
        #expect(again.status == .ok)
        #expect(again.text == "<p>User ada is already registered.</p><form action=\"/auth/register\">")
    }

    @Test("an async closure may return different kinds of result too")
    func mixedAsyncResults() throws {
        let app = App()
        app.get("/a") { req async throws in
            await Task.yield()
            if req.args["r"] != nil { return redirect(to: "/b") }
            return "async page"
        }
        #expect(try app.test.get("/a").text == "async page")
        #expect(try app.test.get("/a?r=1").status == .found)
    }

    @Test("single-type closures keep their overloads: String, Encodable, tuples")
    func singleTypeInference() throws {
        let app = App()
        app.get("/s") { _ in "text" }
        app.get("/j") { _ in Note(text: "hi") }
        app.get("/t") { _ in ("made", Status.created) }
        let json = try app.test.get("/j")
        #expect(json.headers["Content-Type"] == "application/json")
        #expect(json.text == #"{"text":"hi"}"#)
        #expect(try app.test.get("/t").status == .created)
    }

    // Flask 3.1.3: `return "body", {"X-A": "1"}` is 200 with X-A and text/html.
    @Test("(body, Headers) adds the headers with status 200")
    func bodyAndHeaders() throws {
        let app = App()
        app.get("/h") { _ in ("body", ["X-A": "1"] as Headers) }
        app.put("/h2") { _ in ("<p>x</p>", ["Content-Type": "text/plain"] as Headers) }
        app.get("/h3") { _ in ("no annotation", ["X-B": "2"]) }
        let response = try app.test.get("/h")
        #expect(response.status == .ok)
        #expect(response.headers["X-A"] == "1")
        #expect(response.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(response.text == "body")
        #expect(try app.test.get("/h3").headers["X-B"] == "2")
        let replaced = try app.test.put("/h2", body: Array("x".utf8))
        #expect(replaced.headers.values(for: "Content-Type") == ["text/plain"])
    }

    // Flask 3.1.3: `return "x", 201, Headers([("Set-Cookie", "a=1"), ("Set-Cookie", "b=2"),
    // ("Content-Type", "text/plain")])` sends both cookies and replaces the Content-Type.
    @Test("tuple headers keep repeated fields: two Set-Cookie stay two")
    func repeatedTupleHeaders() throws {
        let app = App()
        app.get("/c") { _ in
            (
                "x", Status.created,
                ["Set-Cookie": "a=1", "Set-Cookie": "b=2", "Content-Type": "text/plain"] as Headers
            )
        }
        app.get("/d") { _ in
            var response = Response("y")
            response.setCookie("first", "0")
            return (response, ["Set-Cookie": "a=1; Path=/", "Set-Cookie": "b=2; Path=/"] as Headers)
        }
        let response = try app.test.get("/c")
        #expect(response.status == .created)
        #expect(response.headers.values(for: "Set-Cookie") == ["a=1", "b=2"])
        #expect(response.headers.values(for: "Content-Type") == ["text/plain"])
        // A tuple's Set-Cookie lines replace the body's, as Werkzeug's Headers.update does.
        #expect(try app.test.get("/d").headers.values(for: "Set-Cookie") == ["a=1; Path=/", "b=2; Path=/"])
    }

    @Test("Response(headers:) and makeResponse keep repeated fields")
    func responseConstructionKeepsRepeats() throws {
        let direct = Response(headers: ["Set-Cookie": "a=1", "Set-Cookie": "b=2"], body: [])
        #expect(direct.headers.values(for: "Set-Cookie") == ["a=1", "b=2"])
        let made = try makeResponse("x", .ok, ["Set-Cookie": "a=1", "Set-Cookie": "b=2"])
        #expect(made.headers.values(for: "Set-Cookie") == ["a=1", "b=2"])
        #expect(made.headers["Content-Type"] == "text/html; charset=utf-8")
    }

    // Flask 3.1.3: abort(299) raises LookupError("no exception for 299"), answered as a 500 page.
    @Test("abort with a status that is not an error is a 500, as in Flask", arguments: [299, 200, 302, 600])
    func abortNonError(code: Int) throws {
        let app = App()
        app.logger = Logger(level: .error, write: { _ in })
        app.get("/x") { _ -> String in try abort(Status(code)) }
        let response = try app.test.get("/x")
        #expect(response.status == .internalServerError)
        #expect(response.text == FlaskPages.internalServerError)
        #expect(throws: AbortStatusError.self) { try abort(Status(code)) }
    }

    @Test("abort with an error status is that status")
    func abortError() throws {
        let app = App()
        // A view that only aborts needs no result type (its result is Never).
        app.get("/x") { _ in try abort(418) }
        let response = try app.test.get("/x")
        #expect(response.status.code == 418)
        // Flask 3.1.3's page for abort(418), byte for byte.
        #expect(
            response.text
                == "<!doctype html>\n<html lang=en>\n<title>418 I&#39;m a teapot</title>\n<h1>I&#39;m a teapot</h1>\n"
                + "<p>This server is a teapot, not a coffee machine</p>\n")
        #expect(response.status.reasonPhrase == "I'm a teapot")
    }

    // Flask 3.1.3's page for abort(413) uses Werkzeug's name, not RFC 9110's "Content Too Large".
    @Test("error pages carry Werkzeug's status names")
    func errorPageNames() throws {
        let app = App()
        app.get("/big") { _ -> String in try abort(413) }
        let response = try app.test.get("/big")
        #expect(response.status.reasonPhrase == "Content Too Large")
        #expect(
            response.text
                == "<!doctype html>\n<html lang=en>\n<title>413 Request Entity Too Large</title>\n"
                + "<h1>Request Entity Too Large</h1>\n<p>The data value transmitted exceeds the capacity limit.</p>\n")
    }
}
