import Foundation
import Testing

@testable import MicroFlask

@Suite("PercentEncoding")
struct PercentEncodingTests {
    @Test(
        "decode replaces %XX escapes once and keeps malformed ones",
        arguments: [
            ("a%20b", "a b"), ("%2F", "/"), ("%2f", "/"), ("%2541", "%41"), ("%C3%A9", "\u{E9}"), ("a+b", "a+b"),
            ("100%", "100%"), ("%4", "%4"), ("%zz", "%zz"), ("%%41", "%A"), ("plain", "plain"), ("", ""),
        ])
    func decode(input: String, output: String) {
        #expect(PercentEncoding.decode(input[...]) == output)
    }

    @Test(
        "encode escapes everything outside the unreserved set and the safe characters",
        arguments: [
            ("a b", "", "a%20b"), ("a/b", "", "a%2Fb"), ("a/b", "/", "a/b"), ("-._~", "", "-._~"),
            ("\u{E9}", "", "%C3%A9"), ("?#%", "", "%3F%23%25"),
        ])
    func encode(input: String, safe: String, output: String) {
        #expect(PercentEncoding.encode(input, safe: safe) == output)
    }

    @Test("encoding then decoding gives the original text")
    func roundTrip() {
        for text in ["a b/c?d#e", "caf\u{E9} \u{1F600}", "%41", "+", "\u{0}\r\n"] {
            #expect(PercentEncoding.decode(PercentEncoding.encode(text)[...]) == text)
        }
    }

    @Test("hexValue reads both cases and rejects other bytes")
    func hexValue() {
        #expect(PercentEncoding.hexValue(UInt8(ascii: "0")) == 0)
        #expect(PercentEncoding.hexValue(UInt8(ascii: "a")) == 10)
        #expect(PercentEncoding.hexValue(UInt8(ascii: "F")) == 15)
        #expect(PercentEncoding.hexValue(UInt8(ascii: "g")) == nil)
        #expect(PercentEncoding.hexValue(UInt8(ascii: "/")) == nil)
    }
}

@Suite("Request")
struct RequestTests {
    @Test("path is the decoded target before ?, rawPath and queryString stay encoded")
    func pathParts() {
        let request = HTTPRequest(method: .GET, target: "/a%20b/c?x=1%202&y")
        #expect(request.path == "/a b/c")
        #expect(request.rawPath == "/a%20b/c")
        #expect(request.queryString == "x=1%202&y")
        #expect(HTTPRequest(method: .GET, target: "/p").queryString == "")
    }

    @Test("args decode + as space and %XX once, keep order and repeated keys, skip empty pairs")
    func args() {
        let request = HTTPRequest(method: .GET, target: "/s?q=a+b%2Bc&tag=x&&tag=y&flag&e=&k=%2541")
        let args = request.args
        #expect(args["q"] == "a b+c")
        #expect(args.getAll("tag") == ["x", "y"])
        #expect(args["flag"] == "")
        #expect(args["e"] == "")
        #expect(args["k"] == "%41")
        #expect(args.keys == ["q", "tag", "flag", "e", "k"])
    }

    @Test("a value containing = keeps everything after the first =")
    func argsWithEquals() {
        #expect(HTTPRequest(method: .GET, target: "/?a=b=c").args["a"] == "b=c")
    }

    @Test("param converts to Int, Double, String and UUID, and throws 400 otherwise")
    func typedParams() throws {
        let app = App()
        app.get("/<id>/<x>/<u>/<s>") { request in
            #expect(try request.param("id") as Int == 42)
            #expect(try request.param("x") as Double == 1.5)
            #expect(try request.param("s") as String == "abc")
            #expect(
                try request.param("u", as: Foundation.UUID.self).uuidString == "12345678-1234-5678-1234-567812345678")
            let error = try #require(throws: HTTPError.self) { try request.param("s") as Int }
            #expect(error.status == .badRequest)
            let missing = try #require(throws: HTTPError.self) { try request.param("nope") as String }
            #expect(missing.status == .badRequest)
            return "checked"
        }
        #expect(try app.test.get("/42/1.5/12345678-1234-5678-1234-567812345678/abc").text == "checked")
    }

    @Test("headers parsed from a raw head are lazily built and case-insensitive")
    func headersFromHead() throws {
        let raw = Array("GET / HTTP/1.1\r\nHost: example.com\r\nX-Token: t\r\n\r\n".utf8)
        let head = try raw.withUnsafeBufferPointer { try RequestParser.parseHead($0, limits: HTTPLimits()).get() }
        let request = HTTPRequest(head: head, content: RequestBody(Array("body".utf8)), remoteAddress: "10.0.0.1")
        #expect(request.host == "example.com")
        #expect(request.headers["x-token"] == "t")
        #expect(request.text == "body")
        #expect(request.remoteAddress == "10.0.0.1")
    }
}
