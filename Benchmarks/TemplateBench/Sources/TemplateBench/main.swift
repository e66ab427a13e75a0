// Renders templates/rows.html (100 rows) N times and prints renders per second.
// Usage: TemplateBench [iterations] [--dump]   (run from Benchmarks/TemplateBench)
import Foundation
import MicroFlask

let arguments = CommandLine.arguments.dropFirst()
let iterations = arguments.compactMap { Int($0) }.first ?? 20_000
let dump = arguments.contains("--dump")

let rows: [TemplateValue] = (1...100).map { index in
    [
        "name": .string("User <\(index)> & 'co'"),
        "email": .string("USER\(index)@EXAMPLE.COM"),
        "active": .bool(index % 3 != 0),
    ]
}
let context: [String: TemplateValue] = ["rows": .array(rows)]
let environment = TemplateEnvironment(directory: "templates")

do {
    let first = try environment.render("rows.html", context)
    if dump {
        print(first, terminator: "")
        exit(0)
    }
    for _ in 0..<min(iterations / 10, 1_000) { _ = try environment.render("rows.html", context) }
    var bytes = 0
    let clock = ContinuousClock()
    let elapsed = try clock.measure {
        for _ in 0..<iterations { bytes &+= try environment.render("rows.html", context).utf8.count }
    }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let perSecond = Double(iterations) / seconds
    print(
        String(
            format: "MicroFlask: %.0f renders/s (%.1f us/render, %d iterations, %d bytes/page)",
            perSecond, 1e6 / perSecond, iterations, bytes / iterations))
} catch {
    print("render failed: \(error)")
    exit(1)
}
