import Testing

@testable import MicroFlask

/// The static rules' table: every rule found by its exact bytes, nothing else found.
@Suite("Static route index")
struct StaticRouteIndexTests {
    @Test("each of many paths finds its own routes; near misses, prefixes and case changes find none")
    func lookUps() {
        var routes: [String: [Int]] = [:]
        for index in 0..<300 { routes["/page/\(index)"] = [index, index + 1000] }
        routes["/"] = [7]
        routes["/straße"] = [8]
        let table = StaticRouteIndex(routes)
        for (path, expected) in routes { #expect(table[path] == expected, "\(path)") }
        for missing in ["", "/page/", "/page/300", "/page/1/", "/PAGE/1", "/strasse", "//", "/page/01"] {
            #expect(table[missing] == nil, "\(missing)")
        }
        // A path made at run time, not a literal, is looked up the same.
        let built = String("/page/42".reversed().reversed())
        #expect(table[built] == [42, 1042])
    }

    @Test("an empty table finds nothing")
    func empty() {
        #expect(StaticRouteIndex([:])["/"] == nil)
    }
}
