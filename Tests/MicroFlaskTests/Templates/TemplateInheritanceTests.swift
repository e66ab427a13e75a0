import Foundation
import Testing

@testable import MicroFlask

extension Templates {
    /// `{% extends %}`, `{% block %}`, `super()` and `{% include %}` over real files.
    struct InheritanceTests {
        static let files = [
            "base.html": """
            <html><head><title>{% block title %}Site{% endblock %}</title></head>
            <body>
            {% block body %}<p>base body</p>{% endblock %}
            {% block footer %}(c) base{% endblock %}
            </body></html>

            """,
            "layout.html": """
            {% extends "base.html" %}
            {% block title %}{{ super() }} - Layout{% endblock %}
            {% block body %}<main>{% block content %}layout content{% endblock %}</main>{% endblock %}

            """,
            "page.html": """
            {% extends "layout.html" %}
            {% set who = 'page' %}
            {% block title %}{{ title }} | {{ super() }}{% endblock %}
            {% block content %}{{ super() }} + {{ who }} {% include "row.html" %}{% endblock %}

            """,
            "row.html": "<row>{{ title }}</row>\n",
            "list.html": "<ul>\n{% for item in items %}\n  {% include 'item.html' %}\n{% endfor %}\n</ul>\n",
            "item.html": "<li>{{ item }}</li>",
        ]

        @Test func threeLevelsWithSuperMatchJinja() throws {
            let fixture = try TemplateFixture(Self.files)
            defer { fixture.remove() }
            let environment = TemplateEnvironment(directory: fixture.path)
            // Printed by Jinja2 3.1.6 for the same files.
            #expect(
                try environment.render("page.html", ["title": "A & B"])
                    == "<html><head><title>A &amp; B | Site - Layout</title></head>\n<body>\n"
                    + "<main>layout content + page <row>A &amp; B</row></main>\n(c) base\n</body></html>")
            #expect(
                try environment.render("layout.html")
                    == "<html><head><title>Site - Layout</title></head>\n<body>\n<main>layout content</main>\n"
                    + "(c) base\n</body></html>")
        }

        @Test func includeSeesLoopVariablesLikeJinja() throws {
            let fixture = try TemplateFixture(Self.files)
            defer { fixture.remove() }
            let environment = TemplateEnvironment(directory: fixture.path)
            #expect(
                try environment.render("list.html", ["items": ["x", "<y>"]])
                    == "<ul>\n\n  <li>x</li>\n\n  <li>&lt;y&gt;</li>\n\n</ul>")
        }

        @Test func includeInSubfolderAndIgnoreMissing() throws {
            let fixture = try TemplateFixture([
                "partials/nav.html": "<nav>{{ active }}</nav>",
                "index.html": "{% include 'partials/nav.html' %}{% include 'nope.html' ignore missing %}!",
            ])
            defer { fixture.remove() }
            let environment = TemplateEnvironment(directory: fixture.path)
            #expect(try environment.render("index.html", ["active": "home"]) == "<nav>home</nav>!")
        }

        @Test func superWithoutParentBlockIsAnError() throws {
            let fixture = try TemplateFixture([
                "base.html": "{% block a %}A{% endblock %}",
                "child.html":
                    "{% extends 'base.html' %}{% block a %}{% block b %}{{ super() }}{% endblock %}{% endblock %}",
            ])
            defer { fixture.remove() }
            let environment = TemplateEnvironment(directory: fixture.path)
            let error = #expect(throws: TemplateError.self) { try environment.render("child.html") }
            #expect(error?.message.contains("no parent block") == true)
            #expect(error?.templateName == "child.html")
        }

        @Test func extendsCycleIsReported() throws {
            let fixture = try TemplateFixture([
                "a.html": "{% extends 'b.html' %}",
                "b.html": "{% extends 'a.html' %}",
            ])
            defer { fixture.remove() }
            let environment = TemplateEnvironment(directory: fixture.path)
            let error = #expect(throws: TemplateError.self) { try environment.render("a.html") }
            #expect(error?.message.contains("extends itself") == true)
        }

        @Test func recursiveIncludeStops() throws {
            let fixture = try TemplateFixture(["self.html": "x{% include 'self.html' %}"])
            defer { fixture.remove() }
            let environment = TemplateEnvironment(directory: fixture.path)
            let error = #expect(throws: TemplateError.self) { try environment.render("self.html") }
            #expect(error?.message.contains("nested too deeply") == true)
        }
    }
}
