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

    /// A request line past its limit with a bare LF further on: fed whole, the bare LF answered
    /// (400); fed in reads, the length did first (414). The limits are now applied at the byte
    /// that passes them. The input FuzzCodec found, with its limits.
    @Test func aLimitPassedBeforeABareLFAnswersTheSameHoweverTheHeadIsSplit() {
        var limits = HTTPLimits()
        limits.maxRequestLineLength = 256
        limits.maxHeaderSize = 1024
        let hex =
            "54202f6320485454502f310d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d"
            + "0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0000000001000000006320485454502f310d0d0d0d0d0d0d0d0d0d0d0d"
            + "0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d00000000"
            + "010000000000000000000000000000000023232323232323232323232323232323232323232323232323232323232323"
            + "232323232323232323232323000000000000000000000000000000000000000000000000000000000000000000050000"
            + "000000000000000000230000000000000d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d00000001000000000000000000"
            + "000000232323232323232323232323232323232323232323232323232323232323232323232323232323232323230000"
            + "000000000000000000000000000000000000000000000000000000000000000500000000000000000000002300000000"
            + "00000d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d000000010000030a0d0a"
        let bytes = stride(from: 0, to: hex.count, by: 2).map { offset -> UInt8 in
            let start = hex.index(hex.startIndex, offsetBy: offset)
            return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)!
        }
        expectCodecRejects(bytes, status: 414, limits: limits)
        // The same for the header section: past its limit before a bare LF.
        let headers = "GET / HTTP/1.1\r\nHost: a\r\nX: " + String(repeating: "y", count: 1100) + "\nZ: 1\r\n\r\n"
        expectCodecRejects(Array(headers.utf8), status: 431, limits: limits)
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
