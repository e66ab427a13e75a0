import Foundation
import Testing

@testable import MicroFlask

extension Templates {
    /// Loading, caching, reloading, globals, functions and filters.
    struct EnvironmentTests {
        @Test func templatesAreCachedUntilReloadIsOn() throws {
            let fixture = try TemplateFixture([:])
            defer { fixture.remove() }
            try fixture.write("a.html", "one", modified: Date(timeIntervalSince1970: 1_000_000))
            let cached = TemplateEnvironment(directory: fixture.path)
            let reloading = TemplateEnvironment(directory: fixture.path, autoReload: true)
            #expect(try cached.render("a.html") == "one")
            #expect(try reloading.render("a.html") == "one")
            try fixture.write("a.html", "two", modified: Date(timeIntervalSince1970: 2_000_000))
            #expect(try cached.render("a.html") == "one")
            #expect(try reloading.render("a.html") == "two")
        }

        @Test func reloadPicksUpChangedParent() throws {
            let fixture = try TemplateFixture(["child.html": "{% extends 'base.html' %}{% block b %}c{% endblock %}"])
            defer { fixture.remove() }
            try fixture.write(
                "base.html", "[{% block b %}{% endblock %}]", modified: Date(timeIntervalSince1970: 1_000))
            let environment = TemplateEnvironment(directory: fixture.path, autoReload: true)
            #expect(try environment.render("child.html") == "[c]")
            try fixture.write(
                "base.html", "<{% block b %}{% endblock %}>", modified: Date(timeIntervalSince1970: 2_000))
            #expect(try environment.render("child.html") == "<c>")
        }

        @Test func globalsAreVisibleAndContextWins() throws {
            let environment = TemplateEnvironment(directory: "/tmp")
            environment.globals = ["site": "MicroFlask", "title": "global"]
            #expect(try environment.renderString("{{ site }}/{{ title }}", ["title": "local"]) == "MicroFlask/local")
        }

        @Test func registeredFunctionsGetPositionalAndKeywordArguments() throws {
            let environment = TemplateEnvironment(directory: "/tmp")
            environment.registerFunction("url_for") { arguments, keywords in
                let endpoint = arguments.first?.text ?? ""
                let filename = keywords["filename"]?.text ?? ""
                return .string("/\(endpoint)/\(filename)")
            }
            environment.registerFunction("get_flashed_messages") { _, _ in ["saved", "<b>ok</b>"] }
            let html = try environment.renderString(
                """
                <link href="{{ url_for('static', filename='style.css') }}">\
                {% for m in get_flashed_messages() %}<p>{{ m }}</p>{% endfor %}
                """)
            #expect(html == #"<link href="/static/style.css"><p>saved</p><p>&lt;b&gt;ok&lt;/b&gt;</p>"#)
        }

        @Test func functionResultsMarkedSafeAreNotEscaped() throws {
            let environment = TemplateEnvironment(directory: "/tmp")
            environment.registerFunction("csrf_field") { _, _ in .safe(#"<input type="hidden">"#) }
            #expect(try environment.renderString("{{ csrf_field() }}") == #"<input type="hidden">"#)
        }

        @Test func registeredFilterIsUsableAndKnownAtParseTime() throws {
            let environment = TemplateEnvironment(directory: "/tmp")
            environment.registerFilter("shout") { value, arguments, _ in
                .string(value.text.uppercased() + (arguments.first?.text ?? "!"))
            }
            #expect(try environment.renderString("{{ 'hi'|shout }} {{ 'yo'|shout('?') }}") == "HI! YO?")
            let error = #expect(throws: TemplateError.self) { try environment.renderString("{{ 'x'|shuot }}") }
            #expect(error?.hint == "did you mean 'shout'?")
        }

        @Test func renderStringCachesParsedSource() throws {
            let environment = TemplateEnvironment(directory: "/tmp")
            for value in 0..<100 {
                #expect(try environment.renderString("{{ n * 2 }}", ["n": .int(value)]) == String(value * 2))
            }
        }

        @Test func concurrentRendersShareOneEnvironment() async throws {
            let fixture = try TemplateFixture([
                "base.html": "<ul>{% block items %}{% endblock %}</ul>",
                "list.html":
                    "{% extends 'base.html' %}{% block items %}{% for i in items %}<li>{{ i }}</li>{% endfor %}{% endblock %}",
            ])
            defer { fixture.remove() }
            let environment = TemplateEnvironment(directory: fixture.path)
            let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                for task in 0..<32 {
                    group.addTask {
                        let html = try environment.render("list.html", ["items": [.int(task), "<&>"]])
                        return html == "<ul><li>\(task)</li><li>&lt;&amp;&gt;</li></ul>"
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.count == 32 && results.allSatisfy { $0 })
        }
    }
}
