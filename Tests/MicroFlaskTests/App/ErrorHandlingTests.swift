import Testing

@testable import MicroFlask

private struct Boom: Error, CustomStringConvertible {
    var description: String { "boom-detail" }
}

private struct DatabaseDown: Error {
    let table: String
}

@Suite("Error pages and error handlers")
struct ErrorHandlingTests {
    @Test("abort(404) gives 404 and Flask's exact page")
    func abortNotFound() throws {
        let app = App()
        app.get("/x") { _ -> String in try abort(404) }
        let response = try app.test.get("/x")
        #expect(response.status == .notFound)
        #expect(response.text == FlaskPages.notFound)
        #expect(response.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(response.headers["Content-Length"] == "207")
    }

    @Test("a thrown HTTPError gives its status and page, escaping the standard description like Werkzeug")
    func httpErrorPages() throws {
        let app = App()
        app.get("/403") { _ -> String in throw HTTPError(.forbidden) }
        app.get("/411") { _ -> String in throw HTTPError(.lengthRequired) }
        let forbidden = try app.test.get("/403")
        #expect(forbidden.status == .forbidden)
        #expect(forbidden.text == FlaskPages.forbidden)
        let lengthRequired = try app.test.get("/411")
        #expect(lengthRequired.status == .lengthRequired)
        #expect(lengthRequired.text == FlaskPages.lengthRequired)
    }

    @Test("an abort message replaces the description and is HTML-escaped")
    func abortMessageEscaped() throws {
        let app = App()
        app.get("/m") { _ -> String in try abort(404, "a <b> & 'c'") }
        #expect(try app.test.get("/m").text == FlaskPages.notFoundWithMessage)
    }

    @Test("HTTPError headers reach the response")
    func httpErrorHeaders() throws {
        let app = App()
        app.get("/auth") { _ -> String in throw HTTPError(.unauthorized, headers: ["WWW-Authenticate": "Basic"]) }
        let response = try app.test.get("/auth")
        #expect(response.status == .unauthorized)
        #expect(response.headers["WWW-Authenticate"] == "Basic")
    }

    @Test("any other error is a 500 with Flask's page and no detail")
    func otherErrorIs500() throws {
        let app = App()
        let logged = Recorder<[String]>([])
        app.logger = Logger(write: { line in logged.update { $0.append(line) } })
        app.get("/e") { _ -> String in throw Boom() }
        let response = try app.test.get("/e")
        #expect(response.status == .internalServerError)
        #expect(response.text == FlaskPages.internalServerError)
        #expect(!response.text.contains("boom-detail"))
        #expect(logged.value.contains { $0.hasPrefix("error: Exception on GET /e") && $0.contains("boom-detail") })
    }

    @Test("debug mode adds the error's detail to the 500 page")
    func debugDetail() throws {
        let app = App()
        app.logger = Logger(write: { _ in })
        app.config.debug = true
        app.get("/e") { _ -> String in throw Boom() }
        let response = try app.test.get("/e")
        #expect(response.status == .internalServerError)
        #expect(response.text.contains("boom-detail"))
    }

    @Test("a client preferring JSON gets a JSON error body")
    func jsonErrorPage() throws {
        let app = App()
        app.get("/a") { _ in "a" }
        let response = try app.test.get("/missing", headers: ["Accept": "application/json"])
        #expect(response.status == .notFound)
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(
            response.text
                == #"{"code":404,"description":"The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.","name":"Not Found"}"#
        )
        let html = try app.test.get("/missing", headers: ["Accept": "text/html, application/json;q=0.9"])
        #expect(html.headers["Content-Type"] == "text/html; charset=utf-8")
        let json = try app.test.get("/missing", headers: ["Accept": "text/html;q=0.5, application/json"])
        #expect(json.headers["Content-Type"] == "application/json")
    }

    @Test("errorhandler(404) replaces the page and keeps 404")
    func statusHandler() throws {
        let app = App()
        app.errorhandler(404) { req, _ in "Nothing at \(req.path)" }
        let response = try app.test.get("/where")
        #expect(response.status == .notFound)
        #expect(response.text == "Nothing at /where")
    }

    @Test("errorhandler(500) catches errors that carry no status")
    func handler500CatchesPlainErrors() throws {
        let app = App()
        app.logger = Logger(write: { _ in })
        app.errorhandler(500) { _, error in "handled: \(error.message ?? "")" }
        app.get("/e") { _ -> String in throw Boom() }
        let response = try app.test.get("/e")
        #expect(response.status == .internalServerError)
        #expect(response.text == "handled: boom-detail")
    }

    @Test("errorhandler(Type.self) handles that error type with its status")
    func typeHandler() throws {
        let app = App()
        app.logger = Logger(write: { _ in })
        app.errorhandler(DatabaseDown.self) { _, error in ("down: \(error.table)", Status.serviceUnavailable) }
        app.get("/db") { _ -> String in throw DatabaseDown(table: "users") }
        app.get("/other") { _ -> String in throw Boom() }
        let response = try app.test.get("/db")
        #expect(response.status == .serviceUnavailable)
        #expect(response.text == "down: users")
        #expect(try app.test.get("/other").text == FlaskPages.internalServerError)
    }

    @Test("an error inside an error handler gives a plain 500")
    func failingHandler() throws {
        let app = App()
        app.logger = Logger(write: { _ in })
        app.errorhandler(404) { _, _ -> String in throw Boom() }
        let response = try app.test.get("/missing")
        #expect(response.status == .internalServerError)
        #expect(response.text == FlaskPages.internalServerError)
    }

    @Test("a 405 handler still sees the Allow header in the default page, and a handler can replace it")
    func methodNotAllowedHandler() throws {
        let app = App()
        app.get("/a") { _ in "a" }
        app.errorhandler(405) { _, error in "allowed: \(error.headers["Allow"] ?? "")" }
        let response = try app.test.post("/a", body: "x")
        #expect(response.status == .methodNotAllowed)
        #expect(response.text == "allowed: GET, HEAD, OPTIONS")
    }
}

@Suite("Request hooks")
struct HookTests {
    @Test("beforeRequest returning a response skips the view")
    func beforeRequestShortCircuit() throws {
        let app = App()
        let viewCalls = Recorder(0)
        app.beforeRequest { req in
            req.headers["X-Token"] == "ok" ? nil : Response.text("denied", status: .forbidden)
        }
        app.get("/secret") { _ in
            viewCalls.update { $0 += 1 }
            return "secret"
        }
        let denied = try app.test.get("/secret")
        #expect(denied.status == .forbidden)
        #expect(denied.text == "denied")
        #expect(viewCalls.value == 0)
        #expect(try app.test.get("/secret", headers: ["X-Token": "ok"]).text == "secret")
        #expect(viewCalls.value == 1)
    }

    @Test("beforeRequest sees the matched params and can pass storage to the view")
    func beforeRequestStorage() throws {
        let app = App()
        app.beforeRequest { req in
            req.g["user"] = "user-\(req.params["id"] ?? "?")"
            return nil
        }
        app.get("/u/<int:id>") { req in (req.g["user"] as String?) ?? "none" }
        #expect(try app.test.get("/u/5").text == "user-5")
    }

    @Test("afterRequest hooks change the response, the last registered running first")
    func afterRequestChangesResponse() throws {
        let app = App()
        app.afterRequest { _, response in
            var response = response
            response.headers.add("X-Order", "first-registered")
            return response
        }
        app.afterRequest { _, response in
            var response = response
            response.headers.add("X-Order", "second-registered")
            response.status = .accepted
            return response
        }
        app.get("/") { _ in "home" }
        let response = try app.test.get("/")
        #expect(response.status == .accepted)
        #expect(response.headers.values(for: "X-Order") == ["second-registered", "first-registered"])
        let missing = try app.test.get("/missing")
        #expect(missing.status == .accepted)
    }

    @Test("teardownRequest always runs, with the error only when nothing handled it (as in Flask)")
    func teardownAlwaysRuns() throws {
        let app = App()
        app.logger = Logger(write: { _ in })
        let seen = Recorder<[String]>([])
        app.teardownRequest { req, error in
            let what = error.map { "\(Dispatcher.status(of: $0).code)" } ?? "nil"
            seen.update { $0.append("\(req.path):\(what)") }
        }
        app.get("/ok") { _ in "ok" }
        app.get("/boom") { _ -> String in throw Boom() }
        _ = try app.test.get("/ok")
        _ = try app.test.get("/boom")
        _ = try app.test.get("/missing")
        // A 404 is an HTTP error the default page answers, so Flask passes None for it.
        #expect(seen.value == ["/ok:nil", "/boom:500", "/missing:nil"])
    }

    @Test("an error thrown by afterRequest becomes an error response and reaches teardown")
    func afterRequestError() throws {
        let app = App()
        app.logger = Logger(write: { _ in })
        let seen = Recorder<[Bool]>([])
        app.afterRequest { _, _ in throw Boom() }
        app.teardownRequest { _, error in seen.update { $0.append(error is Boom) } }
        app.get("/") { _ in "home" }
        let response = try app.test.get("/")
        #expect(response.status == .internalServerError)
        #expect(seen.value == [true])
    }
}
