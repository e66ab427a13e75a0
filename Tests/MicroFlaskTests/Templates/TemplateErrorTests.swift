import Foundation
import Testing

@testable import MicroFlask

extension Templates {
    /// Every error names the template, line and column, and most carry a hint.
    struct ErrorTests {
        @Test func unknownFilterIsReportedAtParseTimeWithSuggestion() throws {
            let fixture = try TemplateFixture(["index.html": "<h1>\n  {{ title }}\n  {{ name|uper }}\n"])
            defer { fixture.remove() }
            let environment = TemplateEnvironment(directory: fixture.path)
            let error = #expect(throws: TemplateError.self) { try environment.render("index.html") }
            #expect(error?.kind == .unknownFilter)
            #expect(error?.description == "index.html:3:11: unknown filter 'uper' (did you mean 'upper'?)")
        }

        @Test func unknownTagHasLineColumnAndSuggestion() {
            let error = renderError("a\n\n  {% incude 'x.html' %}")
            #expect(error?.kind == .unknownTag)
            #expect(error?.line == 3)
            #expect(error?.column == 6)
            #expect(error?.hint == "did you mean 'include'?")
            #expect(error?.description == "<string>:3:6: unknown tag 'incude' (did you mean 'include'?)")
        }

        @Test func unclosedBlockPointsAtTheOpeningTag() {
            let error = renderError("line 1\n{% for x in items %}\n  {{ x }}\n")
            #expect(error?.kind == .syntax)
            #expect(error?.line == 3, "Jinja reports the last token's line, where the template ended")
            #expect(error?.message == "unexpected end of template: '{% for %}' is never closed")
            #expect(error?.hint == "add '{% endfor %}' for the '{% for %}' on line 2")
        }

        @Test func mismatchedEndTagNamesTheOpenBlock() {
            let error = renderError("a\n{% if x %}\n{% endfor %}")
            #expect(error?.line == 3)
            #expect(error?.message == "unexpected '{% endfor %}'")
            #expect(
                error?.hint == "the innermost open tag is '{% if %}' from line 2; close it with '{% endif %}'")
        }

        @Test func strayEndTag() {
            let error = renderError("{% endif %}")
            #expect(error?.hint == "there is no open tag that it could close")
        }

        @Test func unclosedVariableTag() {
            let error = renderError("ok\nok {{ user.name\nmore")
            #expect(error?.line == 2)
            #expect(error?.column == 4)
            #expect(error?.hint == "add '}}'")
        }

        @Test func unclosedBlockTagAndComment() {
            #expect(renderError("{% if x ")?.hint == "add '%}'")
            #expect(renderError("a {# never closed")?.message == "unclosed comment")
            #expect(renderError("{{ 'abc }}")?.message == "unterminated string literal")
        }

        @Test func badExpression() {
            let error = renderError("x\n{{ 1 + }}")
            #expect(error?.line == 2)
            #expect(error?.column == 8)
            #expect(error?.message == "expected an expression, got '}}'")
            #expect(renderError("{{ a b }}")?.message == "expected '}}', got 'b'")
            #expect(renderError("{{ x is dfined }}")?.hint == "did you mean 'defined'?")
            #expect(renderError("{{ a $ b }}")?.message == "unexpected character '$' in tag")
        }

        @Test func missingTemplateNamesTheDirectory() throws {
            let fixture = try TemplateFixture([:])
            defer { fixture.remove() }
            let environment = TemplateEnvironment(directory: fixture.path)
            let error = #expect(throws: TemplateError.self) { try environment.render("nope.html") }
            #expect(error?.kind == .missingTemplate)
            #expect(
                error?.message == "template 'nope.html' not found in '\(fixture.directory.standardizedFileURL.path)'")
            #expect(error?.hint?.contains("check that 'nope.html' exists in your templates folder") == true)
        }

        @Test func missingIncludeIsReportedAtTheIncludeTag() throws {
            let fixture = try TemplateFixture(["page.html": "<p>\n  {% include 'footer.html' %}"])
            defer { fixture.remove() }
            let environment = TemplateEnvironment(directory: fixture.path)
            let error = #expect(throws: TemplateError.self) { try environment.render("page.html") }
            #expect(error?.kind == .missingTemplate)
            #expect(error?.templateName == "page.html")
            #expect(error?.line == 2)
            #expect(error?.column == 3)
        }

        @Test func errorInsideIncludedTemplateNamesThatTemplate() throws {
            let fixture = try TemplateFixture([
                "page.html": "{% include 'part.html' %}",
                "part.html": "ok\n{{ 'a' + 1 }}",
            ])
            defer { fixture.remove() }
            let environment = TemplateEnvironment(directory: fixture.path)
            let error = #expect(throws: TemplateError.self) { try environment.render("page.html") }
            #expect(error?.templateName == "part.html")
            #expect(error?.line == 2)
            #expect(error?.message == "unsupported operand types for +: 'str' and 'int'")
            #expect(error?.hint == "use '~' to join values as text")
        }

        @Test func pathTraversalIsRefused() {
            let environment = TemplateEnvironment(directory: "/tmp")
            let error = #expect(throws: TemplateError.self) { try environment.render("../etc/passwd") }
            #expect(error?.kind == .missingTemplate)
        }

        @Test func runtimeErrors() {
            #expect(renderError("{{ 1 // 0 }}")?.message == "integer division or modulo by zero")
            #expect(renderError("{{ nope() }}")?.message == "unknown function 'nope'")
            #expect(renderError("{{ x + 1 }}")?.message == "'x' is undefined")
            #expect(renderError("{{ x + 1 }}")?.kind == .undefined)
            #expect(renderError("{% for x in 5 %}{% endfor %}")?.message == "'int' object is not iterable")
            #expect(renderError("{{ 1 < 'a' }}")?.message == "'<' is not supported between int and str")
            #expect(renderError("{{ super() }}")?.message == "super() used outside a block")
        }

        @Test func functionErrorsAreWrapped() {
            struct Boom: Error {}
            let environment = TemplateEnvironment(directory: "/tmp")
            environment.registerFunction("explode") { _, _ in throw Boom() }
            let error = #expect(throws: TemplateError.self) { try environment.renderString("\n  {{ explode() }}") }
            #expect(error?.message == "explode() failed: Boom()")
            #expect(error?.line == 2)
        }

        @Test func descriptionLeavesOutUnknownParts() {
            #expect(TemplateError(.runtime, "boom").description == "boom")
            #expect(TemplateError(.runtime, "boom", hint: "fix it").description == "boom (fix it)")
            #expect(
                TemplateError(.syntax, "bad", templateName: "a.html", line: 2, column: 5).description
                    == "a.html:2:5: bad")
        }
    }
}
