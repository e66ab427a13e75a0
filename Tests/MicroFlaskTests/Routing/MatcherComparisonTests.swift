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
        let (table, problems) = RouteTable.build(RouteCorpus.corpusRoutes)
        #expect(problems.isEmpty)
        var mismatches: [String] = []
        var lines: [String] = []
        for path in RouteCorpus.paths {
            for method in [Method.GET, .POST, .OPTIONS] {
                let new = RouteCorpus.describe(table.match(method: method, path: path))
                let old = LegacyMatcher.tableOutcome(table, method: method, path: path)
                if method == .GET { lines.append("\(path)\t\(new)") }
                if new != old {
                    mismatches.append("\(method) \(path): new \(new) old \(old)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5).joined(separator: "\n"))")
        for rule in RouteCorpus.rules { print("(\"\(rule)\", \"\(try RouteCorpus.outcome(of: rule))\"),") }
        for method in [Method.GET, .POST, .OPTIONS] { print("TABLE \(method) \(RouteCorpus.tableOutcome(method: method))") }
        try lines.joined(separator: "\n").write(toFile: "/tmp/routing-corpus-get.txt", atomically: true, encoding: .utf8)
    }
}

