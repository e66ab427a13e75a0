import Foundation
import Testing

@testable import MicroFlask

extension Templates {
    /// Host objects answering lookups on demand, and the ordered mapping.
    struct ObjectTests {
        /// Counts the members asked for, to show that nothing is read unless used.
        final class Counter: @unchecked Sendable {
            private let lock = NSLock()
            private var names: [String] = []
            var asked: [String] { lock.withLock { names } }
            func record(_ name: String) { lock.withLock { names.append(name) } }
        }

        struct Profile: TemplateObject {
            let counter: Counter
            var templateTypeName: String { "Profile" }

            func member(_ name: String) -> TemplateValue? {
                counter.record(name)
                return name == "name" ? "Ada" : nil
            }

            func callMethod(
                _ name: String, _ arguments: [TemplateValue], _ keywords: [String: TemplateValue]
            ) throws -> TemplateValue? {
                name == "greet" ? .string("Hello, \(arguments.first?.text ?? "")") : nil
            }
        }

        @Test func membersAreReadOnlyWhenATemplateAsks() throws {
            let counter = Counter()
            let context: [String: TemplateValue] = ["profile": .object(Profile(counter: counter))]
            #expect(try render("{{ profile.name }}|{{ profile['name'] }}|[{{ profile.age }}]", context) == "Ada|Ada|[]")
            #expect(counter.asked == ["name", "name", "age"])
            #expect(try render("static text", context) == "static text")
            #expect(counter.asked.count == 3)
            #expect(
                try render("{{ profile.greet('Bob') }}|{{ profile }}|{{ profile is defined }}", context)
                    == "Hello, Bob|&lt;Profile object&gt;|True")
            #expect(renderError("{{ profile.age.x }}", context)?.message == "'Profile object' has no attribute 'age'")
            #expect(renderError("{{ profile.fly() }}", context)?.message == "'Profile' object has no method 'fly'")
        }

        @Test func anObjectWithAPlainValueActsAsIt() throws {
            struct Tags: TemplateObject {
                var templateTypeName: String { "Tags" }
                func member(_ name: String) -> TemplateValue? { nil }
                var plainValue: TemplateValue? { ["swift", "web"] }
            }
            let context: [String: TemplateValue] = ["tags": .object(Tags())]
            let html = try render(
                "{% for t in tags %}{{ t }},{% endfor %}|{{ tags|length }}|{{ 'web' in tags }}|{{ tags|join('+') }}|{{ tags }}",
                context)
            #expect(html == "swift,web,|2|True|swift+web|[&#39;swift&#39;, &#39;web&#39;]")
        }

        @Test func orderedMappingKeepsInsertionOrderAndPythonEquality() {
            var mapping: TemplateDictionary = ["b": 1, "a": 2]
            mapping["c"] = 3
            mapping["b"] = 4
            #expect(mapping.keys == ["b", "a", "c"])
            #expect(mapping.values == [4, 2, 3])
            mapping["a"] = nil
            #expect(mapping.keys == ["b", "c"])
            #expect(mapping == ["c": 3, "b": 4], "equality ignores order, like Python's dict")
            var large = TemplateDictionary()
            for index in (0..<20).reversed() { large["k\(index)"] = .int(index) }
            #expect(large.keys.first == "k19" && large["k3"] == 3 && large.count == 20)
            large["k3"] = nil
            #expect(large["k3"] == nil && large["k2"] == 2 && large.keys.count == 19)
            #expect(TemplateDictionary(["z": 1, "y": 2] as [String: TemplateValue]).keys == ["y", "z"])
        }

        @Test func valuesStayAsSmallAsAString() {
            // Rendering copies values constantly; objects and mappings must not make every value wider.
            #expect(MemoryLayout<TemplateValue>.size <= MemoryLayout<String>.size + 1)
            #expect(MemoryLayout<TemplateDictionary>.size <= 16)
        }

        @Test func mappingsEncodeAsJSONObjects() throws {
            // Foundation's JSONEncoder on Linux does not keep key order, so compare with sorted keys.
            let value: TemplateValue = [
                "zeta": 1, "alpha": ["b": true, "a": nil], "when": .date(Date(timeIntervalSince1970: 0)),
            ]
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let json = String(decoding: try encoder.encode(value), as: UTF8.self)
            #expect(json == #"{"alpha":{"a":null,"b":true},"when":"1970-01-01 00:00:00","zeta":1}"#)
        }

        @Test func jsonParsesKeepingKeyOrder() throws {
            let value = try TemplateValue(
                json: #"{"zeta": 1, "alpha": [true, null, 2.5, -3, 1e2], "s": "a\u00e9\ud83d\ude00\n"}"#)
            let html = try render("{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}", ["d": value])
            // Jinja renders json.loads of the same text so (the list prints with Python's repr).
            #expect(html == "zeta=1;alpha=[True, None, 2.5, -3, 100.0];s=a\u{E9}\u{1F600}\n;")
            let numbers = try TemplateValue(json: "[0, -0, 10, 0.5, -0.25e-1, 1E2, 2e+3]")
            #expect(try render("{{ n }}", ["n": numbers]) == "[0, 0, 10, 0.5, -0.025, 100.0, 2000.0]")
            for bad in [
                "", "{", #"{"a" 1}"#, "[1,]", "[1 2]", "tru", #""\x""#, "1 2", "-", #"{"a":1,}"#,
                // Numbers that json.loads rejects too: a leading zero, a bare point, no digits after it or the e.
                "01", "-01", "[00]", ".5", "-.5", "1.", "1.e5", "1e", "1e+", "+1", "--1", "0x10",
            ] {
                #expect(throws: TemplateJSONError.self, "\(bad)") { try TemplateValue(json: bad) }
            }
            let deep = String(repeating: "[", count: 100_000)
            #expect(throws: TemplateJSONError.self) { try TemplateValue(json: deep) }
        }

        @Test func datesFollowPythonsDatetime() throws {
            let date = Date(timeIntervalSince1970: 1_705_314_600.5)  // 2024-01-15 10:30:00.5 UTC
            let context: [String: TemplateValue] = [
                "d": .date(date), "local": .date(date, timeZone: TimeZone(secondsFromGMT: -5 * 3600)!),
                "same": .date(date), "later": .date(date.addingTimeInterval(60)),
            ]
            #expect(
                try render("{{ d }}|{{ local }}|{{ local.strftime('%H %z') }}", context)
                    == "2024-01-15 10:30:00.500000|2024-01-15 05:30:00.500000|05 -0500")
            #expect(try render("{{ d == same }}|{{ d < later }}|{{ d.strftime('%Q %') }}", context) == "True|True|%Q %")
        }

        @Test func strictUndefinedIsAnEnvironmentSetting() throws {
            let app = App()
            app.templates.strictUndefined = true
            #expect(try app.renderString("{{ title|default('x') }}") == "x")
            let error = #expect(throws: TemplateError.self) { try app.renderString("<h1>\n{{ title }}</h1>") }
            #expect(
                error?.description
                    == "<string>:2:1: 'title' is undefined (pass 'title' in the context, or test it first with 'is defined' or give it a '|default')"
            )
        }
    }
}
