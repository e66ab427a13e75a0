// Renders one benchmark page for a fixed time and prints one JSON line with renders per second.
// Usage: TemplateBench PAGE [--seconds S] [--iterations N] [--dump]   (run from Benchmarks/TemplateBench)
//   PAGE: page (the 33 KB users page) | flaskr (Flaskr's blog index)
//   --iterations N renders exactly N times (for callgrind) instead of for S seconds.
import Foundation
import Glibc
import MicroFlask

/// This process's CPU time in seconds (user and system), which a busy machine does not inflate.
func cpuSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> Double? {
    guard let position = arguments.firstIndex(of: name), position + 1 < arguments.count else { return nil }
    return Double(arguments[position + 1])
}
let pageName = arguments.first ?? "page"
let seconds = option("--seconds") ?? 2
let fixedIterations = option("--iterations").map { Int($0) }

do {
    let page = pageName == "flaskr" ? Pages.flaskrIndex() : Pages.usersPage()
    let first = try page.render()
    if arguments.contains("--dump") {
        FileHandle.standardOutput.write(Data(first))
        exit(0)
    }
    var bytes = 0
    if let fixedIterations {
        for _ in 0..<fixedIterations { bytes &+= try page.render().count }
        print("{\"engine\": \"microflask\", \"page\": \"\(pageName)\", \"iterations\": \(fixedIterations)}")
        exit(0)
    }
    let clock = ContinuousClock()
    let warmUp = clock.now.advanced(by: .seconds(seconds / 4))
    while clock.now < warmUp { bytes &+= try page.render().count }
    var count = 0
    let cpuStart = cpuSeconds()
    let start = clock.now
    let deadline = start.advanced(by: .seconds(seconds))
    var now = start
    repeat {
        for _ in 0..<10 { bytes &+= try page.render().count }
        count += 10
        now = clock.now
    } while now < deadline
    let elapsed = (now - start).components
    let duration = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    let cpu = cpuSeconds() - cpuStart
    print(
        "{\"engine\": \"microflask\", \"page\": \"\(pageName)\", \"renders_per_s\": \(Double(count) / duration), "
            + "\"renders_per_cpu_s\": \(Double(count) / cpu), \"bytes\": \(first.count)}")
} catch {
    FileHandle.standardError.write(Data("render failed: \(error)\n".utf8))
    exit(1)
}
