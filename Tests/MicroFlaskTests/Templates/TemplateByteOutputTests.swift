import Foundation
import Testing

@testable import MicroFlask

/// The byte renderer: filters written straight into the output, integers and escaping on bytes,
/// variables in frame slots. Expected strings were printed by Jinja2 3.1.6 with
/// `Environment(autoescape=True)` for the same template and context.
extension Templates {
    struct ByteOutputTests {
        static let cases: [(String, [String: TemplateValue], String)] = [
            ("{{ 'ÀbC <x>'|lower }}", [:], "àbc &lt;x&gt;"),
            ("{{ 'abc <x> & \"q\"'|upper }}", [:], "ABC &lt;X&gt; &amp; &#34;Q&#34;"),
            (
                "{{ s|lower }}|{{ s|upper }}", ["s": "MiXeD 'Case' & <b>"],
                "mixed &#39;case&#39; &amp; &lt;b&gt;|MIXED &#39;CASE&#39; &amp; &lt;B&gt;"
            ),
            ("{{ m|upper }}", ["m": nil], "NONE"),
            ("{{ [1, 'a<', 3]|join(', ') }}", [:], "1, a&lt;, 3"),
            ("{{ ['a', 'b']|join }}", [:], "ab"),
            ("{{ ['<a>', 'b']|join('<br>') }}", [:], "&lt;a&gt;&lt;br&gt;b"),
            ("{{ [1.5, True, none]|join('-') }}", [:], "1.5-True-None"),
            ("{{ 42|lower }}", [:], "42"),
            ("{{ missing|lower }}|{{ missing|join(',') }}", [:], "|"),
            ("{{ 'straße'|upper }}", [:], "STRASSE"),
            (
                "{{ m|upper }}|{{ items|join(', ') }}",
                ["m": .safe("<b>bold</b> &amp;"), "items": ["<i>", .safe("<b>x</b>")]],
                "<B>BOLD</B> &AMP;|&lt;i&gt;, <b>x</b>"
            ),
            ("{% for x in [1, 2] %}{{ x }}{% endfor %}[{{ x }}]", ["x": "outer"], "12[outer]"),
            ("{% set y = 1 %}{% for x in [1, 2] %}{% set y = x %}{% endfor %}{{ y }}", [:], "1"),
            (
                "{{ n }}|{{ -n }}|{{ 0 }}|{{ 9 }}|{{ 10 }}|{{ -1 }}", ["n": 1_234_567_890_123],
                "1234567890123|-1234567890123|0|9|10|-1"
            ),
            ("{{ n }}", ["n": .int(Int.min)], "-9223372036854775808"),
            (
                "{% for a, b in pairs %}{{ a }}={{ b }};{% endfor %}{{ a }}",
                ["pairs": [[1, "x"], [2, "y"]], "a": "kept"], "1=x;2=y;kept"
            ),
            (
                "{% for row in rows %}{{ loop.index }}:{{ row }}{% if not loop.last %},{% endif %}{% endfor %}",
                ["rows": ["a", "b", "c"]], "1:a,2:b,3:c"
            ),
        ]

        @Test(arguments: cases.indices)
        func matchesJinja(_ index: Int) throws {
            let (source, context, expected) = Self.cases[index]
            #expect(try render(source, context) == expected, "template: \(source)")
        }

        @Test func longTextIsEscapedAcrossChunks() throws {
            // Longer than the escaper's 4 KiB chunk, with entities on both sides of each boundary.
            let text = String(repeating: "ab<&'\"x>", count: 2_000)
            let expected = String(repeating: "ab&lt;&amp;&#39;&#34;x&gt;", count: 2_000)
            #expect(try render("{{ t }}|{{ t|lower }}", ["t": .string(text)]) == expected + "|" + expected)
        }

        @Test func renderBytesIsRendersUTF8() throws {
            let fixture = try TemplateFixture(["page.html": "<p>{{ name }} — {{ n }}</p>"])
            defer { fixture.remove() }
            let environment = TemplateEnvironment(directory: fixture.path)
            let context: [String: TemplateValue] = ["name": "Zoë <z>", "n": 3]
            let bytes = try environment.renderBytes("page.html", context)
            #expect(bytes == Array(try environment.render("page.html", context).utf8))
            #expect(String(decoding: bytes, as: UTF8.self) == "<p>Zoë &lt;z&gt; — 3</p>")
        }

        @Test func aReplacedFilterIsNotFused() throws {
            let environment = TemplateEnvironment(directory: "/nonexistent")
            environment.registerFilter("lower") { value, _, _ in .string("custom:" + value.text) }
            environment.registerFilter("join") { _, _, _ in .string("joined") }
            #expect(try environment.renderString("{{ 'AB'|lower }}|{{ [1]|join(',') }}") == "custom:AB|joined")
        }

        @Test func includedAndParentTemplatesShareTheFrame() throws {
            let fixture = try TemplateFixture([
                "base.html": "{% block body %}{% endblock %}|{{ title }}",
                "child.html": "{% extends 'base.html' %}{% set title = 'T' %}{% block body %}"
                    + "{% for item in items %}{% include 'item.html' %}{% endfor %}{% endblock %}",
                "item.html": "[{{ item }}:{{ title }}]",
            ])
            defer { fixture.remove() }
            let environment = TemplateEnvironment(directory: fixture.path)
            // The include is parsed during the render, so its names get slots the frame did not have yet.
            #expect(try environment.render("child.html", ["items": ["a", "b"]]) == "[a:T][b:T]|T")
        }
    }
}
