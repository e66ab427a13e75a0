import Testing

@testable import MicroFlask

/// The test client frames responses through the codec, so `app.test` answers as the wire does.
@Suite("TestClient framing")
struct TestClientFramingTests {
    private func app() -> App {
        let app = App(name: "framing")
        app.logger = Logger(write: { _ in })
        app.get("/inject") { _ in
            var response = Response.text("should not be sent")
            response.headers["X-Evil"] = "a\r\nInjected: yes"
            return response
        }
        app.get("/text") { _ in "hello" }
        app.get("/stream") { _ in Response(stream: { write in try write("a") }) }
        return app
    }

    @Test("a header value with CR/LF gives the same 500 as on the wire")
    func injectedHeaderIs500() throws {
        let response = try app().test.get("/inject")
        #expect(response.status == .internalServerError)
        #expect(response.headers["X-Evil"] == nil)
        #expect(!response.text.contains("should not be sent"))
        #expect(response.headers["Content-Length"] == "\(response.bodyBytes.count)")
    }

    @Test("framing headers are the wire's: a length, chunked for streams, no body for HEAD")
    func framingHeaders() throws {
        let client = app().test
        #expect(try client.get("/text").headers["Content-Length"] == "5")
        let streamed = try client.get("/stream")
        #expect(streamed.headers["Transfer-Encoding"] == "chunked" && streamed.text == "a")
        let head = try client.head("/text")
        #expect(head.headers["Content-Length"] == "5" && head.bodyBytes.isEmpty)
    }
}
