// Route patterns and matching: the first line is a rule, the next lines are paths. Compiling
// never crashes; a matched path's values build a URL that matches again with the same values.
import FuzzSupport
@testable import MicroFlask

runFuzzer { data in
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    guard let rule = lines.first, let pattern = try? RoutePattern(String(rule)) else { return }
    for path in lines.dropFirst().prefix(8) {
        guard let values = pattern.match(RouteTable.segments(of: String(path))) else { continue }
        check(Set(values.keys) == Set(pattern.parameterNames), "values for \(values.keys), not \(pattern.parameterNames)")
        guard let built = try? pattern.build(values.mapValues(\.description)) else { continue }
        let decoded = PercentEncoding.decode(built[...])
        let again = pattern.match(RouteTable.segments(of: decoded))
        check(again?.mapValues(\.description) == values.mapValues(\.description), "\(rule): \(path) -> \(built) -> \(String(describing: again))")
    }
}
