import Foundation
import Glibc

@testable import MicroFlask

/// A process started for a test, whose stderr (and stdout) the test reads as it comes: tests
/// wait for a line to appear rather than for time to pass. Started with `posix_spawn`, so that
/// descriptors can be passed (a pre-bound listener), and reaped by its own pid.
///
/// `@unchecked Sendable` by its lock: `text` and `ended` are used only under `lock`.
final class LoggedProcess: @unchecked Sendable {
    let pid: pid_t
    private let lock = NSCondition()
    private var text = ""
    private var ended = false
    private var status: Int32?

    /// Starts `path` with `arguments` (without the program name), the test's environment
    /// changed by `environment` (a nil value removes a variable), and `descriptors` placed.
    init(
        _ path: String, arguments: [String], environment changes: [String: String?] = [:],
        descriptors: [(Int32, Int32)] = []
    ) throws {
        var environment = ProcessInfo.processInfo.environment
        environment["PORT"] = nil
        environment["HOST"] = nil
        for (key, value) in changes { environment[key] = value }
        let (readEnd, writeEnd) = try ChildProcess.pipe()
        defer { ChildProcess.close(writeEnd) }
        pid = try ChildProcess.spawn(
            path, arguments: [path] + arguments, environment: environment,
            descriptors: descriptors + [(writeEnd, 1), (writeEnd, 2)])
        let thread = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 8192)
            while true {
                let count = read(readEnd, &buffer, buffer.count)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                let chunk = String(decoding: buffer[0..<count], as: UTF8.self)
                lock.withLock {
                    text += chunk
                    lock.broadcast()
                }
            }
            Glibc.close(readEnd)
            lock.withLock {
                ended = true
                lock.broadcast()
            }
        }
        thread.start()
    }

    /// Everything written so far.
    var output: String { lock.withLock { text } }

    /// Waits until the output contains `needle` (searching from `offset`); false after
    /// `timeout` seconds or once the output ended without it.
    @discardableResult
    func waitFor(_ needle: String, after offset: String.Index? = nil, timeout: Double = 30) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        return lock.withLock {
            while true {
                let start = offset ?? text.startIndex
                if start <= text.endIndex, text[start...].contains(needle) { return true }
                if ended || !lock.wait(until: deadline) { return text[(offset ?? text.startIndex)...].contains(needle) }
            }
        }
    }

    /// The first match of `pattern` (a regular expression) in the output, waiting for it.
    func waitForMatch(_ pattern: String, timeout: Double = 30) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        return lock.withLock {
            while true {
                if let range = text.range(of: pattern, options: .regularExpression) { return String(text[range]) }
                if ended || !lock.wait(until: deadline) { return nil }
            }
        }
    }

    /// The port of the " * Running on http://127.0.0.1:PORT" banner.
    func bannerPort(timeout: Double = 60) -> Int? {
        guard let match = waitForMatch(#"Running on http://127\.0\.0\.1:\d+"#, timeout: timeout) else { return nil }
        return Int(match.split(separator: ":").last ?? "")
    }

    /// Sends `signal` to the process.
    func send(_ signal: Int32) { kill(pid, signal) }

    /// Waits for the process to end (the output's end first: every child holding it is gone
    /// too) and returns its wait status; SIGKILL after `timeout` seconds.
    func waitForExit(timeout: Double = 30) -> ChildProcess.Termination {
        let deadline = Date().addingTimeInterval(timeout)
        let finished = lock.withLock {
            while !ended && lock.wait(until: deadline) {}
            return ended
        }
        if !finished { kill(pid, SIGKILL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
    }

    /// The process's children (its workers), from /proc.
    var children: [pid_t] {
        let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
        return text.split(separator: " ").compactMap { Int32($0) }
    }

    deinit {
        if lock.withLock({ !ended }) {
            kill(pid, SIGKILL)
            _ = waitForExit(timeout: 5)
        }
    }
}
