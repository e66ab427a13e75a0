@testable import MicroFlask

/// A fixed corpus of rules and generated paths, to pin down what the matcher answers.
enum RouteCorpus {
    /// Rules covering every converter, placeholders inside segments, one and several `path`
    /// placeholders, trailing slashes and empty segments.
    static let rules = [
        "/", "/users/new", "/users/<name>", "/users/<int:id>", "/users/<int:id>/edit", "/x/<float:x>",
        "/y/<float(signed=True):x>", "/s/<string(minlength=2,maxlength=3):s>", "/t/<string(length=2):s>",
        "/i/<int(fixed_digits=3):n>", "/j/<int(min=1,max=10):n>", "/k/<int(signed=True):n>", "/u/<uuid:u>",
        "/<any(about,help):page>", "/files/<path:p>", "/files/<path:p>/edit", "/<path:p>/x/<path:q>",
        "/<path:a>/<path:b>", "/<path:a>/<int:n>/<path:b>/edit", "/static/<path:filename>", "/v<int:n>.json",
        "/<a>-<b>", "/<a>-<b>-<c>", "/<int:a><b>", "/x<a>y<b>z", "/<a>/", "/<a>/<b>/", "/a//<b>", "/<path:p>/",
        "/api/<v>/<path:rest>", "/<a>-<int:b>", "/<int:a>-<b>", "/<a>.<b>", "/é/<a>", "/<a>-<b>-<c>-<d>",
    ]

    /// Segment texts the paths are built from: the rules' literals, values for each converter,
    /// near misses, and text whose characters and bytes differ.
    static let tokens = [
        "", "a", "b", "x", "y", "edit", "files", "static", "users", "new", "api", "v1", "1", "42", "007", "-3",
        "1.5", "-0.5", "2.0", "1.", "v12.json", "vx.json", "a-b", "a-b-c", "1-2", "x1y2z", "xyz", "about", "help",
        "12345678-1234-5678-1234-567812345678", "é", "e\u{301}", "ab", "abc", "abcd", "a.b", "1-x-2-y",
    ]

    /// Every path of one or two tokens, then pseudo-random ones of up to seven (a fixed seed).
    static var paths: [String] {
        var paths = tokens.map { "/\($0)" }
        for first in tokens {
            for second in tokens { paths.append("/\(first)/\(second)") }
        }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<3000 {
            let count = 3 + next(5)
            paths.append("/" + (0..<count).map { _ in tokens[next(tokens.count)] }.joined(separator: "/"))
        }
        // Single segments of characters the in-segment rules split on, for their backtracking.
        let characters = Array("ab1-.xyz0")
        for _ in 0..<1500 {
            let text = String((0..<(1 + next(9))).map { _ in characters[next(characters.count)] })
            paths.append("/" + text)
            paths.append("/é/" + text)
        }
        return paths
    }

    /// `name=value` for each capture, sorted by name; values in their converted text form.
    static func render(_ values: [String: RouteValue]) -> String {
        values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
}
