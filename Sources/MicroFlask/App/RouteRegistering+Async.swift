import Foundation

/// Async views: `app.get("/x") { req async throws in ... }`.
///
/// An async view runs as a task on MicroFlask's own small executor (`AsyncViewExecutor`), not on
/// Swift's cooperative pool: the caller waits for it synchronously, and a caller that is itself a
/// pool thread (a test, say) must not wait for a job queued behind it on that same pool. The
/// serving thread that received the request waits; once it has waited longer than the hand-off
/// threshold (2 ms), the server's monitor lets another thread poll, so other connections are
/// still served while the view awaits.
extension RouteRegistering {
    /// Registers an async view for `rule`.
    ///
    /// ```swift
    /// app.route("/weather") { req async throws in
    ///     try await forecastService.today()
    /// }
    /// ```
    public func route<R: ResponseConvertible>(
        _ rule: String, methods: [Method] = [.GET], endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) async throws -> R
    ) {
        addRoute(rule, methods: methods, endpoint: endpoint, location: "\(file):\(line)") { request in
            try AsyncBridge.wait(for: request) { try await handler(request).makeResponse() }
        }
    }

    /// Registers an async view whose `Encodable` result is sent as JSON.
    @_disfavoredOverload
    public func route<R: Encodable & SendableMetatype>(
        _ rule: String, methods: [Method] = [.GET], endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) async throws -> R
    ) {
        addRoute(rule, methods: methods, endpoint: endpoint, location: "\(file):\(line)") { request in
            try AsyncBridge.wait(for: request) {
                try request.jsonResponse(try await handler(request))
            }
        }
    }

    /// Registers an async view that returns different kinds of result on different paths.
    @_disfavoredOverload
    public func route(
        _ rule: String, methods: [Method] = [.GET], endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) async throws -> any ResponseConvertible
    ) {
        addRoute(rule, methods: methods, endpoint: endpoint, location: "\(file):\(line)") { request in
            try AsyncBridge.wait(for: request) { try await handler(request).makeResponse() }
        }
    }

    /// Registers an async view for GET requests to `rule`.
    public func get<R: ResponseConvertible>(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) async throws -> R
    ) {
        route(rule, methods: [.GET], endpoint: endpoint, file: file, line: line, handler)
    }

    /// Registers an async view for GET requests to `rule` whose `Encodable` result is sent as JSON.
    @_disfavoredOverload
    public func get<R: Encodable & SendableMetatype>(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) async throws -> R
    ) {
        route(rule, methods: [.GET], endpoint: endpoint, file: file, line: line, handler)
    }

    /// Registers an async view for GET requests to `rule` that returns different kinds of result.
    @_disfavoredOverload
    public func get(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) async throws -> any ResponseConvertible
    ) {
        route(rule, methods: [.GET], endpoint: endpoint, file: file, line: line, handler)
    }

    /// Registers an async view for POST requests to `rule`.
    public func post<R: ResponseConvertible>(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) async throws -> R
    ) {
        route(rule, methods: [.POST], endpoint: endpoint, file: file, line: line, handler)
    }

    /// Registers an async view for POST requests to `rule` whose `Encodable` result is sent as JSON.
    @_disfavoredOverload
    public func post<R: Encodable & SendableMetatype>(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) async throws -> R
    ) {
        route(rule, methods: [.POST], endpoint: endpoint, file: file, line: line, handler)
    }

    /// Registers an async view for POST requests to `rule` that returns different kinds of result.
    @_disfavoredOverload
    public func post(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) async throws -> any ResponseConvertible
    ) {
        route(rule, methods: [.POST], endpoint: endpoint, file: file, line: line, handler)
    }
}

/// Runs an async view to completion for a synchronous caller.
enum AsyncBridge {
    /// `@unchecked Sendable` by a one-owner hand-off: the task writes `result` before
    /// `done.signal()`, and the waiting thread reads it only after `done.wait()`.
    private final class Outcome: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        var result: Result<Response, any Error> = .failure(CancellationError())
    }

    static func wait(for request: Request, _ body: @escaping @Sendable () async throws -> Response) throws -> Response {
        let outcome = Outcome()
        Task(executorPreference: AsyncViewExecutor.shared) {
            do {
                outcome.result = .success(try await CurrentRequest.$task.withValue(request) { try await body() })
            } catch {
                outcome.result = .failure(error)
            }
            outcome.done.signal()
        }
        outcome.done.wait()
        return try outcome.result.get()
    }
}

/// The threads async views run on: a task executor with its own threads, so that waiting for a
/// view never depends on a free thread in Swift's cooperative pool.
///
/// `@unchecked Sendable` by its lock: `jobs` is used only under `condition`.
final class AsyncViewExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = AsyncViewExecutor(threads: max(2, ThreadInfo.availableCPUs))

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    init(threads: Int) {
        for index in 0..<threads {
            let thread = Thread { [unowned self] in runJobs() }
            thread.name = "microflask-async-\(index)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.withLock {
            jobs.append(job)
            condition.signal()
        }
    }

    private func runJobs() {
        while true {
            let job = condition.withLock {
                while jobs.isEmpty { condition.wait() }
                return jobs.removeFirst()
            }
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
