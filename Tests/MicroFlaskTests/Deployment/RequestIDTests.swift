import Testing

@testable import MicroFlask

@Suite("Request ids")
struct RequestIDTests {
    private func app(logged: Recorder<[String]>? = nil) -> App {
        let app = App()
        app.logger = Logger(write: { line in logged?.update { $0.append(line) } })
        app.get("/id") { req in req.requestID }
        app.get("/boom") { _ -> String in throw RequestIDTestFailure() }
        return app
    }

    @Test("an id is made only when used: a request nothing logs gets none, one a view reads gets it echoed")
    func madeOnlyWhenUsed() throws {
        let app = app()
        app.get("/plain") { _ in "plain" }
        #expect(try app.test.get("/plain").headers["X-Request-ID"] == nil)
        let used = try app.test.get("/id")
        #expect(used.headers["X-Request-ID"] == used.text)
        #expect(try app.test.get("/plain", headers: ["X-Request-ID": "abc"]).headers["X-Request-ID"] == "abc")
    }

    @Test("generated ids share the process's prefix and count up in hex")
    func generated() throws {
        let first = RequestID.next()
        let second = RequestID.next()
        let (prefixA, counterA) = (first.prefix(13), UInt64(first.dropFirst(13), radix: 16))
        let (prefixB, counterB) = (second.prefix(13), UInt64(second.dropFirst(13), radix: 16))
        #expect(prefixA == prefixB && prefixA.hasSuffix("-"))
        let a = try #require(counterA)
        let b = try #require(counterB)
        #expect(b > a)  // other tests may take ids in between
        #expect(String(a, radix: 16) == String(first.dropFirst(13)))
    }

    @Test("a sane X-Request-ID from the client is used, given to the view and echoed")
    func honoured() throws {
        let response = try app().test.get("/id", headers: ["X-Request-ID": "7f1c0de2-aa01/b@x.y:1=+_"])
        #expect(response.text == "7f1c0de2-aa01/b@x.y:1=+_")
        #expect(response.headers["X-Request-ID"] == "7f1c0de2-aa01/b@x.y:1=+_")
    }

    @Test(
        "an id that is not a sane token is replaced, never echoed",
        arguments: [
            "", "a b", "a\"b", "a,b", "<script>", String(repeating: "x", count: 129), "é",
        ])
    func replaced(_ sent: String) throws {
        let response = try app().test.get("/id", headers: ["X-Request-ID": sent])
        #expect(response.text != sent)
        #expect(response.text.range(of: #"^[0-9a-f]{12}-[0-9a-f]+$"#, options: .regularExpression) != nil)
        #expect(response.headers["X-Request-ID"] == response.text)
    }

    @Test("made ids differ from request to request")
    func unique() throws {
        let app = app()
        let ids = try (0..<50).map { _ in try app.test.get("/id").text }
        #expect(Set(ids).count == 50)
    }

    @Test("a view's own X-Request-ID is kept; config.requestIDHeader nil sends none")
    func configurable() throws {
        let own = App()
        own.get("/") { _ in Response(headers: ["X-Request-ID": "mine"], body: []) }
        #expect(try own.test.get("/", headers: ["X-Request-ID": "theirs"]).headers["X-Request-ID"] == "mine")
        let off = app()
        off.config.requestIDHeader = nil
        let response = try off.test.get("/id", headers: ["X-Request-ID": "abc"])
        #expect(response.headers["X-Request-ID"] == nil)
        #expect(response.text != "abc" && !response.text.isEmpty)
    }

    @Test("an error line names the request line and its id")
    func errorLines() throws {
        let logged = Recorder<[String]>([])
        let response = try app(logged: logged).test.get("/boom?q=1", headers: ["X-Request-ID": "req-42"])
        #expect(response.status == .internalServerError)
        #expect(
            logged.value.contains {
                $0.hasPrefix("error: Exception on GET /boom") && $0.contains("\"GET /boom?q=1 HTTP/1.1\"")
                    && $0.contains("id req-42")
            }, "\(logged.value)")
    }

    @Test("the id is read from raw header bytes without building the headers")
    func rawHeaderScan() {
        let raw = Array("Host: x\r\nx-request-id:  abc \r\nX-Other: 1\r\n\r\n".utf8)
        let head = RequestHead(method: .GET, target: "/", version: .http1_1, rawHeaders: raw)
        let request = HTTPRequest(head: head, content: RequestBody(), remoteAddress: "127.0.0.1")
        #expect(request.firstFieldValue("X-Request-ID") == "abc")
        #expect(request.firstFieldValue("X-Request") == nil)
        #expect(request.firstFieldValue("Missing") == nil)
        #expect(request.parsedHeaders == nil)
        #expect(request.headers["X-Other"] == "1")
        #expect(request.firstFieldValue("x-other") == "1")
    }

    @Test("a field whose first letter no field of the head has is absent without a scan")
    func fieldInitials() throws {
        func parsed(_ head: String) throws -> HTTPRequest {
            let parsed = try Array(head.utf8).withUnsafeBufferPointer {
                try RequestParser.parseHead($0, limits: HTTPLimits()).get()
            }
            return HTTPRequest(head: parsed, content: RequestBody(), remoteAddress: "127.0.0.1")
        }
        let plain = try parsed("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(plain.firstFieldValue("X-Request-ID") == nil)
        #expect(plain.firstFieldValue("host") == "x")
        let tagged = try parsed("GET / HTTP/1.1\r\nhost: x\r\nx-request-id: r1\r\n9x: 1\r\n\r\n")
        #expect(tagged.firstFieldValue("X-Request-ID") == "r1")
        #expect(tagged.firstFieldValue("9X") == "1")
        #expect(tagged.firstFieldValue("Referer") == nil)
        #expect(RequestHead.initialBit(UInt8(ascii: "X")) == RequestHead.initialBit(UInt8(ascii: "x")))
        #expect(RequestHead.initialBit(UInt8(ascii: "9")) == RequestHead.initialBit(UInt8(ascii: "-")))
    }
}

private struct RequestIDTestFailure: Error {}
