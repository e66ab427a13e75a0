import Foundation
import Testing

@testable import MicroFlask

private struct User: Codable, Equatable {
    let id: Int
    let name: String
}

@Suite("Response conversion")
struct ResponseConversionTests {
    @Test("a String becomes text/html; charset=utf-8")
    func stringIsHTML() throws {
        let app = App()
        app.get("/") { _ in "<b>hi</b> \u{E9}" }
        let response = try app.test.get("/")
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(response.bodyBytes == Array("<b>hi</b> \u{E9}".utf8))
        #expect(response.headers["Content-Length"] == "12")
    }

    // Flask 3.1.3: `return b"bytes"` is sent as text/html; charset=utf-8, like a str.
    @Test("[UInt8] becomes text/html; charset=utf-8 (as Flask's bytes), not JSON")
    func bytesAreHTML() throws {
        let app = App()
        app.get("/bin") { _ in [UInt8]([0, 1, 2, 255]) }
        let response = try app.test.get("/bin")
        #expect(response.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(response.bodyBytes == [0, 1, 2, 255])
    }

    @Test("Data becomes text/html; charset=utf-8 (as Flask's bytes)")
    func dataIsHTML() throws {
        let app = App()
        app.get("/data") { _ in Data([9, 8]) }
        let response = try app.test.get("/data")
        #expect(response.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(response.bodyBytes == [9, 8])
    }

    @Test("an Encodable struct becomes application/json with its fields")
    func encodableIsJSON() throws {
        let app = App()
        app.get("/user") { _ in User(id: 1, name: "Ada") }
        let response = try app.test.get("/user")
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(try JSONDecoder().decode(User.self, from: Data(response.bodyBytes)) == User(id: 1, name: "Ada"))
    }

    @Test("config.jsonSortKeys gives byte-exact sorted JSON")
    func sortedJSON() throws {
        let app = App()
        app.config.jsonSortKeys = true
        app.get("/user") { _ in User(id: 1, name: "Ada") }
        app.get("/dict") { _ in ["b": 2, "a": 1, "c": 3] }
        #expect(try app.test.get("/user").text == #"{"id":1,"name":"Ada"}"#)
        #expect(try app.test.get("/dict").text == #"{"a":1,"b":2,"c":3}"#)
    }

    @Test("(body, Status) sets the status and keeps the body's content type")
    func bodyAndStatus() throws {
        let app = App()
        app.post("/users") { _ in ("Created", Status.created) }
        let response = try app.test.post("/users", body: "x")
        #expect(response.status == .created)
        #expect(response.text == "Created")
        #expect(response.headers["Content-Type"] == "text/html; charset=utf-8")
    }

    @Test("(body, Status, Headers) adds the headers and replaces same-named ones")
    func bodyStatusHeaders() throws {
        let app = App()
        app.post("/users") { _ in
            (Response.text("made"), Status.created, ["Location": "/users/7", "Content-Type": "text/x-made"] as Headers)
        }
        let response = try app.test.post("/users", body: "x")
        #expect(response.status == .created)
        #expect(response.headers["Location"] == "/users/7")
        #expect(response.headers.values(for: "Content-Type") == ["text/x-made"])
        #expect(response.text == "made")
    }

    @Test("Response.text is text/plain; charset=utf-8 with the given status")
    func responseText() throws {
        let app = App()
        app.get("/t") { _ in Response.text("plain", status: .accepted) }
        let response = try app.test.get("/t")
        #expect(response.status == .accepted)
        #expect(response.headers["Content-Type"] == "text/plain; charset=utf-8")
        #expect(response.text == "plain")
    }

    @Test("Response.json encodes with application/json")
    func responseJSON() throws {
        let response = try Response.json(["k": "v"], status: .created)
        #expect(response.status == .created)
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(response.text == #"{"k":"v"}"#)
    }

    @Test("a Status alone is its reason phrase as plain text")
    func statusAlone() throws {
        let app = App()
        app.get("/s") { _ in Status.accepted }
        let response = try app.test.get("/s")
        #expect(response.status == .accepted)
        #expect(response.text == "Accepted")
    }

    @Test("redirect(to:) is 302 with Location and Flask's body")
    func redirectResponse() throws {
        let app = App()
        app.get("/old") { _ in redirect(to: "/new?a=1&b=2") }
        let response = try app.test.get("/old")
        #expect(response.status == .found)
        #expect(response.headers["Location"] == "/new?a=1&b=2")
        #expect(
            response.text
                == "<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n"
                + "<p>You should be redirected automatically to the target URL: <a href=\"/new?a=1&amp;b=2\">/new?a=1&amp;b=2</a>. If not, click the link.\n"
        )
    }

    @Test("a 204 response has no Content-Length from the test client")
    func noContentHasNoLength() throws {
        let app = App()
        app.delete("/x") { _ in Response(status: .noContent) }
        let response = try app.test.delete("/x")
        #expect(response.status == .noContent)
        #expect(!response.headers.contains("Content-Length"))
    }
}

@Suite("makeResponse")
struct MakeResponseTests {
    @Test("makeResponse applies a status and headers to any view result")
    func makeResponseAppliesStatusAndHeaders() throws {
        let response = try makeResponse("<p>gone</p>", .gone, ["X-Reason": "moved away"])
        #expect(response.status == .gone)
        #expect(response.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(response.headers["X-Reason"] == "moved away")
        #expect(response.text == "<p>gone</p>")
        let plain = try makeResponse(Response.text("hi"))
        #expect(plain.status == .ok)
        #expect(plain.headers["Content-Type"] == "text/plain; charset=utf-8")
    }
}
