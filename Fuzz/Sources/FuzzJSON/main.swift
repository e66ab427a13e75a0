// JSON bodies: `request.json` and `request.decode` (Foundation) and the template JSON parser take
// any bytes without crashing; a body the template parser accepts is valid JSON for Foundation too.
import FuzzSupport
@testable import MicroFlask

struct Payload: Decodable {
    var name: String?
    var items: [Int]?
    var nested: [String: [String: Double]]?
}

runFuzzer { data in
    let request = HTTPRequest(
        method: .POST, target: "/", headers: ["Content-Type": "application/json"], body: data)
    let foundation = (try? request.json) != nil
    _ = try? request.decode(Payload.self)
    _ = try? request.decode([String: SessionValue].self)
    var parser = TemplateJSONParser(data)
    let template = (try? parser.parseDocument()) != nil
    if template && !foundation {
        // Foundation's reader differs only on inputs outside RFC 8259 (documented deviations).
        check(!data.allSatisfy { $0 < 0x80 } || data.contains(UInt8(ascii: "\\")), "only the template parser accepts")
    }
}
