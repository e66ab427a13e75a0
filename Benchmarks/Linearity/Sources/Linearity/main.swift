import Foundation

// Times every case at 1x and 10x input (the fastest of several alternating samples). Linear
// work gives a ratio near 10, up to about 15 when the 10x input falls out of the caches (seen on
// the 2-core CI box); quadratic work gives about 100, n^1.3 gives 20. A ratio above the limit
// fails the run. Options: --limit R (default 20), --samples N (default 7), --only SUBSTRING,
// --factor F (the large input's multiple, default 10; the ratio shown is scaled to a 10x step).
var limit = 20.0
var samples = 7
var only: String?
var factor = 10
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--limit": limit = Double(arguments.popFirst() ?? "") ?? limit
    case "--samples": samples = Int(arguments.popFirst() ?? "") ?? samples
    case "--only": only = arguments.popFirst()
    case "--factor": factor = Int(arguments.popFirst() ?? "") ?? factor
    default:
        print("usage: Linearity [--limit R] [--samples N] [--only SUBSTRING] [--factor F]")
        exit(2)
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}

func format(_ nanoseconds: Double) -> String {
    nanoseconds >= 1e6 ? String(format: "%8.2f ms", nanoseconds / 1e6) : String(format: "%8.1f us", nanoseconds / 1e3)
}

var failures: [String] = []
print(
    "case".padding(toLength: 56, withPad: " ", startingAt: 0) + "         1x" + "\(factor)x".leftPadded(to: 12)
        + "   ratio")
for item in Cases.all where only.map({ item.name.contains($0) }) ?? true {
    do {
        let small = try item.make(item.size)
        let large = try item.make(item.size * factor)
        var times = try Timing.fastest(samples: samples, small, large)
        // One retry before failing: a burst of other work on a shared machine can hit one pair.
        if times.large / times.small * 10 / Double(factor) > limit {
            let again = try Timing.fastest(samples: samples, small, large)
            if again.large / again.small < times.large / times.small { times = again }
        }
        // Normalised to a 10x step, so the limit means the same with another --factor.
        let ratio = times.large / times.small * 10 / Double(factor)
        let verdict = ratio > limit ? "  SUPER-LINEAR" : ""
        print(
            item.name.padding(toLength: 56, withPad: " ", startingAt: 0)
                + "\(format(times.small))  \(format(times.large))  "
                + String(format: "%5.1f", ratio) + verdict)
        if ratio > limit { failures.append("\(item.name): \(String(format: "%.1f", ratio))x for 10x input") }
    } catch {
        print("\(item.name): \(error)")
        failures.append("\(item.name): \(error)")
    }
}
if failures.isEmpty {
    print("all linear (limit \(limit)x for 10x input)")
} else {
    print("FAILED:\n  " + failures.joined(separator: "\n  "))
    exit(1)
}
