// Templates: the lexer, parser and renderer take any source without crashing; errors are
// `TemplateError`s. A template is the app's code, not the client's, so the harness skips sources
// that ask for unbounded work on purpose (numbers of three digits or more, several `*`).
import FuzzSupport

@testable import MicroFlask

let context: [String: TemplateValue] = [
    "name": .string("<b>&amp;</b>"), "count": .int(3), "ratio": .double(0.5), "ok": .bool(true),
    "items": .array([.int(1), .string("two"), .null]),
    "user": .dictionary(["name": .string("ann"), "tags": .array([.string("a"), .string("b")])]),
]

func asksForUnboundedWork(_ bytes: [UInt8]) -> Bool {
    var digits = 0
    var stars = 0
    for byte in bytes {
        if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
            digits += 1
            if digits >= 3 { return true }
        } else {
            digits = 0
        }
        if byte == UInt8(ascii: "*") { stars += 1 }
    }
    return stars > 1 || bytes.count > 2048
}

runFuzzer { data in
    guard !asksForUnboundedWork(data) else { return }
    let source = String(decoding: data, as: UTF8.self)
    // A fresh environment per input, released when the input is done: `renderString` caches the
    // parsed template, and LeakSanitizer cannot follow the pointers inside a parsed template (a
    // Swift enum keeps its case in the spare bits of its payload's pointer), so templates still
    // cached at exit were reported as leaks (docs/RELIABILITY.md, finding 5). Freed every time,
    // a template that really leaked shows up as one.
    let environment = TemplateEnvironment(directory: "/nonexistent-microflask-fuzz")
    var lexer = TemplateLexer(source: source, name: "fuzz")
    let tokens = try? lexer.tokenize()
    do {
        let output = try environment.renderString(source, context)
        check(tokens != nil, "rendered a template the lexer rejects")
        _ = output
    } catch is TemplateError {
    } catch {
        check(false, "not a TemplateError: \(error)")
    }
}
