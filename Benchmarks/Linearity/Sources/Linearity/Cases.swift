import Foundation

@testable import MicroFlask

/// The parsers and matchers a client's bytes reach, each fed an input that grows one way.
enum Cases {
    static var all: [Case] {
        [
            Case(name: "request head parser (header lines)", size: 200) { count in
                var limits = HTTPLimits()
                limits.maxHeaderCount = count * 2
                limits.maxHeaderSize = count * 64
                let lines = (0..<count).map { "X-Header-\($0): value \($0)\r\n" }.joined()
                let head = Array("GET /path HTTP/1.1\r\nHost: example.com\r\n\(lines)\r\n".utf8)
                return {
                    try head.withUnsafeBufferPointer { buffer in
                        guard case .complete = RequestParser.scanHead(buffer, from: 0, limits: limits) else {
                            throw Failure("head not complete")
                        }
                        let parsed = try RequestParser.parseHead(buffer, limits: limits).get()
                        guard RequestParser.headers(from: parsed.rawHeaders).count == count + 1 else {
                            throw Failure("header count")
                        }
                    }
                }
            },
            Case(name: "request head parser (one long header value)", size: 2_000) { length in
                var limits = HTTPLimits()
                limits.maxHeaderSize = length * 2
                let head = Array(
                    "GET / HTTP/1.1\r\nHost: x\r\nX-Long: \(String(repeating: "v", count: length))\r\n\r\n".utf8)
                return {
                    try head.withUnsafeBufferPointer { buffer in
                        _ = RequestParser.scanHead(buffer, from: 0, limits: limits)
                        _ = try RequestParser.parseHead(buffer, limits: limits).get()
                    }
                }
            },
            Case(name: "chunked decoder (chunks)", size: 500) { count in
                let chunk = "10;ext=1\r\n" + String(repeating: "d", count: 16) + "\r\n"
                let body = Array((String(repeating: chunk, count: count) + "0\r\nTrailer: t\r\n\r\n").utf8)
                return {
                    var decoder = ChunkedDecoder(maxBodySize: count * 64)
                    var out: [UInt8] = []
                    var done = false
                    try body.withUnsafeBufferPointer { buffer in
                        var position = 0
                        while true {
                            switch try decoder.next(buffer, at: &position).get() {
                            case .data(let range): out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[range]))
                            case .end:
                                done = true
                                return
                            case .needMore: throw Failure("chunked body incomplete")
                            }
                        }
                    }
                    guard done, out.count == count * 16 else { throw Failure("chunked") }
                }
            },
            Case(name: "urlencoded form (fields)", size: 500) { count in
                let body = Array((0..<count).map { "field\($0)=value+%41%42\($0)" }.joined(separator: "&").utf8)
                return { guard URLEncodedForm.parse(body).count == count else { throw Failure("form") } }
            },
            Case(name: "urlencoded form (one long value)", size: 5_000) { length in
                let body = Array(("a=" + String(repeating: "x%20", count: length)).utf8)
                return { _ = URLEncodedForm.parse(body) }
            },
            Case(name: "multipart form (parts)", size: 50) { count in
                let boundary = "XyZzy"
                var text = ""
                for index in 0..<count {
                    text +=
                        "--\(boundary)\r\nContent-Disposition: form-data; name=\"f\(index)\"\r\n\r\nvalue \(index)\r\n"
                }
                text += "--\(boundary)--\r\n"
                let body = Array(text.utf8)
                var limits = MultipartLimits()
                limits.maxParts = count * 2
                let parser = MultipartParser(limits: limits)
                return {
                    guard try parser.parse(body, boundary: boundary).fields.count == count else { throw Failure("mp") }
                }
            },
            Case(name: "multipart form (one large field, near-boundary bytes)", size: 5_000) { length in
                let boundary = "XyZzy"
                let value = String(repeating: "\r\n--XyZz", count: length / 8)
                let body = Array(
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\n\(value)\r\n--\(boundary)--\r\n"
                        .utf8)
                var limits = MultipartLimits()
                limits.maxMemoryPartSize = length * 4
                let parser = MultipartParser(limits: limits)
                return { _ = try parser.parse(body, boundary: boundary) }
            },
            Case(name: "cookie header (pairs)", size: 200) { count in
                let header = (0..<count).map { "c\($0)=\"v\\\\\($0)\"" }.joined(separator: "; ")
                return {
                    let request = HTTPRequest(method: .GET, target: "/", headers: ["Cookie": header])
                    guard request.cookies.count == count else { throw Failure("cookies \(request.cookies.count)") }
                }
            },
            Case(name: "percent-decoding (path escapes)", size: 2_000) { count in
                let target = "/" + String(repeating: "%41%c3%a9", count: count)
                return { _ = HTTPRequest(method: .GET, target: target).path }
            },
            Case(name: "route matching: /static/ + slashes", size: 800) { count in
                let table = try routes()
                let path = "/static/" + String(repeating: "/", count: count)
                return { guard case .notFound = table.match(method: .GET, path: path) else { throw Failure("static") } }
            },
            Case(name: "route matching: <path:> + suffix over segments", size: 800) { count in
                let table = try routes()
                let path = "/files/" + Array(repeating: "a", count: count).joined(separator: "/") + "/edit"
                return { guard case .found = table.match(method: .GET, path: path) else { throw Failure("path") } }
            },
            Case(name: "route matching: two <path:>, no match", size: 800) { count in
                let table = try routes()
                let path = "/" + String(repeating: "y/", count: count) + "z"
                return { guard case .notFound = table.match(method: .GET, path: path) else { throw Failure("two") } }
            },
            Case(name: "route matching: placeholders in one long segment", size: 800) { count in
                let table = try routes()
                let path = "/" + String(repeating: "x-", count: count) + "y"
                return {
                    guard case .notFound = table.match(method: .GET, path: path) else { throw Failure("segment") }
                }
            },
            Case(name: "route matching: strict-slash retry", size: 800) { count in
                let table = try routes()
                let path = "/a/" + String(repeating: "b", count: count)
                return { guard case .redirect = table.match(method: .GET, path: path) else { throw Failure("slash") } }
            },
            Case(name: "template lexer (tags)", size: 1_000) { count in
                let source = String(
                    repeating: "<p>{{ user.name | upper }}</p>{% if x %}y{% endif %}{# c #}\n", count: count)
                return {
                    var lexer = TemplateLexer(source: source, name: "bench")
                    _ = try lexer.tokenize()
                }
            },
            Case(name: "template lexer (one long text run)", size: 20_000) { length in
                let source = String(repeating: "a{b}", count: length / 4)
                return {
                    var lexer = TemplateLexer(source: source, name: "bench")
                    _ = try lexer.tokenize()
                }
            },
            Case(name: "app.test: /static/ + slashes (whole dispatch)", size: 800) { count in
                let app = App()
                let target = "/static/" + String(repeating: "/", count: count)
                _ = try app.test.get("/")
                return { guard try app.test.get(target).status == .notFound else { throw Failure("dispatch") } }
            },
        ]
    }

    /// A table with the kinds of rules the route cases exercise.
    static func routes() throws -> RouteTable {
        let rules = [
            "/static/<path:filename>", "/files/<path:p>/edit", "/<path:a>/x/<path:b>", "/<a>-<b>-<int:c>",
            "/<a>-<int:b>", "/<a>/<b>/", "/users/<int:id>",
        ]
        let routes = rules.enumerated().map { index, rule in
            Route.registered(rule, methods: [.GET], endpoint: "r\(index)", location: "bench") { _ in Response() }
        }
        let (table, problems) = RouteTable.build(routes)
        guard problems.isEmpty else { throw Failure(problems.joined(separator: "; ")) }
        return table
    }
}

/// A benchmark input that did not parse as it should: the case is wrong, not slow.
struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
