import Foundation
import MicroFlask

/// Routes for the supervisor's tests, registered only when `MICROFLASK_DEMO_TEST_ROUTES=1`
/// (never in the default demo): a view that traps, and one that takes its time.
enum TestRoutes {
    static func registerIfEnabled(on app: App) {
        guard ProcessInfo.processInfo.environment["MICROFLASK_DEMO_TEST_ROUTES"] == "1" else { return }
        // An index out of range: a Swift trap, which ends the process that runs it.
        app.get("/crash") { req in
            let values: [Int] = []
            return "value \(values[Int(req.args["index"] ?? "") ?? 0])"
        }
        // Says on stderr that it started (the tests wait for that line), then sleeps.
        app.get("/sleep/<int:ms>") { req in
            let milliseconds: Int = try req.param("ms")
            app.logger.info("sleeping \(milliseconds) ms in process \(ProcessInfo.processInfo.processIdentifier)")
            usleep(UInt32(milliseconds) * 1000)
            return "slept \(milliseconds) ms"
        }
    }
}
