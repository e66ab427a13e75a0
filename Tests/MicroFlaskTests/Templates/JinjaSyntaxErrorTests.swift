import Testing

@testable import MicroFlask

/// Syntax errors are reported on the line Jinja2 3.1 reports: the token where parsing failed
/// (for an unclosed tag, the last token of the template), not the tag that opened the construct.
/// The lines were recorded from `jinja2.Environment().parse(source)` (`TemplateSyntaxError.lineno`).
extension Templates {
    struct JinjaSyntaxErrorTests {
        static let cases: [(String, Int)] = [
            ("{% if x %}\nabc\n", 1),
            ("line\n{% for x in y %}\n\n{{ x }}\n", 4),
            ("{{ 1 +\n}}", 2),
            ("{% if x %}\n{% endfor %}", 2),
            ("a\n{% endif %}", 2),
            ("{{ x |\n\n upper( }}", 3),
            ("{% for x in %}\n{% endfor %}", 1),
            ("{{ foo(1,\n2\n }}", 3),
            ("a\n{% if x == %}b{% endif %}", 2),
            ("{% block a %}\n{% endblock b %}", 2),
            ("{% set %}", 1),
            ("\n\n{{ 'abc }}", 3),
            ("{{ x }\n}", 1),
            ("{% if a %}\n{% else %}\n{% elif b %}\n{% endif %}", 3),
            ("{% for a in b %}\n{% else %}\n{% else %}{% endfor %}", 3),
            ("{% unknown %}", 1),
            ("{% include %}", 1),
            ("{{\n\n}}", 3),
            ("{% if x %}\n{% block b %}\n{% endif %}", 3),
            ("{% raw %}\nabc", 1),
            ("{# comment\n\n", 1),
            ("{{ [1, 2 }}", 1),
            ("{% for x in y %}{% endif %}\n{% endfor %}", 1),
            ("{{ 1 2 }}", 1),
            ("text\n\n{% if %}", 3),
            ("{% set x = 1\n%}{% set y = %}", 2),
        ]

        @Test(arguments: cases)
        func reportsTheLineJinjaReports(source: String, line: Int) {
            let error = renderError(source)
            #expect(error != nil, "Jinja rejects this template")
            #expect(error?.line == line, "\(error.map { "\($0)" } ?? "no error")")
        }
    }
}
