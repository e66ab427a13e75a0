import Testing

@testable import MicroFlask

extension Templates {
    /// Statement behaviour beyond the Jinja comparison table, including documented differences.
    struct StatementTests {
        @Test func attributeOfUndefinedIsUndefined() throws {
            // Jinja's default Undefined raises here; MicroFlask chains, like Jinja's ChainableUndefined.
            #expect(try render("[{{ missing.a.b }}][{{ missing['k'] }}]") == "[][]")
            #expect(try render("{{ missing.a is defined }}") == "False")
        }

        @Test func includeNameCanBeAnExpression() throws {
            let fixture = try TemplateFixture(["card.html": "<card>{{ title }}</card>"])
            defer { fixture.remove() }
            let environment = TemplateEnvironment(directory: fixture.path)
            let html = try environment.renderString("{% include kind ~ '.html' %}", ["kind": "card", "title": "T"])
            #expect(html == "<card>T</card>")
        }

        @Test func loopVariablesDoNotLeak() throws {
            #expect(try render("{% for i in [1] %}{% endfor %}[{{ i }}]") == "[]")
            #expect(try render("{% for i in [1, 2] %}{{ loop.last }}{% endfor %}{{ loop.index }}") == "FalseTrue")
        }

        @Test func unpackingNeedsMatchingLength() {
            #expect(
                renderError("{% for a, b in [[1, 2, 3]] %}{% endfor %}")?.message
                    == "cannot unpack list into 2 names (a, b)")
        }

        @Test func nestedConditionalsAndTernaries() throws {
            let source = "{% if a %}{% if b %}ab{% else %}a{% endif %}{% elif c %}c{% endif %}"
            #expect(try render(source, ["a": true, "b": false]) == "a")
            #expect(try render(source, ["c": 1]) == "c")
            #expect(try render("{{ 'x' if a else 'y' if b else 'z' }}", ["b": true]) == "y")
        }

        @Test func blocksInAStandaloneTemplateRenderInPlace() throws {
            #expect(try render("<{% block a %}A{% block b %}B{% endblock b %}{% endblock %}>") == "<AB>")
            #expect(renderError("{% block a %}{% endblock b %}")?.message == "'{% endblock b %}' closes block 'a'")
            #expect(
                renderError("{% block a %}{% endblock %}{% block a %}{% endblock %}")?.message
                    == "block 'a' is defined twice")
        }

        @Test func nonePrintsLikePython() throws {
            #expect(try render("{{ x }}", ["x": nil]) == "None")
            #expect(try render("{{ x|default('-', true) }}", ["x": nil]) == "-")
        }
    }
}
