import Foundation
import Testing

@testable import MicroFlask

/// Outputs compared against Jinja2 3.1.6 with `Environment(autoescape=True)`; the expected strings
/// were printed by Jinja itself for the same template and context.
extension Templates {
    struct JinjaCompatibilityTests {
        static let context: [String: TemplateValue] = [
            "name": "<Ada & 'Bob'>",
            "items": [1, 2, 3],
            "user": ["name": "Ada", "admin": true],
            "words": ["b", "A", "c"],
            "empty": [],
            "n": 7,
            "x": 2.5,
            "d": ["a": 1, "b": 2],
            "html": .safe("<b>bold</b>"),
            "nothing": nil,
            "rows": [["id": 1, "title": "a<b"], ["id": 2, "title": "c&d"]],
            "ordered": ["zeta": 1, "alpha": 2, "mid": 3],
            "created": .date(Date(timeIntervalSince1970: 1_705_314_600)),  // 2024-01-15 10:30:00 UTC
            "evening": .date(Date(timeIntervalSince1970: 1_704_063_909.12)),  // 2023-12-31 23:05:09.12 UTC
            "grid": [["a", "b"], ["c", "d"]],
        ]

        static let cases: [(String, String)] = [
            ("{{ name }}", "&lt;Ada &amp; &#39;Bob&#39;&gt;"),
            ("<a title=\"{{ name }}\">x</a>", "<a title=\"&lt;Ada &amp; &#39;Bob&#39;&gt;\">x</a>"),
            ("{{ html }}", "<b>bold</b>"),
            ("{{ name|safe }}", "<Ada & 'Bob'>"),
            ("{{ html|e }}", "<b>bold</b>"),
            ("{{ name|e }}", "&lt;Ada &amp; &#39;Bob&#39;&gt;"),
            ("{{ user.name }}|{{ user['name'] }}|{{ items[0] }}|{{ items[-1] }}|{{ items.1 }}", "Ada|Ada|1|3|2"),
            ("{{ missing }}|{{ user.missing }}|{{ items[10] }}", "||"),
            (
                "{{ 1 + 2 }}|{{ 7 - 10 }}|{{ 3 * 4 }}|{{ 7 / 2 }}|{{ 7 // 2 }}|{{ -7 // 2 }}|{{ 7 % 3 }}|{{ -7 % 3 }}|{{ 2 ** 8 }}",
                "3|-3|12|3.5|3|-4|1|2|256"
            ),
            (
                "{{ 1.5 + 1 }}|{{ x * 2 }}|{{ 0.1 + 0.2 }}|{{ 10 / 4 }}|{{ 4 / 2 }}",
                "2.5|5.0|0.30000000000000004|2.5|2.0"
            ),
            ("{{ 'a' ~ 1 ~ missing ~ none }}|{{ 'ab' + 'cd' }}|{{ 'ab' * 2 }}", "a1None|abcd|abab"),
            (
                "{{ 1 == 1.0 }}|{{ 1 != 2 }}|{{ 2 < 3 }}|{{ 3 <= 3 }}|{{ 'b' > 'a' }}|{{ 4 >= 5 }}|{{ 1 < 2 < 3 }}",
                "True|True|True|True|True|False|True"
            ),
            (
                "{{ true and false }}|{{ true or false }}|{{ not true }}|{{ none or 'x' }}|{{ 0 and 1 }}",
                "False|True|False|x|0"
            ),
            ("{{ 2 in items }}|{{ 5 not in items }}|{{ 'da' in 'Ada' }}|{{ 'a' in d }}", "True|True|True|True"),
            (
                "{{ missing is defined }}|{{ n is defined }}|{{ nothing is none }}|{{ n is odd }}|{{ n is not even }}|{{ items is divisibleby(3) if false else 9 is divisibleby 3 }}",
                "False|True|True|True|True|True"
            ),
            ("{{ 'yes' if n > 5 else 'no' }}|{{ 'yes' if n > 50 else 'no' }}|{{ 'x' if false }}", "yes|no|"),
            (
                "{{ [1, 'a', none, true] }}|{{ {'k': 'v'} }}|{{ none }}|{{ true }}|{{ 3.0 }}",
                "[1, &#39;a&#39;, None, True]|{&#39;k&#39;: &#39;v&#39;}|None|True|3.0"
            ),
            (
                "{{ name|upper }}|{{ 'HeLLo'|lower }}|{{ 'hello wORLD-foo(bar'|title }}|{{ 'hELLO'|capitalize }}|{{ '  x  '|trim }}",
                "&lt;ADA &amp; &#39;BOB&#39;&gt;|hello|Hello World-Foo(Bar|Hello|x"
            ),
            (
                "{{ items|length }}|{{ 'abc'|length }}|{{ d|length }}|{{ missing|length }}|{{ items|count }}",
                "3|3|2|0|3"
            ),
            (
                "{{ missing|default('dflt') }}|{{ nothing|default('dflt') }}|{{ ''|default('e', true) }}|{{ missing|d('short') }}",
                "dflt|None|e|short"
            ),
            (
                "{{ items|join(', ') }}|{{ words|join }}|{{ [name, html]|join(' | ') }}",
                "1, 2, 3|bAc|&lt;Ada &amp; &#39;Bob&#39;&gt; | <b>bold</b>"
            ),
            (
                "{{ 'a-b-c'|replace('-', '+') }}|{{ name|replace('Ada', '<Eve>') }}|{{ 'aaa'|replace('a', 'b', 2) }}",
                "a+b+c|&lt;&lt;Eve&gt; &amp; &#39;Bob&#39;&gt;|bba"
            ),
            (
                "{{ '42'|int + 1 }}|{{ '3.9'|int }}|{{ 'x'|int }}|{{ 'x'|int(5) }}|{{ 3.7|int }}|{{ '2.5'|float }}|{{ 3|float }}|{{ 'y'|float }}",
                "43|3|0|5|3|2.5|3.0|0.0"
            ),
            (
                "{{ 2.5|round }}|{{ 3.5|round }}|{{ 3.14159|round(2) }}|{{ 3|round }}|{{ 2.1|round(0, 'ceil') }}|{{ 2.9|round(method='floor') }}",
                "2.0|4.0|3.14|3|3.0|2.0"
            ),
            ("{{ items|first }}|{{ items|last }}|{{ 'xyz'|first }}|{{ empty|first }}", "1|3|x|"),
            (
                "{{ words|sort|join(',') }}|{{ words|sort(reverse=true)|join(',') }}|{{ [3, 1, 2]|sort }}|{{ rows|sort(attribute='title', reverse=true)|join(',', attribute='id') }}",
                "A,b,c|c,b,A|[1, 2, 3]|2,1"
            ),
            (
                "{{ 'abc'|reverse }}|{{ items|reverse|join }}|{{ items|sum }}|{{ items|max }}|{{ -3|abs }}",
                "cba|321|6|3|3"
            ),
            (
                "{% if n > 5 %}big{% elif n > 2 %}mid{% else %}small{% endif %}|{% if n > 10 %}big{% elif n > 2 %}mid{% else %}small{% endif %}|{% if missing %}a{% else %}b{% endif %}",
                "big|mid|b"
            ),
            (
                "{% for i in items %}{{ loop.index }}/{{ loop.index0 }}/{{ loop.revindex }}/{{ loop.revindex0 }}/{{ loop.first }}/{{ loop.last }}/{{ loop.length }};{% endfor %}",
                "1/0/3/2/True/False/3;2/1/2/1/False/False/3;3/2/1/0/False/True/3;"
            ),
            (
                "{% for i in empty %}x{% else %}none{% endfor %}|{% for i in missing %}x{% else %}undef{% endfor %}",
                "none|undef"
            ),
            (
                "{% for k, v in d.items() %}{{ k }}={{ v }},{% endfor %}|{% for k in d %}{{ k }}{% endfor %}|{{ d.keys()|list }}|{{ d.values()|list }}",
                "a=1,b=2,|ab|[&#39;a&#39;, &#39;b&#39;]|[1, 2]"
            ),
            ("{% for i in items if i != 2 %}{{ i }}:{{ loop.index }}/{{ loop.length }} {% endfor %}", "1:1/2 3:2/2 "),
            (
                "{% for row in rows %}<tr class=\"{{ loop.cycle('odd', 'even') }}\"><td>{{ row.title }}</td></tr>{% endfor %}",
                "<tr class=\"odd\"><td>a&lt;b</td></tr><tr class=\"even\"><td>c&amp;d</td></tr>"
            ),
            (
                "{% for a in [1, 2] %}{% for b in 'xy' %}{{ a }}{{ b }}{{ loop.depth }} {% endfor %}{{ loop.index }};{% endfor %}",
                "1x1 1y1 1;2x1 2y1 2;"
            ),
            ("{% set greeting = 'Hi ' ~ user.name %}{{ greeting }}|{% set a, b = [1, 2] %}{{ a + b }}", "Hi Ada|3"),
            (
                "{% set y = 1 %}{% for i in items %}{% set y = i %}{% endfor %}{{ y }}|{% if true %}{% set z = 5 %}{% endif %}{{ z }}",
                "1|5"
            ),
            (
                "a  {%- if true -%}  b  {%- endif -%}  c|{{- ' x ' -}}  |  {# note #}  y {#- trimmed -#} z",
                "abc| x |    yz"
            ),
            ("line1\n  {%- for i in items %}\n  {{ i }}\n  {%- endfor %}\nend\n", "line1\n  1\n  2\n  3\nend"),
            ("{# a comment {{ not rendered }} #}ok{% raw %}{{ raw }} {% if %}{% endraw %}", "ok{{ raw }} {% if %}"),
            (
                "{{ 'it''s' }}|{{ \"q\\\"uote\" }}|{{ 'tab\\there' }}|{{ 1_000 + 1e3 }}",
                "its|q&#34;uote|tab\there|2000.0"
            ),
            (
                "{{ range(3)|list }}|{{ range(1, 10, 4)|join(',') }}|{{ items[1:] }}|{{ 'hello'[1:3] }}|{{ items[:-1] }}",
                "[0, 1, 2]|1,5,9|[2, 3]|el|[1, 2]"
            ),
            (
                "{{ 'Hello'.upper() }}|{{ 'a,b'.split(',') }}|{{ d.get('a') }}|{{ d.get('zz', 'dflt') }}|{{ ' s '.strip() }}|{{ 'abc'.startswith('ab') }}",
                "HELLO|[&#39;a&#39;, &#39;b&#39;]|1|dflt|s|True"
            ),
            (
                "{{ html ~ name }}|{{ html + '<i>' }}|{{ (html ~ '')|length }}",
                "<b>bold</b>&lt;Ada &amp; &#39;Bob&#39;&gt;|<b>bold</b>&lt;i&gt;|11"
            ),
            ("{{ -n }}|{{ -x|abs }}|{{ +n }}|{{ not missing }}", "-7|2.5|7|True"),
            ("{{ {'only': [1, 'two']} }}", "{&#39;only&#39;: [1, &#39;two&#39;]}"),
            // Insertion order, tuple unpacking, `loop` as a value, dates, undefined values.
            (
                "{% for k, v in ordered.items() %}{{ k }}={{ v }};{% endfor %}|{% for k in ordered %}{{ k }}{% endfor %}|{{ ordered }}|{{ ordered.keys()|list }}|{{ ordered.values()|list }}",
                "zeta=1;alpha=2;mid=3;|zetaalphamid|{&#39;zeta&#39;: 1, &#39;alpha&#39;: 2, &#39;mid&#39;: 3}|[&#39;zeta&#39;, &#39;alpha&#39;, &#39;mid&#39;]|[1, 2, 3]"
            ),
            (
                "{% set lit = {'z': 1, 'b': 2, 'a': 3} %}{% for k, v in lit.items() %}{{ k }}{{ v }}{% endfor %}|{{ lit|length }}",
                "z1b2a3|3"
            ),
            (
                "{% set a, b = 1, 2 %}{{ a }}-{{ b }}|{% set c, d = 'xy' %}{{ d }}{{ c }}|{% set t = 1, 2 %}{{ t[1] }}",
                "1-2|yx|2"
            ),
            (
                "{% for a, b in [[1, 2], [3, 4]] %}{{ a * b }},{% endfor %}|{% for x in 1, 2, 3 %}{{ x }}{% endfor %}",
                "2,12,|123"
            ),
            (
                "{% for row in grid %}{% set outer = loop %}{% for c in row %}{{ outer.index }}.{{ loop.index }}={{ c }}/{{ outer.last }} {% endfor %}{% endfor %}",
                "1.1=a/False 1.2=b/False 2.1=c/True 2.2=d/True "
            ),
            (
                "{% for row in grid %}{% set outer = loop %}{% for c in row %}{{ outer.cycle('o', 'e') }}{% endfor %}{% endfor %}|{% for i in items %}{{ loop.length }}{% endfor %}",
                "ooee|333"
            ),
            (
                "{{ created }}|{{ created.strftime('%Y-%m-%d') }}|{{ created.strftime('%d %b %Y, %H:%M:%S') }}|{{ created.year }}/{{ created.month }}/{{ created.day }}",
                "2024-01-15 10:30:00|2024-01-15|15 Jan 2024, 10:30:00|2024/1/15"
            ),
            (
                "{{ created.strftime('%y %B %a %A %j %p %I %%') }}|{{ evening.strftime('%I:%M %p %A %B %j') }}|{{ evening }}",
                "24 January Mon Monday 015 AM 10 %|11:05 PM Sunday December 365|2023-12-31 23:05:09.120000"
            ),
            (
                "{{ created.isoformat() }}|{{ created.hour }}:{{ created.minute }}:{{ created.second }}|{{ created.weekday() }}|{{ created.strftime('%w %f') }}",
                "2024-01-15T10:30:00|10:30:0|0|1 000000"
            ),
            (
                "{{ missing }}|{{ missing|upper }}|{{ missing|length }}|{{ 'a' ~ missing }}|{{ missing == 1 }}|{{ missing is defined }}|{% for x in missing %}x{% else %}e{% endfor %}|{{ 1 in missing }}|{{ missing|default('z') }}|{% if missing %}t{% else %}f{% endif %}|{{ not missing }}",
                "||0|a|False|False|e|False|z|f|True"
            ),
            (
                "{{ user.missing }}|{{ d['zz'] }}|{{ items[10] }}|{{ nothing.x }}|{{ missing|join(',') }}|{{ missing|list }}|{{ missing|first }}|{{ missing|sort }}|{{ missing|e }}|{{ missing != 1 }}|{{ missing or 'o' }}|{{ missing and 1 }}",
                "|||||[]||[]||True|o|"
            ),
            (
                "{{ user.missing|default('dflt') }}|{{ missing is undefined }}|{{ missing is none }}|{{ 'x' if missing else 'y' }}|{{ missing|sum }}|{{ missing|count }}|{{ missing|string }}|{{ missing|replace('a', 'b') }}",
                "dflt|True|False|y|0|0||"
            ),
        ]

        /// Jinja's `UndefinedError` messages (default `Undefined`) for the same context.
        static let undefinedErrors: [(String, String)] = [
            ("{{ missing.x }}", "'missing' is undefined"),
            ("{{ missing['k'] }}", "'missing' is undefined"),
            ("{{ user.missing.x }}", "'dict object' has no attribute 'missing'"),
            ("{{ d['zz']['y'] }}", "'dict object' has no attribute 'zz'"),
            ("{{ items[5].x }}", "list object has no element 5"),
            ("{{ missing + 1 }}", "'missing' is undefined"),
            ("{{ 1 - missing }}", "'missing' is undefined"),
            ("{{ missing < 1 }}", "'missing' is undefined"),
            ("{{ -missing }}", "'missing' is undefined"),
            ("{{ missing|int }}", "'missing' is undefined"),
            ("{{ missing|float }}", "'missing' is undefined"),
            ("{{ missing[1:2] }}", "'missing' is undefined"),
            ("{{ missing.upper() }}", "'missing' is undefined"),
            ("{{ 'ab'.zz.y }}", "'str object' has no attribute 'zz'"),
            ("{{ items.zz.y }}", "'list object' has no attribute 'zz'"),
            ("{{ d[1].x }}", "dict object has no element 1"),
            ("{{ missing is even }}", "'missing' is undefined"),
            ("{{ nothing.x.y }}", "'None' has no attribute 'x'"),
            ("{% for x in missing.items %}{% endfor %}", "'missing' is undefined"),
            ("{% if missing.ok %}{% endif %}", "'missing' is undefined"),
            ("{% set v = missing.a %}", "'missing' is undefined"),
        ]

        /// `Environment(undefined=StrictUndefined)`: the output, or the `UndefinedError` message.
        static let strictCases: [(String, String)] = [
            ("{{ missing }}", "error: 'missing' is undefined"),
            ("{{ missing|upper }}", "error: 'missing' is undefined"),
            ("{{ missing|length }}", "error: 'missing' is undefined"),
            ("{{ 'a' ~ missing }}", "error: 'missing' is undefined"),
            ("{{ missing == 1 }}", "error: 'missing' is undefined"),
            ("{% for x in missing %}{% endfor %}", "error: 'missing' is undefined"),
            ("{{ 1 in missing }}", "error: 'missing' is undefined"),
            ("{% if missing %}{% endif %}", "error: 'missing' is undefined"),
            ("{{ not missing }}", "error: 'missing' is undefined"),
            ("{{ user.missing }}", "error: 'dict object' has no attribute 'missing'"),
            ("{{ missing or 1 }}", "error: 'missing' is undefined"),
            ("{{ missing|e }}", "error: 'missing' is undefined"),
            ("{{ missing|join }}", "error: 'missing' is undefined"),
            ("{{ missing is even }}", "error: 'missing' is undefined"),
            ("{{ missing != 1 }}", "error: 'missing' is undefined"),
            ("{{ 'x' if missing else 'y' }}", "error: 'missing' is undefined"),
            (
                "{{ missing is defined }}|{{ missing|default('z') }}|{{ user.missing is defined }}|{{ missing is none }}|{{ missing|d }}|{% set v = missing %}ok|{{ user.name }}|{{ 'a' if false }}|{{ missing is number }}",
                "False|z|False|False||ok|Ada||False"
            ),
        ]

        @Test(arguments: cases)
        func rendersLikeJinja(source: String, expected: String) throws {
            let environment = TemplateEnvironment(directory: "/nonexistent")
            let rendered = try environment.renderString(source, Self.context)
            #expect(rendered == expected)
        }

        @Test(arguments: undefinedErrors)
        func undefinedErrorsMatchJinja(source: String, message: String) {
            let error = renderError(source, Self.context)
            #expect(error?.kind == .undefined)
            #expect(error?.message == message)
            #expect(error?.templateName == "<string>" && error?.line == 1)
        }

        @Test(arguments: strictCases)
        func strictUndefinedMatchesJinja(source: String, expected: String) {
            let environment = TemplateEnvironment(directory: "/nonexistent")
            environment.strictUndefined = true
            do {
                #expect(try environment.renderString(source, Self.context) == expected)
            } catch let error as TemplateError {
                #expect("error: " + error.message == expected)
                #expect(error.kind == .undefined)
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }
}
