import Testing

@testable import MicroFlask

/// The byte matcher (`BytePathMatcher`) answers what the general matcher answers, for every rule
/// it takes, on the route corpus and on paths chosen for the edges of the byte scan and the
/// `int` parse.
@Suite("Byte path matcher against the general matcher")
struct BytePathMatcherTests {
    /// Rules for the edges: every `int` option, several placeholders, literals after placeholders
    /// (ASCII that non-ASCII text can equal), empty segments and a `string` that allows "".
    static let edgeRules = [
        "/n/<int:n>", "/k/<int(signed=True):n>", "/i/<int(fixed_digits=3):n>",
        "/i/<int(fixed_digits=3,signed=True):n>", "/j/<int(min=1,max=10):n>", "/m/<int(min=-5,max=5,signed=True):n>",
        "/<int:a>/<int:b>", "/<int:a>/x/<int:b>/", "/K/<int:n>", "/<int:n>/K", "/ab/<x>/cd",
        "/z/<string(minlength=0):s>/end",
        "/<x>", "/<x>/", "//<x>", "/a/b/<int:n>/c/d", "/f/<float(signed=True):x>",
    ]

    /// Segment values near the edges of the int parse and of the scan.
    static let edgeValues = [
        "", "0", "00", "007", "0007", "42", "-0", "-1", "-007", "-07", "+1", "--1", "-", "1a", "a1", " 1", "1 ", "1.0",
        "5", "6", "-5", "-6", "10", "11",
        "9223372036854775807", "9223372036854775808", "09223372036854775807", "-9223372036854775808",
        "-9223372036854775809", "-09223372036854775808", "18446744073709551616", "99999999999999999999999",
        // Digits that are not ASCII (Arabic-Indic, full-width), and a digit with a combining mark.
        "٤٢", "４２", "1\u{301}", "\u{301}1",
        // What percent-decoding can leave in a segment: NUL, CR LF, `%`, spaces, U+FFFD.
        "\u{0}", "4\u{0}", "4\r\n2", "\r\n", "%34", "x y", "\u{FFFD}",
        // Non-ASCII text, and text canonically equal to ASCII (KELVIN SIGN is `K`).
        "é", "e\u{301}", "K", "\u{212A}", "x", "cd", "end", "c",
    ]

    /// The corpus paths, then every edge value under each edge rule's literal heads, alone, with
    /// a trailing slash, and followed by each tail a rule might want.
    static let paths: [String] = {
        var paths = RouteCorpus.paths
        let heads = ["/n/", "/k/", "/i/", "/j/", "/m/", "/K/", "/\u{212A}/", "/ab/", "/z/", "/a/b/", "/f/", "/", "//"]
        let tails = ["", "/", "//", "/x", "/K", "/\u{212A}", "/cd", "/end", "/c/d", "/x/1/", "/42", "/1.5"]
        for head in heads {
            for value in edgeValues {
                for tail in tails { paths.append(head + value + tail) }
            }
        }
        for first in edgeValues {
            for second in edgeValues { paths.append("/\(first)/\(second)") }
        }
        paths += ["", "/", "*", "/\u{301}", "/\u{301}/1", "/\u{301}1/2", "/é/1", "/e\u{301}/1"]
        return paths
    }()

    /// What the table would get from the byte matcher: nil when it would not ask (no prefix).
    private static func bytesOutcome(_ matcher: BytePathMatcher, _ pattern: RoutePattern, _ path: String)
        -> BytePathMatcher.Outcome?
    {
        var contiguous = path
        return contiguous.withUTF8 { bytes in
            bytes.starts(with: pattern.leadingBytes) ? matcher.match(bytes, of: path) : nil
        }
    }

    /// Captures as comparable text, in order: names, and values with their case (`.int(42)`,
    /// which a `.string("42")` would not equal).
    private static func render(_ captures: [RoutePattern.Capture]?) -> String {
        guard let captures else { return "no match" }
        return captures.map { capture in
            switch capture.value {
            case .int(let value): "\(capture.name)=.int(\(value))"
            case .string(let text): "\(capture.name)=.string(\(text.debugDescription))"
            case .double(let value): "\(capture.name)=.double(\(value))"
            case .uuid(let value): "\(capture.name)=.uuid(\(value))"
            }
        }.joined(separator: " ")
    }

    @Test("every rule it takes matches, captures and rejects as the general matcher does")
    func agreesWithTheGeneralMatcher() throws {
        var matched = 0
        var rejected = 0
        for rule in RouteCorpus.rules + Self.edgeRules {
            let pattern = try RoutePattern(rule)
            guard let matcher = BytePathMatcher(pattern) else { continue }
            for path in Self.paths {
                guard let outcome = Self.bytesOutcome(matcher, pattern, path) else { continue }
                let general = Self.render(pattern.matchInOrder(RouteTable.segments(of: path)))
                switch outcome {
                case .matched(let captures):
                    matched += 1
                    #expect(Self.render(captures) == general, "\(rule) on \(path.debugDescription)")
                case .mismatch:
                    rejected += 1
                    #expect(general == "no match", "\(rule) on \(path.debugDescription)")
                case .undecided:
                    // Only non-ASCII text is left to the general matcher.
                    #expect(path.utf8.contains { $0 >= 0x80 }, "\(rule) on \(path.debugDescription)")
                }
            }
        }
        // The comparison is not vacuous: many matches and many rejections were decided on bytes.
        #expect(matched > 1_000)
        #expect(rejected > 10_000)
    }

    @Test("rules with a path placeholder, pieces inside a segment or non-ASCII literals keep the general matcher")
    func takesOnlyWholeSegmentASCIIRules() throws {
        let taken = [
            "/users/<int:id>", "/users/<name>/edit", "/<a>/", "/a//<b>", "/u/<uuid:u>", "/<any(about,help):p>",
        ]
        for rule in taken {
            let pattern = try RoutePattern(rule)
            #expect(BytePathMatcher(pattern) != nil, "\(rule)")
        }
        let left = ["/files/<path:p>", "/<path:p>/x/<path:q>", "/v<int:n>.json", "/<a>-<b>", "/é/<a>", "/<a>/é"]
        for rule in left {
            let pattern = try RoutePattern(rule)
            #expect(BytePathMatcher(pattern) == nil, "\(rule)")
        }
    }

    /// Werkzeug's int rule spelled out with `Int(_:)`, as the converter had it before it parsed
    /// bytes: the oracle for `IntegerDigits`, which both matchers now parse with.
    private static func reference(_ text: String, _ rule: IntegerDigits) -> Int? {
        var digits = text.utf8[...]
        if rule.signed, digits.first == UInt8(ascii: "-") { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        if let fixedDigits = rule.fixedDigits, digits.count != fixedDigits { return nil }
        guard let value = Int(text), rule.min.map({ value >= $0 }) ?? true, rule.max.map({ value <= $0 }) ?? true
        else { return nil }
        return value
    }

    @Test(
        "the int parse from bytes follows the int rule, and the converter gives the same",
        arguments: [
            "int", "int(signed=True)", "int(fixed_digits=3)", "int(fixed_digits=3,signed=True)",
            "int(min=1,max=10)", "int(min=-5,max=5,signed=True)", "int(fixed_digits=2,min=5)",
        ])
    func integerDigits(spec: String) throws {
        let pattern = try RoutePattern("/<\(spec):n>")
        guard case .parameter(_, let converter) = pattern.segments[0].pieces[0], let digits = converter.integerDigits
        else {
            Issue.record("no int placeholder in \(pattern)")
            return
        }
        var texts = Self.edgeValues
        // Runs of digits of every length up to past Int's 19, with and without a sign and zeros.
        for length in 1...22 {
            let nines = String(repeating: "9", count: length)
            let ones = String(repeating: "1", count: length)
            texts += [nines, "-" + nines, ones, "-" + ones, "0" + nines, "-0" + ones, "00" + ones]
        }
        var parsed = 0
        for text in texts {
            var bytes = text
            let fromBytes = bytes.withUTF8 { digits.value(of: $0) }
            #expect(fromBytes == Self.reference(text, digits), "\(spec) on \(text.debugDescription)")
            #expect(
                fromBytes.map(RouteValue.int) == converter.convert(part: text[...]),
                "\(spec) on \(text.debugDescription)")
            if fromBytes != nil { parsed += 1 }
        }
        #expect(parsed > 0)
    }

    @Test("through the table: found, 405, 404, the strict-slash redirect and rule order are as before")
    func tableOutcomes() {
        let rules: [(String, Method)] = [
            ("/users/<int:id>", .GET), ("/users/<name>", .GET), ("/dirs/<int:id>/", .GET), ("/<int:n>/K", .GET),
            ("/posts/<int:id>", .POST),
        ]
        let routes = rules.enumerated().map { index, rule in
            Route.registered(rule.0, methods: [rule.1], endpoint: "r\(index)", location: "test") { _ in Response() }
        }
        let (table, problems) = RouteTable.build(routes)
        #expect(problems.isEmpty)
        func outcome(_ method: Method, _ path: String) -> String {
            RouteCorpus.describe(table.match(method: method, path: path))
        }
        #expect(outcome(.GET, "/users/42") == "found r0 id=42")
        #expect(outcome(.GET, "/users/042") == "found r0 id=42")
        // Not an int: the `<name>` rule after it takes the path.
        #expect(outcome(.GET, "/users/4x") == "found r1 name=4x")
        #expect(outcome(.GET, "/users/99999999999999999999") == "found r1 name=99999999999999999999")
        #expect(outcome(.GET, "/users/42/") == "404")
        #expect(outcome(.GET, "/dirs/7") == "redirect /dirs/7/")
        #expect(outcome(.GET, "/dirs/7/") == "found r2 id=7")
        #expect(outcome(.GET, "/posts/1") == "405 [\"OPTIONS\", \"POST\"]")
        #expect(outcome(.OPTIONS, "/posts/1") == "options [\"OPTIONS\", \"POST\"]")
        // KELVIN SIGN equals `K` as a String: the byte matcher leaves it to the general matcher.
        #expect(outcome(.GET, "/1/\u{212A}") == "found r3 n=1")
        #expect(outcome(.GET, "/1/k") == "404")
    }

    @Test("a route's method list, which the table scans, holds what its method set holds")
    func methodList() throws {
        let lists: [[Method]] = [[.GET], [.POST], [.GET, .POST, .GET], [.OPTIONS], [.HEAD], ["PURGE", .GET], []]
        for methods in lists {
            let route = Route.registered("/", methods: methods, endpoint: "r", location: "test") { _ in Response() }
            let compiled = CompiledRoute(route: route, pattern: try RoutePattern("/"))
            #expect(Set(compiled.methodList) == compiled.methods, "\(methods)")
            #expect(compiled.methodList.count == compiled.methods.count, "\(methods)")
        }
    }

    @Test("percent-encoded paths reach the byte matcher decoded")
    func percentEncodedPaths() throws {
        let app = App()
        app.get("/n/<int(signed=True):n>") { req in "n \(try req.param("n") as Int)" }
        app.get("/s/<s>/end") { req in "s \(req.params["s"] ?? "")" }
        #expect(try app.test.get("/n/%34%32").text == "n 42")
        #expect(try app.test.get("/n/%2D7").text == "n -7")
        #expect(try app.test.get("/n/4%20").status == .notFound)
        #expect(try app.test.get("/s/a%20b/end").text == "s a b")
        #expect(try app.test.get("/s/caf%C3%A9/end").text == "s café")
    }
}
