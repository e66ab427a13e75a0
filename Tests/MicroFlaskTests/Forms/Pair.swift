/// An equatable name–value pair, for comparing `[(String, String)]` results in tests.
struct Pair: Equatable, CustomStringConvertible {
    let name: String
    let value: String

    init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    init(_ pair: (String, String)) {
        self.init(pair.0, pair.1)
    }

    var description: String { "(\(name.debugDescription), \(value.debugDescription))" }
}
