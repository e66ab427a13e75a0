import Foundation
import Glibc

/// A bounded load: `clients` threads, each sending `GET path` on a new connection per request
/// until told to stop (or `limit` requests each), counting what happened.
///
/// `@unchecked Sendable` by its lock: the counters and `stopped` are used only under `lock`.
final class ClientLoad: @unchecked Sendable {
    private let lock = NSCondition()
    // Read from other threads only through the locked accessors below (ThreadSanitizer found a
    // test reading `successes` directly while the clients counted).
    private var successCount = 0
    private var failureKinds: [String: Int] = [:]
    private var bodies: [String] = []
    private var stopped = false
    private var running: Int

    /// `limit` must outlast what a test waits for: at 5,000 per client the faster engine (event
    /// batches) finished a worker-kill test's whole load before the kill, and the wait for
    /// successes after it could only fail. `stop()` ends the load early, so a large bound costs nothing.
    init(port: Int, path: String = "/plaintext", clients: Int, limit: Int = 50_000) {
        running = clients
        for _ in 0..<clients {
            let thread = Thread { [self] in
                for _ in 0..<limit {
                    if lock.withLock({ stopped }) { break }
                    record(ClientLoad.request(port: port, path: path))
                }
                lock.withLock {
                    running -= 1
                    lock.broadcast()
                }
            }
            thread.start()
        }
    }

    private enum Outcome {
        case ok(String)
        case failed(String)
    }

    private static func request(port: Int, path: String) -> Outcome {
        do {
            let client = try RawClient(port: port, timeout: 20)
            try client.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            let response = try client.readResponse()
            return response.status == 200 ? .ok(response.text) : .failed("status \(response.status)")
        } catch RawClientError.connect(let code) {
            return .failed(code == ECONNREFUSED ? "refused" : "connect \(code)")
        } catch RawClientError.reset {
            return .failed("reset")
        } catch RawClientError.closed {
            return .failed("closed")
        } catch RawClientError.timeout {
            return .failed("timeout")
        } catch {
            return .failed("\(error)")
        }
    }

    private func record(_ outcome: Outcome) {
        lock.withLock {
            switch outcome {
            case .ok(let body):
                successCount += 1
                if bodies.last != body { bodies.append(body) }
            case .failed(let kind): failureKinds[kind, default: 0] += 1
            }
            lock.broadcast()
        }
    }

    /// Requests answered 200 so far.
    var successes: Int { lock.withLock { successCount } }
    /// Failures by kind: "refused", "reset", "closed", "timeout", "status NNN", ...
    var failures: [String: Int] { lock.withLock { failureKinds } }
    var failureCount: Int { lock.withLock { failureKinds.values.reduce(0, +) } }
    var summary: String {
        lock.withLock {
            let ranOut = running == 0 && !stopped ? " (every client sent all its requests: the load ran out)" : ""
            return "\(successCount) ok, failures \(failureKinds)\(ranOut)"
        }
    }
    var distinctBodies: [String] { lock.withLock { bodies } }

    /// Waits until `count` requests succeeded in all (false after `timeout` s or when all stopped).
    @discardableResult
    func waitForSuccesses(_ count: Int, timeout: Double = 60) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        return lock.withLock {
            while successCount < count {
                if running == 0 || !lock.wait(until: deadline) { return successCount >= count }
            }
            return true
        }
    }

    /// Waits until a response body contains `text`.
    @discardableResult
    func waitForBody(containing text: String, timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        return lock.withLock {
            while !bodies.contains(where: { $0.contains(text) }) {
                if running == 0 || !lock.wait(until: deadline) { return false }
            }
            return true
        }
    }

    /// Stops the clients and waits for the requests under way.
    func stop() {
        lock.withLock {
            stopped = true
            while running > 0 { lock.wait() }
        }
    }
}
