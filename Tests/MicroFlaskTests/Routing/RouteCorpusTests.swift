import Testing

@testable import MicroFlask

/// What every corpus rule answers for every corpus path (`RouteCorpus`), pinned as digests.
///
/// The expected values were produced by the backtracking matcher the linear one replaced, and
/// the two agreed on every rule and path (`MatcherComparisonTests`, at commit b112b3a, deleted
/// after with the old matcher). A change in what any rule matches, or
/// in what it captures, changes a digest; the failure message prints the new table.
@Suite("Route corpus: expected outcomes")
struct RouteCorpusTests {
    /// (rule, "matched-count digest") for the single-rule matcher.
    static let expectedPatterns: [(String, String)] = [
        ("/", "1 ef555917e7832e8d"),
        ("/users/new", "1 386c7f99d6e39574"),
        ("/users/<name>", "46 6741312de203203b"),
        ("/users/<int:id>", "6 6b7fd92ef81f97d7"),
        ("/users/<int:id>/edit", "6 8c09e7d885ad7f7"),
        ("/x/<float:x>", "2 8f490e8a743651bd"),
        ("/y/<float(signed=True):x>", "3 4aa38f903970b25e"),
        ("/s/<string(minlength=2,maxlength=3):s>", "17 50ab84fc68fc84db"),
        ("/t/<string(length=2):s>", "7 a918c7af2854b306"),
        ("/i/<int(fixed_digits=3):n>", "1 bb8547db0fdd0896"),
        ("/j/<int(min=1,max=10):n>", "3 5685bb127ad1aff"),
        ("/k/<int(signed=True):n>", "7 978279dd2db18530"),
        ("/u/<uuid:u>", "1 a25d8a375638985b"),
        ("/<any(about,help):page>", "2 922ef7218d461399"),
        ("/files/<path:p>", "154 77cb22beccca775b"),
        ("/files/<path:p>/edit", "48 a33e77aef653f2c7"),
        ("/<path:p>/x/<path:q>", "239 10a4705a5c4cfc7e"),
        ("/<path:a>/<path:b>", "6741 e41684daf6fef13d"),
        ("/<path:a>/<int:n>/<path:b>/edit", "11 87b5cc7f9222b552"),
        ("/static/<path:filename>", "100 ac3d61fc6b5c128d"),
        ("/v<int:n>.json", "1 d31dd9d01d7bf084"),
        ("/<a>-<b>", "420 8f461a090b3814e3"),
        ("/<a>-<b>-<c>", "55 a07c6677e13e2090"),
        ("/<int:a><b>", "298 d11f66ab22b643a5"),
        ("/x<a>y<b>z", "3 7df45aeaec5e300f"),
        ("/<a>/", "46 f738dd1b1f1e7c3"),
        ("/<a>/<b>/", "16 6b269cc30221ea03"),
        ("/a//<b>", "46 763b2f92c2acfd1b"),
        ("/<path:p>/", "166 ad3405f9ee6e717d"),
        ("/api/<v>/<path:rest>", "70 dfa974bba6347ccf"),
        ("/<a>-<int:b>", "29 8ecddcdd5dbccb6f"),
        ("/<int:a>-<b>", "37 45144504c026fa7b"),
        ("/<a>.<b>", "436 7b800ed0c0590f43"),
        ("/é/<a>", "1592 8645f37046a66311"),
        ("/<a>-<b>-<c>-<d>", "6 b92ef30b91bc252b"),
    ]

    /// (method, "found-count digest") for one table holding every corpus rule.
    static let expectedTables: [(String, String)] = [
        ("GET", "7468 adc49c69b10f714b"),
        ("POST", "2132 9c9e30a25a7b51f2"),
        ("OPTIONS", "0 3282d7aa9f8e027c"),
    ]

    @Test("each rule matches the corpus paths, with the captures, it always did")
    func patterns() throws {
        var actual: [String] = []
        var failures: [String] = []
        for (rule, expected) in Self.expectedPatterns {
            let outcome = try RouteCorpus.outcome(of: rule)
            actual.append("(\"\(rule)\", \"\(outcome)\"),")
            if outcome != expected { failures.append("\(rule): \(outcome), expected \(expected)") }
        }
        #expect(Self.expectedPatterns.map(\.0) == RouteCorpus.rules)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))\nnow:\n\(actual.joined(separator: "\n"))")
    }

    @Test("a table of all corpus rules answers GET, POST and OPTIONS as it always did")
    func tables() {
        for (method, expected) in Self.expectedTables {
            #expect(RouteCorpus.tableOutcome(method: Method(method)) == expected, "\(method)")
        }
    }

    @Test(
        "readable samples of the corpus outcomes",
        arguments: [
            ("/<path:a>/<path:b>", "/p/q/r", "a=p b=q/r"),
            ("/<path:p>/x/<path:q>", "/a/x/b/x/c", "p=a q=b/x/c"),
            ("/files/<path:p>/edit", "/files/a//b/edit", "p=a//b"),
            ("/<path:a>/<int:n>/<path:b>/edit", "/a/1/b/2/c/edit", "a=a b=b/2/c n=1"),
            ("/<a>-<b>-<c>", "/a-b-c-d", "a=a-b b=c c=d"),
            ("/<int:a><b>", "/123x", "a=123 b=x"),
            ("/i/<int(fixed_digits=3):n>", "/i/007", "n=7"),
            ("/<path:p>/", "/a/b/", "p=a/b"),
        ])
    func samples(rule: String, path: String, captures: String) throws {
        let values = try RoutePattern(rule).match(RouteTable.segments(of: path))
        #expect(values.map(RouteCorpus.render) == captures)
    }
}
