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
        "12345678-1234-5678-1234-567812345678", "é", "e\u{301}", "ab", "abc", "abcd", "a.b", "1-x-2-y", "s", "t",
        "i", "j", "k", "u", "10", "11", "0", "12345678-1234-5678-1234-56781234567G",
    ]

    /// Every path of one or two tokens, then pseudo-random ones of up to seven (a fixed seed).
    static var paths: [String] {
        var paths = tokens.map { "/\($0)" }
        for first in tokens {
            for second in tokens { paths.append("/\(first)/\(second)") }
        }
        for token in tokens {
            paths += ["/users/\(token)/edit", "/a//\(token)", "/files/\(token)/edit", "/\(token)/x/\(token)/"]
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

extension RouteCorpus {
    /// How `rule` matches the corpus: the number of paths it matches and an FNV-1a digest of
    /// each matched path with its captures (stable across runs, unlike `Hasher`).
    static func outcome(of rule: String) throws -> String {
        let pattern = try RoutePattern(rule)
        var digest = Digest()
        var count = 0
        for path in paths {
            guard let values = pattern.match(RouteTable.segments(of: path)) else { continue }
            count += 1
            digest.add("\(path)\t\(render(values))\n")
        }
        return "\(count) \(digest.hex)"
    }

    /// What a table of every corpus rule answers each corpus path, digested per method.
    static func tableOutcome(method: Method) -> String {
        let (table, _) = RouteTable.build(corpusRoutes)
        var digest = Digest()
        var found = 0
        for path in paths {
            let outcome = describe(table.match(method: method, path: path))
            if outcome.hasPrefix("found") { found += 1 }
            digest.add("\(path)\t\(outcome)\n")
        }
        return "\(found) \(digest.hex)"
    }

    /// The corpus rules as routes: every third one POST only, the others GET.
    static var corpusRoutes: [Route] {
        rules.enumerated().map { index, rule in
            Route.registered(
                rule, methods: index % 3 == 0 ? [.POST] : [.GET], endpoint: "r\(index)", location: "corpus"
            ) { _ in Response() }
        }
    }

    /// A routing outcome as one line.
    static func describe(_ match: RouteTable.Match) -> String {
        switch match {
        case .found(let route, let captures):
            "found \(route.route.endpoint) \(render(Dictionary(captures.map { ($0.name, $0.value) }) { _, last in last }))"
        case .methodNotAllowed(let allowed): "405 \(allowed.map(\.rawValue).sorted())"
        case .automaticOptions(let allowed): "options \(allowed.map(\.rawValue).sorted())"
        case .redirect(let location): "redirect \(location)"
        case .notFound: "404"
        }
    }

    /// 64-bit FNV-1a.
    struct Digest {
        private var state: UInt64 = 0xcbf2_9ce4_8422_2325

        mutating func add(_ text: String) {
            for byte in text.utf8 {
                state ^= UInt64(byte)
                state = state &* 0x0000_0100_0000_01b3
            }
        }

        var hex: String { String(state, radix: 16) }
    }
}
