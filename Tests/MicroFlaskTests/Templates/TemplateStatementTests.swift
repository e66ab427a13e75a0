import Testing

@testable import MicroFlask

extension Templates {
    /// Statement behaviour beyond the Jinja comparison table, including documented differences.
    struct StatementTests {
        @Test func attributeOfUndefinedRaisesLikeJinja() throws {
            // Jinja's default Undefined: a missing attribute is undefined, reading into it is an error.
            #expect(try render("[{{ user.missing }}][{{ user['k'] }}]", ["user": ["name": "Ada"]]) == "[][]")
            let error = renderError("line one\n{{ missing.a.b }}")
            #expect(error?.message == "'missing' is undefined")
            #expect(error?.kind == .undefined)
            #expect(error?.templateName == "<string>")
            #expect(error?.line == 2)
            #expect(renderError("{{ missing.a is defined }}")?.message == "'missing' is undefined")
        }

        @Test func undefinedErrorsNameTheTemplateFileAndLine() throws {
            let fixture = try TemplateFixture([
                "page.html": "{% extends 'base.html' %}{% block body %}\n\n  <p>{{ post.title }}</p>{% endblock %}",
                "base.html": "<body>{% block body %}{% endblock %}</body>",
            ])
            defer { fixture.remove() }
            let environment = TemplateEnvironment(directory: fixture.path)
            let error = #expect(throws: TemplateError.self) { try environment.render("page.html") }
            #expect(
                error?.description.hasPrefix("page.html:3:6: 'post' is undefined") == true,
                "\(error.map { "\($0)" } ?? "")")
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
            #expect(try render("{% for i in [1, 2] %}{{ loop.last }}{% endfor %}") == "FalseTrue")
            #expect(renderError("{% for i in [1, 2] %}{% endfor %}{{ loop.index }}")?.message == "'loop' is undefined")
            #expect(
                try render("{% for i in [1] %}{{ loop is defined }}|{{ loop }}|{{ [loop.index] }}{% endfor %}")
                    == "True|&lt;LoopContext 1/1&gt;|[1]")
            #expect(
                renderError("{% for i in [1] %}{{ loop.nope.x }}{% endfor %}")?.message
                    == "'LoopContext object' has no attribute 'nope'")
        }

        @Test func unpackingNeedsMatchingLength() {
            #expect(
                renderError("{% for a, b in [[1, 2, 3]] %}{% endfor %}")?.message
                    == "too many values to unpack (expected 2)")
            #expect(
                renderError("{% set a, b, c = 1, 2 %}")?.message == "not enough values to unpack (expected 3, got 2)")
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
