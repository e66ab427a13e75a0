import Testing

@testable import MicroFlask

extension Templates {
    /// HTML autoescaping in text and attribute contexts, and markup that is not escaped twice.
    struct EscapingTests {
        @Test func escapesTheFiveCharacters() {
            #expect(
                HTMLEscaping.escape(#"<a href="x">Tom & 'Jerry'</a>"#)
                    == "&lt;a href=&#34;x&#34;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;")
            #expect(HTMLEscaping.escape("plain ünïcödé") == "plain ünïcödé")
            #expect(HTMLEscaping.escape("") == "")
        }

        @Test func attributeContextCannotBeBrokenOutOf() throws {
            let evil: TemplateValue = #"" onmouseover="alert(1)"#
            #expect(try render(#"<a title="{{ x }}">"#, ["x": evil]) == #"<a title="&#34; onmouseover=&#34;alert(1)">"#)
            #expect(try render("<a title='{{ x }}'>", ["x": "' autofocus '"]) == "<a title='&#39; autofocus &#39;'>")
        }

        @Test func safeValuesAndSafeFilterAreNotEscaped() throws {
            let context: [String: TemplateValue] = ["m": .safe("<b>x</b>"), "s": "<i>"]
            #expect(try render("{{ m }}{{ s|safe }}{{ s|e|e }}{{ m|e }}", context) == "<b>x</b><i>&lt;i&gt;<b>x</b>")
        }

        @Test func numbersAndListsAreEscapedWhenPrinted() throws {
            #expect(try render("{{ ['<'] }}|{{ 3 }}") == "[&#39;&lt;&#39;]|3")
        }
    }
}
