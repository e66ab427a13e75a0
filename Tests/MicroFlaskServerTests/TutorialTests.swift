import Foundation
import Glibc
import Testing

/// docs/TUTORIAL.md's programs (Examples/Tutorial/StepN), started as built, answering what the
/// text says they answer; and the text's code blocks, which must be exact copies of those files.
@Suite(.serialized)
struct TutorialTests {
    /// The repository root, where docs/ and Examples/ are.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct StepError: Error, CustomStringConvertible {
        let description: String
    }

    /// A running step and the port it announced.
    final class StepProcess {
        let process = Process()
        let port: Int
        private let output = Pipe()
        private let errors = Pipe()
        private let exited = DispatchSemaphore(value: 0)
        /// What the step wrote on the stream it announces its address on, so far.
        private(set) var announced = ""

        /// Starts `TutorialStepN`. Steps 1-6 take PORT and CONNECTIONS from the environment and
        /// write "Listening on http://127.0.0.1:PORT" on stdout; step 7 is a MicroFlask app,
        /// given `--port 0` and announcing " * Running on http://127.0.0.1:PORT" on stderr.
        init(
            step: Int, port: Int = 0, connections: Int? = nil, directory: URL = TutorialTests.root,
            arguments: [String] = []
        ) throws {
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
                .appendingPathComponent("TutorialStep\(step)")
            process.arguments = arguments
            process.currentDirectoryURL = directory
            var environment = ProcessInfo.processInfo.environment
            environment["PORT"] = String(port)
            environment["CONNECTIONS"] = connections.map(String.init)
            process.environment = environment
            process.standardOutput = output
            process.standardError = errors
            process.terminationHandler = { [exited] _ in exited.signal() }
            try process.run()
            let stream = step == 7 ? errors : output
            // Read until the announcing line is complete, or the stream ends (the step failed).
            while announced.range(of: #"http://127\.0\.0\.1:\d+.*\n"#, options: .regularExpression) == nil {
                let data = stream.fileHandleForReading.availableData
                if data.isEmpty { break }
                announced += String(decoding: data, as: UTF8.self)
            }
            guard let range = announced.range(of: #"http://127\.0\.0\.1:(\d+)"#, options: .regularExpression),
                let port = Int(announced[range].split(separator: ":").last ?? "")
            else {
                kill(process.processIdentifier, SIGKILL)
                throw StepError(description: "TutorialStep\(step) announced no address: \(announced)")
            }
            self.port = port
        }

        /// Waits for the process to end by itself (at most 10 s); its exit status, or nil.
        func waitForExit() -> Int32? {
            guard exited.wait(timeout: .now() + 10) == .success else { return nil }
            exited.signal()  // later waits (deinit) return at once
            return process.terminationStatus
        }

        /// The rest of stdout (after the process ended).
        func remainingOutput() -> String {
            String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        }

        /// Stops the process by its PID if it still runs (a test that failed half-way).
        func stop() {
            if process.isRunning { kill(process.processIdentifier, SIGTERM) }
            if exited.wait(timeout: .now() + 10) != .success { kill(process.processIdentifier, SIGKILL) }
            exited.signal()
        }

        deinit { stop() }
    }

    /// Starts a step that exits on its own, as a restart would; its status and stderr.
    static func runToExit(step: Int, port: Int, connections: Int) throws -> (status: Int32, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("TutorialStep\(step)")
        var environment = ProcessInfo.processInfo.environment
        environment["PORT"] = String(port)
        environment["CONNECTIONS"] = String(connections)
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    /// Sends `request` on a new connection and returns everything received until the server closes.
    static func exchange(_ port: Int, _ request: String) throws -> String {
        let client = try RawClient(port: port)
        try client.send(request)
        var bytes: [UInt8] = []
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let (chunk, state) = client.receiveAvailable(waiting: 5)
            bytes += chunk
            if state != .open { break }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// What curl sends for `curl http://127.0.0.1:PORT/path` (with `-X method`).
    static func get(_ port: Int, _ path: String, method: String = "GET") throws -> String {
        try exchange(port, "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\nConnection: close\r\n\r\n")
    }

    // MARK: - Steps 1 and 2: a socket, and SO_REUSEADDR

    @Test func step1AnswersRequestAcceptedAndPrintsTheRequest() throws {
        let step = try StepProcess(step: 1, connections: 1)
        #expect(step.announced.hasPrefix("Listening on http://127.0.0.1:\(step.port)\n"))
        // Only the words: no status line, which is why curl needs --http0.9.
        #expect(try Self.get(step.port, "/") == "Request accepted!")
        #expect(step.waitForExit() == 0, "one connection was asked for, so the step ends after it")
        let printed = step.remainingOutput()
        #expect(printed.hasPrefix("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"))
    }

    @Test func aRestartWithoutReuseAddrFailsAndStep2Restarts() throws {
        // Step 1 answers and closes first, so its end of the connection waits in TIME_WAIT.
        let first = try StepProcess(step: 1, connections: 1)
        let port = first.port
        #expect(try Self.get(port, "/") == "Request accepted!")
        #expect(first.waitForExit() == 0)
        let restart = try Self.runToExit(step: 1, port: port, connections: 0)
        #expect(restart.status == 1)
        #expect(restart.errors == "bind: Address already in use\n")
        // On Linux both sides need the option: step 1's old connection blocks step 2 as well.
        #expect(try Self.runToExit(step: 2, port: port, connections: 0).errors.contains("Address already in use"))

        let second = try StepProcess(step: 2, connections: 1)
        #expect(try Self.get(second.port, "/") == "Request accepted!")
        #expect(second.waitForExit() == 0)
        let again = try StepProcess(step: 2, port: second.port, connections: 1)
        #expect(again.port == second.port)
        #expect(try Self.get(again.port, "/test") == "Request accepted!")
        #expect(again.waitForExit() == 0)
    }

    // MARK: - Steps 3 to 6: the request line, the dictionary, head and body, views

    @Test func step3SaysWhatItUnderstood() throws {
        let step = try StepProcess(step: 3, connections: 2)
        #expect(try Self.get(step.port, "/test") == "Method: GET, URL: /test")
        #expect(try Self.get(step.port, "/", method: "POST") == "Method: POST, URL: /")
        #expect(step.waitForExit() == 0)
    }

    @Test func step4AnswersAStatusLineOnly() throws {
        let step = try StepProcess(step: 4, connections: 8)
        #expect(try Self.get(step.port, "/") == "HTTP/1.1 200 OK\r\n\r\n")
        #expect(try Self.get(step.port, "/test") == "HTTP/1.1 200 OK\r\n\r\n")
        #expect(try Self.get(step.port, "/nope") == "HTTP/1.1 404 Not Found\r\n\r\n")
        #expect(try Self.get(step.port, "/", method: "POST") == "HTTP/1.1 405 Method Not Allowed\r\n\r\n")
        // The method is checked first, so an unknown page asked with POST is a 405, not a 404.
        #expect(try Self.get(step.port, "/nope", method: "POST") == "HTTP/1.1 405 Method Not Allowed\r\n\r\n")
        // The URL is looked up whole, query string included (a flaw the text names).
        #expect(try Self.get(step.port, "/test?page=2") == "HTTP/1.1 404 Not Found\r\n\r\n")
        #expect(try Self.get(step.port, "/%74est") == "HTTP/1.1 404 Not Found\r\n\r\n")
        // One recv: a request line that has not all arrived yet is not a request.
        #expect(try Self.exchange(step.port, "GET") == "HTTP/1.1 400 Bad Request\r\n\r\n")
        #expect(step.waitForExit() == 0)
    }

    @Test func step5AddsABodyAndEndsItByClosing() throws {
        let step = try StepProcess(step: 5, connections: 4)
        let index = try Self.get(step.port, "/")
        #expect(index == "HTTP/1.1 200 OK\r\n\r\n<h1>Hello, index</h1>")
        #expect(!index.contains("Content-Length"), "the body ends when the connection does")
        #expect(try Self.get(step.port, "/test") == "HTTP/1.1 200 OK\r\n\r\n<h1>Hello, test</h1>")
        #expect(try Self.get(step.port, "/nope") == "HTTP/1.1 404 Not Found\r\n\r\n<h1>404</h1><p>Not found</p>")
        #expect(
            try Self.get(step.port, "/", method: "POST")
                == "HTTP/1.1 405 Method Not Allowed\r\n\r\n<h1>405</h1><p>Method not allowed</p>")
        #expect(step.waitForExit() == 0)
    }

    @Test func step6ServesTheTemplatesFromAnyWorkingDirectory() throws {
        let step = try StepProcess(step: 6, connections: 4, directory: URL(fileURLWithPath: "/"))
        let templates = Self.root.appendingPathComponent("Examples/Tutorial/Step6/templates")
        let index = try String(contentsOf: templates.appendingPathComponent("index.html"), encoding: .utf8)
        let test = try String(contentsOf: templates.appendingPathComponent("test.html"), encoding: .utf8)
        #expect(try Self.get(step.port, "/") == "HTTP/1.1 200 OK\r\n\r\n" + index)
        #expect(try Self.get(step.port, "/test") == "HTTP/1.1 200 OK\r\n\r\n" + test)
        #expect(index.contains("<h1>The index page</h1>") && test.contains("<h1>The test page</h1>"))
        #expect(try Self.get(step.port, "/nope") == "HTTP/1.1 404 Not Found\r\n\r\n<h1>404</h1><p>Not found</p>")
        #expect(
            try Self.get(step.port, "/test", method: "DELETE")
                == "HTTP/1.1 405 Method Not Allowed\r\n\r\n<h1>405</h1><p>Method not allowed</p>")
        #expect(step.waitForExit() == 0)
    }

    // MARK: - Step 7: MicroFlask

    @Test func step7ServesTheSameTableFilledThreeWays() throws {
        let step = try StepProcess(step: 7, arguments: ["--port", "0", "--quiet"])
        defer { step.stop() }
        let index = try Self.get(step.port, "/")
        #expect(index.hasPrefix("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"))
        #expect(index.contains("\r\nContent-Length: "))
        #expect(index.contains("<h1>The index page</h1>"))
        #expect(index.contains(#"<a href="/test">The test page</a>"#))
        let test = try Self.get(step.port, "/test")
        #expect(test.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(test.contains("<p>You asked with GET.</p>"))
        let about = try Self.get(step.port, "/about")
        #expect(about.contains("<li>Django&#39;s path()</li>"))
        #expect(try Self.get(step.port, "/hello/%3Cb%3EAda").hasSuffix("\r\n\r\nHello, &lt;b&gt;Ada!"))
        let json = try Self.get(step.port, "/api/hello/Ada")
        #expect(json.contains("Content-Type: application/json\r\n"))
        #expect(json.hasSuffix(#"{"hello":"Ada"}"#))
        #expect(try Self.get(step.port, "/nope").hasPrefix("HTTP/1.1 404 Not Found\r\n"))
        // The query string is not part of the path here.
        #expect(try Self.get(step.port, "/test?page=2").hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(try Self.get(step.port, "/%74est").hasPrefix("HTTP/1.1 200 OK\r\n"))
        let post = try Self.get(step.port, "/", method: "POST")
        #expect(post.hasPrefix("HTTP/1.1 405 Method Not Allowed\r\n"))
        #expect(post.contains("\r\nAllow: GET, HEAD, OPTIONS\r\n"))
        #expect(try Self.get(step.port, "/nope", method: "POST").hasPrefix("HTTP/1.1 404 Not Found\r\n"))
        #expect(try Self.get(step.port, "/test", method: "HEAD").hasPrefix("HTTP/1.1 200 OK\r\n"))
        // A request whose line arrives in two pieces is still one request.
        let client = try RawClient(port: step.port)
        try client.send("GET /te")
        try client.send("st HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        kill(step.process.processIdentifier, SIGINT)
        #expect(step.waitForExit() == 0, "Ctrl-C stops the app cleanly")
    }

    @Test func step7RoutesListsOneTable() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("TutorialStep7")
        process.arguments = ["routes", "--check"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        // Each row as its words (Endpoint, Methods, Rule), whatever the column widths.
        let rows = text.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        for row in [
            ["about", "GET", "/about"], ["api.hello_name", "GET", "/api/hello/<name>"],
            ["hello_name", "GET", "/hello/<name>"], ["index", "GET", "/"], ["test", "GET", "/test"],
        ] {
            #expect(rows.contains(row), "routes should list \(row)")
        }
    }

    // MARK: - The text and the programs

    /// Each fenced block opened with ```swift file=PATH, with its PATH and its text.
    static func fileBlocks(in document: String) -> [(path: String, text: String)] {
        var blocks: [(path: String, text: String)] = []
        var current: (path: String, lines: [String])?
        for line in document.split(separator: "\n", omittingEmptySubsequences: false) {
            if var block = current {
                if line == "```" {
                    blocks.append((block.path, block.lines.map { $0 + "\n" }.joined()))
                    current = nil
                } else {
                    block.lines.append(String(line))
                    current = block
                }
            } else if line.hasPrefix("```swift file=") {
                current = (String(line.dropFirst("```swift file=".count)), [])
            }
        }
        return blocks
    }

    @Test(arguments: ["docs/TUTORIAL.md", "docs/TUTORIAL.ru.md"])
    func theTutorialsCodeIsTheStepsCode(_ document: String) throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent(document), encoding: .utf8)
        let blocks = Self.fileBlocks(in: text)
        for block in blocks {
            let file = try String(contentsOf: Self.root.appendingPathComponent(block.path), encoding: .utf8)
            #expect(block.text == file, "\(document): the block of \(block.path) differs from the file")
        }
        // Every step's program is shown, in order.
        let mains = blocks.map(\.path).filter { $0.hasSuffix("/main.swift") }
        #expect(mains == (1...7).map { "Examples/Tutorial/Step\($0)/main.swift" })
    }

    @Test(arguments: ["docs/TUTORIAL.md", "docs/TUTORIAL.ru.md"])
    func theFilesTheTutorialPointsAtExist(_ document: String) throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent(document), encoding: .utf8)
        // Every `Folder/File.swift` in backticks: a path from the repository root, or one inside
        // Sources/MicroFlask (where the text points at the framework's own files).
        let regex = try NSRegularExpression(pattern: #"`((?:[A-Za-z0-9+]+/)+[A-Za-z0-9+]+\.swift)`"#)
        let paths = regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
        #expect(paths.count > 20)
        for path in Set(paths) {
            let candidates = [path, "Sources/MicroFlask/" + path].map { Self.root.appendingPathComponent($0).path }
            #expect(candidates.contains { FileManager.default.fileExists(atPath: $0) }, "\(document) names \(path)")
        }
    }

    @Test func stepsThreeToSixShareOneListener() throws {
        let first = try String(
            contentsOf: Self.root.appendingPathComponent("Examples/Tutorial/Step3/Listener.swift"), encoding: .utf8)
        for step in 4...6 {
            let file = try String(
                contentsOf: Self.root.appendingPathComponent("Examples/Tutorial/Step\(step)/Listener.swift"),
                encoding: .utf8)
            #expect(file == first, "Step\(step)/Listener.swift should be a copy of Step3/Listener.swift")
        }
    }

    @Test func theBlockReaderFindsBlocksAndTheirText() {
        let blocks = Self.fileBlocks(in: "text\n```swift file=A.swift\nlet a = 1\n\nprint(a)\n```\n```swift\nx\n```\n")
        #expect(blocks.count == 1)
        #expect(blocks.first?.path == "A.swift")
        #expect(blocks.first?.text == "let a = 1\n\nprint(a)\n")
    }
}
