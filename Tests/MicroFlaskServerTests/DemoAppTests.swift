import Foundation
import Glibc
import Testing

/// The demo, as a newcomer meets it: the built `App` binary, started on a free port from the
/// repository root (where `templates/` and `static/` are), then stopped with Ctrl-C.
@Suite(.serialized)
struct DemoAppTests {
    /// A running demo process and the port it printed in its banner.
    final class DemoProcess {
        let process = Process()
        let port: Int
        private let errors = Pipe()

        init(binary name: String = "App", arguments: [String] = [], directory: URL? = nil) throws {
            let binary = DemoAppTests.binary(name)
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
            process.executableURL = binary
            process.arguments = ["--port", "0"] + arguments
            process.currentDirectoryURL = directory ?? root
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            var environment = ProcessInfo.processInfo.environment
            environment["PORT"] = nil
            environment["HOST"] = nil
            process.environment = environment
            try process.run()
            // The banner says " * Running on http://127.0.0.1:PORT (Press CTRL+C to quit)".
            var banner = ""
            // Generous: under `--workers` the banner waits for a worker process to start, which
            // takes seconds when the whole suite loads a 2-core machine.
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline, !banner.contains("(Press CTRL+C") {
                let data = errors.fileHandleForReading.availableData
                if data.isEmpty { break }
                banner += String(decoding: data, as: UTF8.self)
            }
            guard let range = banner.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression),
                let port = Int(banner[range].split(separator: ":").last ?? "")
            else {
                process.terminate()
                throw DemoError(message: "the demo printed no address: \(banner)")
            }
            self.port = port
        }

        /// Sends SIGINT and returns the exit status (waits at most 10 s).
        func interrupt() -> Int32 {
            kill(process.processIdentifier, SIGINT)
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning {
                process.terminate()
                return -1
            }
            return process.terminationStatus
        }

        deinit {
            if process.isRunning { process.terminate() }
        }
    }

    struct DemoError: Error { let message: String }

    /// One HTTP/1.1 exchange over a fresh connection: the response's head and body as text.
    static func exchange(port: Int, _ request: String) throws -> String {
        let client = try RawClient(port: port)
        try client.send(request)
        let response = try client.readResponse()
        return response.rawHead + response.text
    }

    static func get(_ port: Int, _ path: String, method: String = "GET", extra: String = "") throws -> String {
        try exchange(port: port, "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\(extra)\r\n")
    }

    @Test func seedPagesRenderTheirTemplatesAndCtrlCExitsZero() throws {
        let demo = try DemoProcess(arguments: ["--quiet"])
        let index = try Self.get(demo.port, "/")
        #expect(index.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(index.contains("Content-Type: text/html; charset=utf-8"))
        #expect(index.contains("<h1>Hello from MicroFlask</h1>"))
        #expect(index.contains("<link rel=\"stylesheet\" href=\"/static/style.css\">"))

        let test = try Self.get(demo.port, "/test")
        #expect(test.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(test.contains("<h1>Test page</h1>"))

        let missing = try Self.get(demo.port, "/nope")
        #expect(missing.hasPrefix("HTTP/1.1 404 Not Found\r\n"))

        let post = try Self.get(demo.port, "/", method: "POST", extra: "Content-Length: 0\r\n")
        #expect(post.hasPrefix("HTTP/1.1 405 Method Not Allowed\r\n"))
        #expect(post.contains("Allow: GET, HEAD, OPTIONS\r\n"))

        let css = try Self.get(demo.port, "/static/style.css")
        #expect(css.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(css.contains("Content-Type: text/css"))

        #expect(demo.interrupt() == 0)
    }

    @Test func templatesAndStaticFilesAreFoundFromAnyWorkingDirectory() throws {
        // Like Flask's root_path: the folders are found beside the app's package, not in the cwd.
        let demo = try DemoProcess(arguments: ["--quiet"], directory: URL(fileURLWithPath: "/"))
        defer { _ = demo.interrupt() }
        #expect(try Self.get(demo.port, "/").contains("<h1>Hello from MicroFlask</h1>"))
        #expect(try Self.get(demo.port, "/static/style.css").hasPrefix("HTTP/1.1 200 OK\r\n"))
    }

    @Test func quickstartAndBenchmarkRoutes() throws {
        let demo = try DemoProcess(arguments: ["--quiet"])
        defer { _ = demo.interrupt() }
        let hello = try Self.get(demo.port, "/hello/%3Cb%3EAda")
        #expect(hello.hasSuffix("\r\n\r\nHello, &lt;b&gt;Ada!"))
        let user = try Self.get(demo.port, "/users/42")
        #expect(user.contains("Content-Type: application/json"))
        #expect(user.hasSuffix(#"{"id":42,"name":"User 42"}"#))
        #expect(try Self.get(demo.port, "/users/-1").hasPrefix("HTTP/1.1 404"))
        let plaintext = try Self.get(demo.port, "/plaintext")
        #expect(plaintext.contains("Content-Type: text/plain"))
        #expect(plaintext.contains("Server: MicroFlask\r\n"))
        #expect(plaintext.contains("\r\nDate: "))
        #expect(plaintext.hasSuffix("\r\n\r\nHello, World!"))
        let json = try Self.get(demo.port, "/json")
        #expect(json.hasSuffix(#"{"message":"Hello, World!"}"#))
        let echo = try Self.exchange(
            port: demo.port,
            "POST /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello"
        )
        #expect(echo.hasSuffix("\r\n\r\nhello"))
    }

    @Test func routesCommandListsEveryRouteOfTheDemo() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("App")
        process.arguments = ["routes", "--check"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        for rule in [
            "/", "/test", "/about", "/hello/<name>", "/users/<int:id>", "/echo", "/plaintext", "/json", "/login",
            "/items", "/whoami", "/static/<path:filename>",
        ] {
            #expect(text.contains("  \(rule)\n"), "routes should list \(rule)")
        }
    }

    @Test func portInUseSaysSoAndExitsOne() throws {
        let demo = try DemoProcess(arguments: ["--quiet"])
        defer { _ = demo.interrupt() }
        let second = Process()
        second.executableURL = demo.process.executableURL
        second.arguments = ["--port", String(demo.port)]
        let errors = Pipe()
        second.standardError = errors
        try second.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        second.waitUntilExit()
        #expect(second.terminationStatus == 1)
        #expect(text.contains("already in use"))
        #expect(text.contains("--port"))
    }

    @Test func workersShareThePortAndADeadWorkerIsReplaced() throws {
        let demo = try DemoProcess(arguments: ["--quiet", "--workers", "2"])
        // Both workers take requests; killing one with SIGKILL (a crash) leaves the service up.
        // The port answers once the first worker listens; wait for both to be up before the kill.
        #expect(
            try waitUntil {
                try Self.workerPIDs(of: demo.process.processIdentifier).count == 2
                    && (try? Self.get(demo.port, "/plaintext"))?.hasSuffix("Hello, World!") == true
            }, "two workers did not come up")
        let children = try Self.workerPIDs(of: demo.process.processIdentifier)
        #expect(children.count == 2)
        kill(children[0], SIGKILL)
        // The workers share the supervisor's listener: once the killed one is gone, the other
        // takes every new connection (SupervisorTests counts the failures under load).
        #expect(
            try waitUntil { try !Self.workerPIDs(of: demo.process.processIdentifier).contains(children[0]) },
            "the killed worker was not reaped")
        // A running worker process may not listen yet (the port answered through the other one),
        // so wait until the service answers again; then every request must succeed.
        #expect(
            waitUntil { (try? Self.get(demo.port, "/plaintext"))?.hasSuffix("Hello, World!") == true },
            "no worker answered after the kill")
        for _ in 0..<20 {
            #expect(try Self.get(demo.port, "/plaintext").hasSuffix("Hello, World!"))
        }
        let deadline = Date().addingTimeInterval(5)
        var replaced: [Int32] = []
        while Date() < deadline {
            replaced = try Self.workerPIDs(of: demo.process.processIdentifier)
            if replaced.count == 2 && !replaced.contains(children[0]) { break }
            usleep(50_000)
        }
        #expect(replaced.count == 2 && !replaced.contains(children[0]), "the supervisor should start a new worker")
        #expect(demo.interrupt() == 0)
    }

    /// The children of `pid`, from /proc.
    static func workerPIDs(of pid: Int32) throws -> [Int32] {
        let text = try String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)
        return text.split(separator: " ").compactMap { Int32($0) }
    }

    /// A built executable of this package, next to the test bundle.
    static func binary(_ name: String) -> URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name)
    }

    @Test(arguments: ["HelloWorld", "Quickstart", "TodoAPI"])
    func examplesHaveValidRouteTables(_ name: String) throws {
        let process = Process()
        process.executableURL = Self.binary(name)
        process.arguments = ["routes", "--check"]
        // Run from the example's own folder: --check also reads the url_for names of the
        // templates folder, and the repository root's `templates/` belongs to the demo app.
        process.currentDirectoryURL =
            URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Examples/\(name)").standardizedFileURL
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func todoAPIExampleCreatesAndListsTodos() throws {
        let todo = try DemoProcess(binary: "TodoAPI", arguments: ["--quiet"])
        defer { _ = todo.interrupt() }
        let body = #"{"title":"write docs"}"#
        let created = try Self.exchange(
            port: todo.port,
            "POST /api/todos HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        )
        #expect(created.hasPrefix("HTTP/1.1 201 Created\r\n"))
        #expect(created.contains("Location: /api/todos/1\r\n"))
        #expect(try Self.get(todo.port, "/api/todos").hasSuffix(#"[{"done":false,"id":1,"title":"write docs"}]"#))
        let missing = try Self.get(todo.port, "/api/todos/9")
        #expect(missing.hasPrefix("HTTP/1.1 404"))
        #expect(missing.hasSuffix(#"{"error":"No such todo."}"#))
    }
}
