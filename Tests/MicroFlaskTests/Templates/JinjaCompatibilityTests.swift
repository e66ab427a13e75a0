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
        ]

        @Test(arguments: cases)
        func rendersLikeJinja(source: String, expected: String) throws {
            let environment = TemplateEnvironment(directory: "/nonexistent")
            let rendered = try environment.renderString(source, Self.context)
            #expect(rendered == expected)
        }
    }
}
