import Testing

@testable import MicroFlask

/// Inputs the fuzzers in Fuzz/ found (docs/RELIABILITY.md, "Findings"), each with what it broke.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// FuzzCookies: `=x` gave a cookie with an empty name, and `a` (no `=`) was dropped, where
    /// Werkzeug's `parse_cookie` drops the first and reads the second as `a` with an empty value.
    @Test func cookieWithAnEmptyNameIsDroppedAndABareNameHasAnEmptyValue() {
        let request = HTTPRequest(
            method: .GET, target: "/", headers: ["Cookie": "=x; a; b==c;  c = d ;\"e\"=f"])
        #expect(request.cookies == ["a": "", "b": "=c", "c": "d", "\"e\"": "f"])
        #expect(HTTPRequest(method: .GET, target: "/", headers: ["Cookie": "a=1; =2"]).cookies == ["a": "1"])
    }
}

/// FuzzCodec: a method over 16 bytes was refused while its head was still arriving (the early
/// check) but accepted when the whole head came in one read.
@Suite("Fuzz regressions: codec")
struct CodecFuzzRegressionTests {
    @Test func aLongMethodIsRefusedHoweverTheHeadIsSplit() {
        let method = "PO" + String(repeating: "^", count: 21) + "ST"
        expectCodecRejects("\(method) /c HTTP/1.1\r\nHost: a\r\n\r\n", status: 400)
    }

    /// A line too long to be a request line that does not start like one either was a 414 when
    /// it came whole and a 400 when it was split (the early check saw it first).
    @Test func aLongLineOfNoiseIsA400HoweverItIsSplit() {
        var limits = HTTPLimits()
        limits.maxRequestLineLength = 64
        let noise = String(repeating: "\u{1}", count: 80)
        expectCodecRejects("\(noise)\r\nHost: a\r\n\r\n", status: 400, limits: limits)
    }
}

/// FuzzJSON: the template JSON parser took numbers outside RFC 8259 (`00`, `.5`, `1.`) that
/// Foundation's reader and Python's `json.loads` refuse.
@Suite("Fuzz regressions: template JSON")
struct TemplateJSONFuzzRegressionTests {
    @Test(arguments: ["00", " 00", "-01", ".5", "1.", "1e", "1e+", "-", "+1", "0x1", "1.5.5"])
    func numbersOutsideTheGrammarAreRefused(_ text: String) {
        #expect(throws: TemplateJSONError.self) { try TemplateValue(json: text) }
    }

    @Test func numbersInTheGrammarStillParse() throws {
        #expect(
            try TemplateValue(json: "[0, -0, 10, 0.5, -1.25e3, 1E+2, 2e-1]")
                == .array([
                    .int(0), .int(0), .int(10), .double(0.5), .double(-1250), .double(100), .double(0.2),
                ]))
    }
}
