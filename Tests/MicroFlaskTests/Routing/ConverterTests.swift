import Foundation
import Testing

@testable import MicroFlask

/// An app with one GET route for `rule` that answers with the captured parameter `name`.
private func echoApp(_ rule: String, _ name: String) -> App {
    let app = App()
    app.get(rule) { req in "[\(req.params[name] ?? "<missing>")]" }
    return app
}

/// The status and body `path` gets from an echo app for `rule`.
private func fetch(_ rule: String, _ name: String, _ path: String) throws -> (Int, String) {
    let response = try echoApp(rule, name).test.get(path)
    return (response.status.code, response.text)
}

@Suite("Converters, through the test client")
struct ConverterRoutingTests {
    @Test("<name> takes one segment and never a slash")
    func defaultStringConverter() throws {
        #expect(try fetch("/hello/<name>", "name", "/hello/ada") == (200, "[ada]"))
        #expect(try fetch("/hello/<name>", "name", "/hello/a/b").0 == 404)
        #expect(try fetch("/hello/<name>", "name", "/hello/").0 == 404)
    }

    @Test(
        "string minlength/maxlength/length bound the segment length",
        arguments: [
            ("/s/<string(minlength=2,maxlength=3):x>", "/s/a", 404),
            ("/s/<string(minlength=2,maxlength=3):x>", "/s/ab", 200),
            ("/s/<string(minlength=2,maxlength=3):x>", "/s/abc", 200),
            ("/s/<string(minlength=2,maxlength=3):x>", "/s/abcd", 404),
            ("/s/<string(length=2):x>", "/s/a", 404),
            ("/s/<string(length=2):x>", "/s/ab", 200),
            ("/s/<string(length=2):x>", "/s/abc", 404),
        ])
    func stringLengthArguments(rule: String, path: String, status: Int) throws {
        #expect(try fetch(rule, "x", path).0 == status)
    }

    @Test(
        "int is unsigned digits by default, like Werkzeug",
        arguments: [
            ("/post/1", 200), ("/post/01", 200), ("/post/-1", 404), ("/post/+1", 404), ("/post/1.0", 404),
            ("/post/abc", 404), ("/post/1a", 404), ("/post/99999999999999999999999", 404),
        ])
    func intConverter(path: String, status: Int) throws {
        #expect(try fetch("/post/<int:id>", "id", path).0 == status)
    }

    @Test("int(signed=True) accepts a minus sign and the typed parameter is negative")
    func signedInt() throws {
        let app = App()
        app.get("/n/<int(signed=True):n>") { req in "\(try req.param("n") as Int)" }
        let response = try app.test.get("/n/-12")
        #expect(response.status == .ok)
        #expect(response.text == "-12")
        #expect(try app.test.get("/n/--1").status == .notFound)
    }

    @Test(
        "int min/max bound the value and fixed_digits the digit count",
        arguments: [
            ("/i/<int(min=1,max=10):n>", "/i/0", 404), ("/i/<int(min=1,max=10):n>", "/i/1", 200),
            ("/i/<int(min=1,max=10):n>", "/i/10", 200), ("/i/<int(min=1,max=10):n>", "/i/11", 404),
            ("/i/<int(fixed_digits=3):n>", "/i/7", 404), ("/i/<int(fixed_digits=3):n>", "/i/007", 200),
            ("/i/<int(fixed_digits=3):n>", "/i/1234", 404),
        ])
    func intArguments(rule: String, path: String, status: Int) throws {
        #expect(try fetch(rule, "n", path).0 == status)
    }

    @Test(
        "float needs digits on both sides of a dot, unsigned unless signed=True",
        arguments: [
            ("/f/<float:x>", "/f/1.5", 200), ("/f/<float:x>", "/f/1", 404), ("/f/<float:x>", "/f/.5", 404),
            ("/f/<float:x>", "/f/1.", 404), ("/f/<float:x>", "/f/-1.5", 404), ("/f/<float:x>", "/f/1e5", 404),
            ("/f/<float:x>", "/f/nan", 404), ("/f/<float(signed=True):x>", "/f/-1.5", 200),
            ("/f/<float(min=0.5,max=2.0):x>", "/f/0.4", 404), ("/f/<float(min=0.5,max=2.0):x>", "/f/2.0", 200),
        ])
    func floatConverter(rule: String, path: String, status: Int) throws {
        #expect(try fetch(rule, "x", path).0 == status)
    }

    @Test("a float parameter converts to Double")
    func floatParameterIsDouble() throws {
        let app = App()
        app.get("/f/<float:x>") { req in "\(try req.param("x") as Double * 2)" }
        #expect(try app.test.get("/f/1.25").text == "2.5")
    }

    @Test("path takes slashes, and /<path:p>/edit keeps the trailing literal")
    func pathConverter() throws {
        let app = App()
        app.get("/files/<path:p>") { req in "file:\(req.params["p"] ?? "")" }
        app.get("/files/<path:p>/edit") { req in "edit:\(req.params["p"] ?? "")" }
        #expect(try app.test.get("/files/a/b/c.txt").text == "file:a/b/c.txt")
        let edit = try app.test.get("/files/a/b/edit")
        #expect(edit.text == "edit:a/b")
        #expect(try app.test.get("/files/edit").text == "file:edit")
        #expect(try app.test.get("/files/").status == .notFound)
    }

    @Test("uuid takes the dashed form only and converts to UUID")
    func uuidConverter() throws {
        let app = App()
        app.get("/u/<uuid:u>") { req in (try req.param("u") as UUID).uuidString }
        let response = try app.test.get("/u/12345678-1234-5678-1234-567812345678")
        #expect(response.status == .ok)
        #expect(response.text == "12345678-1234-5678-1234-567812345678")
        #expect(try app.test.get("/u/12345678123456781234567812345678").status == .notFound)
        #expect(try app.test.get("/u/xyz").status == .notFound)
    }

    @Test("any(a,b) takes exactly one of its choices")
    func anyConverter() throws {
        #expect(try fetch("/<any(about,help):page>", "page", "/about") == (200, "[about]"))
        #expect(try fetch("/<any(about,help):page>", "page", "/help") == (200, "[help]"))
        #expect(try fetch("/<any(about,help):page>", "page", "/abouthelp").0 == 404)
        #expect(try fetch("/<any(about,help):page>", "page", "/contact").0 == 404)
    }

    @Test("a placeholder with literal text around it in one segment")
    func placeholderInsideSegment() throws {
        #expect(try fetch("/v<int:n>.json", "n", "/v12.json") == (200, "[12]"))
        #expect(try fetch("/v<int:n>.json", "n", "/vx.json").0 == 404)
    }
}

@Suite("Converters, directly")
struct ConverterTests {
    private func converter(_ kind: String, _ positional: [String] = [], _ named: [String: String] = [:]) throws
        -> Converter
    {
        try Converter(kind: kind, positional: positional, named: named)
    }

    @Test("weights order int/float before string/any/uuid before path")
    func weights() throws {
        #expect(try converter("int").weight < converter("string").weight)
        #expect(try converter("float").weight < converter("uuid").weight)
        #expect(try converter("string").weight == converter("any", ["a"]).weight)
        #expect(try converter("string").weight < converter("path").weight)
    }

    @Test("only path spans segments")
    func spansSegments() throws {
        #expect(try converter("path").spansSegments)
        #expect(try !converter("string").spansSegments)
        #expect(try !converter("int").spansSegments)
    }

    @Test("an unknown converter kind is an error naming it")
    func unknownKind() {
        #expect(throws: RoutePatternError.Reason.unknownConverter("hex")) { try converter("hex") }
    }

    @Test("any() without choices and non-numeric int arguments are bad arguments")
    func badArguments() {
        #expect(throws: RoutePatternError.Reason.self) { try converter("any") }
        #expect(throws: RoutePatternError.Reason.self) { try converter("int", [], ["min": "one"]) }
        #expect(throws: RoutePatternError.Reason.self) { try converter("float", [], ["max": "big"]) }
    }

    @Test("string positional arguments are minlength then maxlength")
    func stringPositional() throws {
        let c = try converter("string", ["2", "3"])
        #expect(!c.accepts("a"))
        #expect(c.accepts("ab"))
        #expect(c.accepts("abc"))
        #expect(!c.accepts("abcd"))
    }
}
