import Testing

@testable import MicroFlask

/// Parsed templates are freed, whether parsing succeeds or throws part-way through an expression
/// (docs/RELIABILITY.md, fuzzing finding 5). LeakSanitizer had reported the parser's
/// `TemplateExpression` boxes as leaked; they were templates the environment's cache still held at
/// exit, which it cannot see through (a Swift enum keeps its case in its payload pointer's spare
/// bits). These tests check the real property: once the environment goes, nothing it parsed stays.
extension Templates {
    struct TemplateMemoryTests {
        /// Kept alive by the `track` filter's closure, which every parsed `|track` holds.
        final class Tracker: Sendable {}

        /// Each source uses `|track` and then succeeds, fails to parse after it, or fails to render.
        static let sources = [
            "{{ a|track }}", "{{ a * b|track }}", "{{ a ~ b|track|upper }}", "{{ a|track * }}",
            "{{ a|track(1, }}", "{{ a|track|nope }}", "{{ a|track is nope }}", "{{ (a|track) + }}",
            "{{ [a|track, }}", "{{ {'k': a|track, }}", "{% if a|track %}x", "{{ a|track }}{% endfor %}",
            "{% for x in a|track %}{{ x|track }}{% endfor %}", "{{ a|track if b else }}",
            "{{ a|track }}{{ b|track(a|track) }}", "{% set c = a|track %}{{ c.d.e|track }}",
        ]

        @Test func templatesParsedOrRejectedAreFreedWithTheirEnvironment() {
            weak var tracker: Tracker?
            var rendered = 0
            do {
                let environment = TemplateEnvironment(directory: "/nonexistent-microflask-test")
                let strong = Tracker()
                tracker = strong
                environment.registerFilter("track") { value, _, _ in withExtendedLifetime(strong) { value } }
                // More distinct sources than the string cache keeps (64), so it is also emptied.
                for round in 0..<8 {
                    for source in Self.sources {
                        let padded = source + String(repeating: " ", count: round)
                        if (try? environment.renderString(padded, ["a": .int(1), "b": .int(2)])) != nil {
                            rendered += 1
                        }
                    }
                }
            }
            #expect(rendered > 0)
            #expect(tracker == nil, "something the parser made outlived the environment")
        }

        @Test func aParsedTemplateFreesItsFilterCalls() throws {
            weak var call: TemplateFilterCall?
            do {
                var parser = try TemplateParser(
                    source: "{{ a * b|upper }}", name: "t", filters: TemplateFilters.builtins, names: TemplateNames())
                let parsed = try parser.parse()
                guard case .output(.binary(.multiply, _, .filter(_, let filter), _), _) = parsed.nodes.first else {
                    Issue.record("unexpected tree: \(parsed.nodes)")
                    return
                }
                call = filter
                #expect(call != nil)
            }
            #expect(call == nil)
        }
    }
}
