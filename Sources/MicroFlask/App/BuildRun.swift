import Foundation

/// One `swift build` of the reloader: the process, and its output (stdout and stderr together)
/// collected by a thread so that a chatty compiler never blocks on a full pipe.
///
/// `@unchecked Sendable` by its lock: `output` and `finished` are used only under `lock`.
final class BuildRun: @unchecked Sendable {
    let pid: pid_t
    let started = Date()
    private let lock = NSCondition()
    private var output: [UInt8] = []
    private var finished = false

    /// Starts `swift build --product product` for the package at `root`.
    init(root: String, product: String, environment: [String: String]) throws(SystemError) {
        let (readEnd, writeEnd) = try ChildProcess.pipe()
        defer { ChildProcess.close(writeEnd) }
        do {
            pid = try ChildProcess.spawn(
                "/usr/bin/env", arguments: ["env", "swift", "build", "--package-path", root, "--product", product],
                environment: environment, descriptors: [(writeEnd, 1), (writeEnd, 2)])
        } catch {
            ChildProcess.close(readEnd)
            throw error
        }
        let thread = Thread { [self] in
            let bytes = ChildProcess.readToEnd(readEnd)
            lock.withLock {
                output = bytes
                finished = true
                lock.broadcast()
            }
        }
        thread.name = "microflask-build-output"
        thread.start()
    }

    /// The build's output, once the process has ended (waits for the pipe's end, at most 10 s:
    /// a compiler process left behind could hold it open).
    func collectedOutput() -> String {
        lock.withLock {
            let deadline = Date().addingTimeInterval(10)
            while !finished && lock.wait(until: deadline) {}
            return String(decoding: output, as: UTF8.self)
        }
    }
}
