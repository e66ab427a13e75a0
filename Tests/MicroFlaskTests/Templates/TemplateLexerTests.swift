import Testing

@testable import MicroFlask

extension Templates {
    /// Tokens, positions and whitespace control.
    struct LexerTests {
        private func kinds(_ source: String) throws -> [TemplateToken.Kind] {
            var lexer = TemplateLexer(source: source, name: "t")
            return try lexer.tokenize().map(\.kind)
        }

        @Test func splitsTextAndTags() throws {
            #expect(
                try kinds("a{{ x|upper }}b{% if y >= 2.5 %}")
                    == [
                        .text("a"), .variableBegin, .name("x"), .symbol("|"), .name("upper"), .variableEnd, .text("b"),
                        .blockBegin, .name("if"), .name("y"), .symbol(">="), .double(2.5), .blockEnd, .end,
                    ])
        }

        @Test func tracksLinesAndColumns() throws {
            var lexer = TemplateLexer(source: "ab\n  {{ 'é' }}\n{% x %}", name: "t")
            let tokens = try lexer.tokenize()
            #expect(tokens[1].location == SourceLocation(line: 2, column: 3))
            #expect(tokens[2].location == SourceLocation(line: 2, column: 6))
            #expect(tokens[3].location == SourceLocation(line: 2, column: 10))
            #expect(tokens[5].location == SourceLocation(line: 3, column: 1))
        }

        @Test func dictionaryLiteralBracesDoNotCloseTheTag() throws {
            #expect(try render("{{ {'a': {'b': 1}}['a']['b'] }}") == "1")
        }

        @Test func whitespaceControlTrimsNewlinesToo() throws {
            #expect(
                try render("<ul>\n  {%- for i in [1, 2] %}\n  <li>{{ i }}</li>\n  {%- endfor %}\n</ul>")
                    == "<ul>\n  <li>1</li>\n  <li>2</li>\n</ul>")
            #expect(try render("a \n {{- 1 -}} \n b") == "a1b")
            #expect(try render("a {#- c -#} b") == "ab")
            #expect(try render("a {%- raw -%}  {{x}}  {%- endraw -%} b") == "a{{x}}b")
        }

        @Test func oneTrailingNewlineIsDropped() throws {
            #expect(try render("x\n") == "x")
            #expect(try render("x\n\n") == "x\n")
        }
    }
}
