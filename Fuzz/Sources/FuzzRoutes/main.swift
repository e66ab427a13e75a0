// Route patterns and matching: the first line is a rule, the next lines are paths. Compiling
// never crashes; a matched path's values build a URL that matches again with the same values;
// the byte matcher, where the rule has one, answers what the general matcher answers.
import FuzzSupport
@testable import MicroFlask

runFuzzer { data in
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    guard let rule = lines.first, let pattern = try? RoutePattern(String(rule)) else { return }
    let byteMatcher = BytePathMatcher(pattern)
    for path in lines.dropFirst().prefix(8) {
        if let byteMatcher { checkBytes(byteMatcher, pattern, String(path)) }
        guard let values = pattern.match(RouteTable.segments(of: String(path))) else { continue }
        check(Set(values.keys) == Set(pattern.parameterNames), "values for \(values.keys), not \(pattern.parameterNames)")
        guard let built = try? pattern.build(values.mapValues(\.description)) else { continue }
        let decoded = PercentEncoding.decode(built[...])
        let again = pattern.match(RouteTable.segments(of: decoded))
        check(again?.mapValues(\.description) == values.mapValues(\.description), "\(rule): \(path) -> \(built) -> \(String(describing: again))")
    }
}

/// What the table would get from the byte matcher for `path` agrees with the general matcher.
func checkBytes(_ matcher: BytePathMatcher, _ pattern: RoutePattern, _ path: String) {
    var contiguous = path
    let outcome = contiguous.withUTF8 { bytes in
        bytes.starts(with: pattern.leadingBytes) ? matcher.match(bytes, of: path) : nil
    }
    guard let outcome else { return }
    let general = pattern.matchInOrder(RouteTable.segments(of: path))
    switch outcome {
    case .matched(let captures):
        check(
            captures.map(\.name) == general?.map(\.name) && captures.map(\.value) == general?.map(\.value),
            "\(pattern): \(path.debugDescription) bytes \(captures.map(\.value)), general \(String(describing: general))")
    case .mismatch:
        check(general == nil, "\(pattern): \(path.debugDescription) rejected on bytes, general \(String(describing: general))")
    case .undecided:
        break
    }
}
