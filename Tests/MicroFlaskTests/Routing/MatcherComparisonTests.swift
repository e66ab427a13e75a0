// TEMPORARY: compares the linear matcher with the old backtracking one on the corpus.
import Foundation
import Testing

@testable import MicroFlask

@Suite("Linear matcher against the old one")
struct MatcherComparisonTests {
    @Test("every corpus rule matches every corpus path as the old matcher did")
    func patternsAgree() throws {
        var mismatches: [String] = []
        var matched = 0
        let paths = RouteCorpus.paths
        for rule in RouteCorpus.rules {
            let pattern = try RoutePattern(rule)
            for path in paths {
                let segments = RouteTable.segments(of: path)
                let new = pattern.match(segments).map(RouteCorpus.render)
                let old = LegacyMatcher.match(pattern, segments).map {
                    RouteCorpus.render(LegacyMatcher.typed(pattern, $0))
                }
                if new != nil { matched += 1 }
                if new != old { mismatches.append("\(rule) \(path): new \(new ?? "nil") old \(old ?? "nil")") }
            }
        }
        print("matched", matched, "of", paths.count * RouteCorpus.rules.count)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5).joined(separator: "\n"))")
    }

    @Test("a table of all corpus rules answers every corpus path as before")
    func tablesAgree() throws {
        let routes = RouteCorpus.rules.enumerated().map { index, rule in
            Route(
                rule: rule, methods: index % 3 == 0 ? [.POST] : [.GET], endpoint: "r\(index)", location: "corpus",
                blueprint: nil, handler: { _ in Response() })
        }
        let (table, problems) = RouteTable.build(routes)
        #expect(problems.isEmpty)
        var mismatches: [String] = []
        var lines: [String] = []
        for path in RouteCorpus.paths {
            for method in [Method.GET, .POST, .OPTIONS] {
                let new = TableOutcome.describe(table.match(method: method, path: path))
                let old = LegacyMatcher.tableOutcome(table, method: method, path: path)
                if method == .GET { lines.append("\(path)\t\(new)") }
                if new != old {
                    mismatches.append("\(method) \(path): new \(new) old \(old)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5).joined(separator: "\n"))")
        try lines.joined(separator: "\n").write(toFile: "/tmp/routing-corpus-get.txt", atomically: true, encoding: .utf8)
    }
}

enum TableOutcome {
    static func describe(_ match: RouteTable.Match) -> String {
        switch match {
        case .found(let route, let params): "found \(route.route.endpoint) \(RouteCorpus.render(params))"
        case .methodNotAllowed(let allowed): "405 \(allowed.map(\.rawValue).sorted())"
        case .automaticOptions(let allowed): "options \(allowed.map(\.rawValue).sorted())"
        case .redirect(let location): "redirect \(location)"
        case .notFound: "404"
        }
    }
}
