import Testing

@testable import MicroFlask

@Suite("Headers")
struct HeadersTests {
    @Test("names are case-insensitive for get, contains and remove")
    func caseInsensitive() {
        var headers: Headers = ["Content-Type": "text/plain"]
        #expect(headers["content-type"] == "text/plain")
        #expect(headers["CONTENT-TYPE"] == "text/plain")
        #expect(headers.contains("cOnTeNt-TyPe"))
        #expect(headers["Content-Typf"] == nil)
        headers.remove("CONTENT-type")
        #expect(headers.isEmpty)
    }

    @Test("case folding is only for letters: '-' and '\\r' are not equal")
    func foldingOnlyLetters() {
        // '-' (0x2D) | 0x20 == 0x2D and '\r' (0x0D) | 0x20 == 0x2D: they must still differ.
        let headers: Headers = ["A-B": "1"]
        #expect(headers["A\rB"] == nil)
        #expect(headers["a-b"] == "1")
        #expect(!Headers.equalNames("@", "`"))
        #expect(!Headers.equalNames("[", "{"))
    }

    @Test("add keeps every value, in order")
    func multiValued() {
        var headers = Headers()
        headers.add("Set-Cookie", "a=1")
        headers.add("X-Other", "o")
        headers.add("set-cookie", "b=2")
        #expect(headers.values(for: "SET-COOKIE") == ["a=1", "b=2"])
        #expect(headers["Set-Cookie"] == "a=1")
        #expect(headers.count == 3)
    }

    @Test("setting replaces every field of that name, in the first one's place")
    func setReplacesAll() {
        var headers = Headers([("A", "1"), ("B", "2"), ("a", "3"), ("C", "4")])
        headers["A"] = "new"
        #expect(headers.map(\.name) == ["A", "B", "C"])
        #expect(headers.values(for: "a") == ["new"])
        headers["D"] = "appended"
        #expect(headers.map(\.name) == ["A", "B", "C", "D"])
        headers["b"] = nil
        #expect(!headers.contains("B"))
        #expect(headers.count == 3)
    }

    // Werkzeug 3.1.8: a request sent by the test client with `X-A: 1` and `X-A: 2` reads
    // `request.headers["X-A"] == "1, 2"` (EnvironBuilder joins repeated fields with ", ").
    @Test("a repeated field reads joined with ', ', except Set-Cookie")
    func repeatedFieldsJoin() {
        let headers = Headers([
            ("X-A", "1"), ("Accept", "text/html"), ("x-a", "2"), ("Set-Cookie", "a=1; Expires=Thu, 01 Jan 1970"),
            ("X-A", "3"), ("set-cookie", "b=2"),
        ])
        #expect(headers["X-A"] == "1, 2, 3")
        #expect(headers["Accept"] == "text/html")
        #expect(headers["Set-Cookie"] == "a=1; Expires=Thu, 01 Jan 1970")
        #expect(headers["SET-COOKIE"] == "a=1; Expires=Thu, 01 Jan 1970")
        #expect(headers.values(for: "Set-Cookie") == ["a=1; Expires=Thu, 01 Jan 1970", "b=2"])
        #expect(headers["Missing"] == nil)
    }

    @Test("a request's repeated header reaches the view joined")
    func requestHeadersJoin() throws {
        let app = App()
        app.get("/h") { req in req.headers["X-Tag"] ?? "none" }
        let response = try app.test.get("/h", headers: Headers([("X-Tag", "a"), ("X-Tag", "b")]))
        #expect(response.text == "a, b")
    }

    // Werkzeug's Headers.update with a Headers value: every name given replaces the old fields
    // of that name, and all its repeated fields are kept (Flask applies a view's tuple headers so).
    @Test("update replaces the names it has and keeps its repeats")
    func update() {
        var headers = Headers([("Content-Type", "text/html"), ("X-Keep", "k"), ("Set-Cookie", "old=1")])
        headers.update(Headers([("Set-Cookie", "a=1"), ("content-type", "text/plain"), ("Set-Cookie", "b=2")]))
        #expect(
            headers.map { "\($0.name)=\($0.value)" } == [
                "X-Keep=k", "Set-Cookie=a=1", "content-type=text/plain", "Set-Cookie=b=2",
            ])
        headers.update(Headers())
        #expect(headers.count == 4)
    }

    @Test("iteration keeps insertion order and original name spelling")
    func ordered() {
        let headers: Headers = ["Z": "1", "a": "2", "M": "3"]
        #expect(headers.map { "\($0.name)=\($0.value)" } == ["Z=1", "a=2", "M=3"])
        #expect(headers.description == "Z: 1\na: 2\nM: 3")
    }
}

@Suite("MultiDict")
struct MultiDictTests {
    @Test("the subscript gives the first value, getAll every value in order")
    func firstAndAll() {
        var dict: MultiDict = ["tag": "a", "q": "x"]
        dict.add("tag", "b")
        #expect(dict["tag"] == "a")
        #expect(dict.getAll("tag") == ["a", "b"])
        #expect(dict.getAll("none").isEmpty)
        #expect(dict["none"] == nil)
        #expect(dict.count == 3)
    }

    @Test("keys are distinct, in first-seen order; keys are case-sensitive")
    func keys() {
        let dict = MultiDict([("b", "1"), ("a", "2"), ("b", "3"), ("B", "4")])
        #expect(dict.keys == ["b", "a", "B"])
        #expect(dict.contains("B"))
        #expect(!dict.contains("c"))
    }

    @Test("get(as:) converts the first value or gives nil")
    func typedGet() {
        let dict = MultiDict([("n", "5"), ("n", "x"), ("f", "2.5"), ("s", "abc"), ("b", "true")])
        #expect(dict.get("n", as: Int.self) == 5)
        #expect(dict.get("f", as: Double.self) == 2.5)
        #expect(dict.get("s", as: Int.self) == nil)
        #expect(dict.get("missing", as: Int.self) == nil)
        #expect(dict.get("b", as: Bool.self) == true)
        #expect(dict.get("missing", default: "d") == "d")
        #expect(dict.get("s", default: "d") == "abc")
    }

    @Test("equality compares pairs in order")
    func equality() {
        #expect(MultiDict([("a", "1"), ("b", "2")]) == MultiDict([("a", "1"), ("b", "2")]))
        #expect(MultiDict([("a", "1"), ("b", "2")]) != MultiDict([("b", "2"), ("a", "1")]))
        #expect(MultiDict() == [:])
    }
}

@Suite("Status")
struct StatusTests {
    @Test(
        "codes get their standard reason phrases",
        arguments: [
            (200, "OK"), (201, "Created"), (204, "No Content"), (302, "Found"), (308, "Permanent Redirect"),
            (400, "Bad Request"), (404, "Not Found"), (405, "Method Not Allowed"), (413, "Content Too Large"),
            (414, "URI Too Long"), (431, "Request Header Fields Too Large"), (500, "Internal Server Error"),
            (501, "Not Implemented"), (505, "HTTP Version Not Supported"),
        ])
    func reasonPhrases(code: Int, phrase: String) {
        #expect(Status(code).reasonPhrase == phrase)
    }

    @Test("integer literals, custom phrases and unknown codes")
    func literalsAndCustom() {
        let literal: Status = 404
        #expect(literal == .notFound)
        #expect(Status(799).reasonPhrase == "Unknown")
        #expect(Status(code: 299, reasonPhrase: "Fine").description == "299 Fine")
        #expect(Status.ok.description == "200 OK")
    }

    @Test("1xx, 204 and 304 forbid a body; others allow one")
    func forbidsBody() {
        #expect(Status.continue.forbidsBody)
        #expect(Status.noContent.forbidsBody)
        #expect(Status.notModified.forbidsBody)
        #expect(!Status.ok.forbidsBody)
        #expect(!Status.notFound.forbidsBody)
        #expect(!Status.resetContentLike.forbidsBody)
    }
}

extension Status {
    fileprivate static let resetContentLike = Status(code: 205, reasonPhrase: "Reset Content")
}
