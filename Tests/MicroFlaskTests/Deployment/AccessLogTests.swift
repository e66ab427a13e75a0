import Foundation
import Glibc
import Testing

@testable import MicroFlask

/// The access log's three formats, its escaping, and its sink that never blocks a request.
@Suite("Access log")
struct AccessLogTests {
    /// An app whose access log goes to a temporary file, and the lines written so far.
    private final class LoggedApp {
        let app = App()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("microflask-access-\(UUID()).log").path

        init(_ format: AccessLogFormat) {
            app.config.accessLogFormat = format
            app.config.accessLogFile = path
            app.logger = Logger(write: { _ in })
            app.get("/plaintext") { _ in "Hello, World!" }
            app.get("/fail") { _ -> String in throw HTTPError(.forbidden) }
        }

        /// Serves `request` through the handler the server would call (access log included).
        func serve(_ request: HTTPRequest) throws -> Response {
            let handler = try app.servingHandler(try app.freeze())
            return handler(request)
        }

        var lines: [String] {
            app.flushAccessLog()
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").map(String.init)
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    private static func request(_ target: String, headers: Headers = Headers(), address: String = "127.0.0.1")
        -> HTTPRequest
    {
        HTTPRequest(method: .GET, target: target, headers: headers, remoteAddress: address)
    }

    @Test("the default line is Werkzeug's: address, local time, request line, status and '-'")
    func werkzeugLine() throws {
        let logged = LoggedApp(.werkzeug)
        _ = try logged.serve(Self.request("/plaintext?a=b"))
        _ = try logged.serve(Self.request("/fail"))
        let lines = logged.lines
        #expect(lines.count == 2)
        let pattern =
            #"^127\.0\.0\.1 - - \[\d\d/[A-Z][a-z]{2}/\d{4} \d\d:\d\d:\d\d\] "GET /plaintext\?a=b HTTP/1\.1" 200 -$"#
        #expect(lines.first?.range(of: pattern, options: .regularExpression) != nil, "\(lines)")
        #expect(lines.last?.hasSuffix(#""GET /fail HTTP/1.1" 403 -"#) == true)
        // Same clock as Python's time.strftime in Werkzeug's log_date_time_string.
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "dd/MMM/yyyy"
        #expect(lines.first?.contains("[\(formatter.string(from: Date()))") == true)
    }

    @Test("combined: size, Referer and User-Agent, with quotes and control characters escaped")
    func combinedLine() throws {
        let logged = LoggedApp(.combined)
        _ = try logged.serve(
            Self.request("/plaintext", headers: ["Referer": "http://x/\"q\"", "User-Agent": "evil\u{1B}[31m\\agent"]))
        _ = try logged.serve(Self.request("/fail"))
        let lines = logged.lines
        #expect(lines.count == 2)
        let first = try #require(lines.first)
        let pattern =
            #"^127\.0\.0\.1 - - \[\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\] "GET /plaintext HTTP/1\.1" 200 13 "#
        #expect(first.range(of: pattern, options: .regularExpression) != nil, "\(first)")
        #expect(first.hasSuffix(#" "http://x/\"q\"" "evil\x1b[31m\\agent""#), "\(first)")
        #expect(
            lines.last?.range(of: #""GET /fail HTTP/1.1" 403 \d+ "-" "-"$"#, options: .regularExpression) != nil,
            "\(lines)")
    }

    @Test("JSON lines parse as JSON and carry the request id, status, size and duration")
    func jsonLine() throws {
        let logged = LoggedApp(.json)
        let response = try logged.serve(
            Self.request("/plaintext?x=\"1\"", headers: ["X-Request-ID": "abc-123", "User-Agent": "tester"]))
        #expect(response.headers["X-Request-ID"] == "abc-123")
        let line = try #require(logged.lines.first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["remote_addr"] as? String == "127.0.0.1")
        #expect(object["method"] as? String == "GET")
        #expect(object["target"] as? String == "/plaintext?x=\"1\"")
        #expect(object["protocol"] as? String == "HTTP/1.1")
        #expect(object["status"] as? Int == 200)
        #expect(object["bytes"] as? Int == 13)
        #expect(object["request_id"] as? String == "abc-123")
        #expect(object["user_agent"] as? String == "tester")
        #expect(object["referer"] is NSNull)
        #expect((object["duration_ms"] as? Double ?? -1) >= 0)
        #expect(
            (object["time"] as? String)?.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"#, options: .regularExpression)
                != nil)
    }

    @Test("the address logged is the client's, through trusted proxies")
    func proxiedAddress() throws {
        let logged = LoggedApp(.werkzeug)
        logged.app.config.trustedProxies = 1
        _ = try logged.serve(Self.request("/plaintext", headers: ["X-Forwarded-For": "203.0.113.9"]))
        #expect(logged.lines.first?.hasPrefix("203.0.113.9 - - [") == true)
    }

    @Test("a full sink drops and counts lines instead of blocking the request thread")
    func slowSinkDropsLines() throws {
        signal(SIGPIPE, SIG_IGN)
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        // A pipe nobody reads: its 64 KiB fill, then the writer thread blocks in write(2).
        let sink = LogSink(descriptor: fds[1], shards: 1, shardLimit: 4096, interval: 0.001)
        let line = String(repeating: "x", count: 99)
        let started = Date()
        for _ in 0..<20_000 { sink.append(line: line) }  // 2 MB: far more than pipe and shard hold
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed < 5, "appending took \(elapsed) s: a request thread waited for the log")
        #expect(sink.dropped > 10_000)
        close(fds[0])  // the blocked write now fails (EPIPE), and the writer stops
        sink.close()
        close(fds[1])
    }

    @Test("lines are written in order, each whole, after a flush")
    func sinkWritesLines() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let sink = LogSink(descriptor: fds[1], ownsDescriptor: true)
        for index in 0..<100 { sink.append(line: "line \(index)") }
        sink.close()
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(fds[0], &buffer, buffer.count)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines == (0..<100).map { "line \($0)" })
        #expect(sink.dropped == 0)
    }

    /// What `body` writes into a log buffer, as text.
    private static func written(maxLength: Int = 256, _ body: (inout LogLineWriter) -> Void) -> String {
        var buffer = LogBuffer(capacity: 64)
        buffer.appendLine(maxLength: maxLength, body)
        return buffer.withBytes { String(decoding: $0, as: UTF8.self) }
    }

    @Test("escaping: control characters as \\xNN; a target cannot start a new line")
    func escaping() {
        #expect(
            Self.written { AccessLogLine.appendEscaped("a\r\nb\u{7F}\"", quoted: false, into: &$0) }
                == #"a\x0d\x0ab\x7f""#)
        #expect(Self.written { AccessLogLine.appendEscaped("a\"\\", quoted: true, into: &$0) } == #"a\"\\"#)
        #expect(Self.written { AccessLogLine.appendJSON("q\"\\\n", into: &$0) } == #""q\"\\\u000a""#)
        let numbers = Self.written { out in
            for value in [0, 7, 10, 99, 100, 12_345, Int.max] {
                out.writeDecimal(value)
                out.write(0x20)
            }
        }
        #expect(numbers == "0 7 10 99 100 12345 \(Int.max) ")
    }

    @Test("a log buffer grows for a line longer than its capacity and keeps the lines before it")
    func bufferGrows() {
        var buffer = LogBuffer(capacity: 64)
        buffer.appendLine(maxLength: 4) { $0.write("ab\n") }
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 10_000)
        buffer.appendLine(maxLength: long.count + 1) { line in
            line.write(long)
            line.write(0x0A)
        }
        #expect(buffer.count == 3 + 10_001)
        #expect(buffer.withBytes { Array($0.prefix(4)) } == Array("ab\nx".utf8))
        buffer.removeAll(maxCapacity: 4096)
        #expect(buffer.count == 0 && buffer.capacity == 4096)
    }

    @Test("the longest line each format can write stays within the bound the log reserves")
    func boundsHold() throws {
        // Every byte a client controls needs escaping: 6 bytes each in JSON, 4 in the others.
        let nasty = String(repeating: "\u{1}", count: 1_000)
        var headers = Headers()
        headers["Referer"] = nasty
        headers["User-Agent"] = nasty
        let request = HTTPRequest(method: .GET, target: "/" + nasty, headers: headers, remoteAddress: nasty)
        let maxLength = AccessLogLine.maxLength(
            request, address: nasty, referer: nasty, agent: nasty, requestID: nasty)
        let stamp = AccessLogLine.combinedTime(0)
        let json = Self.written(maxLength: maxLength) {
            AccessLogLine.json(
                request, address: nasty, code: 200, size: Int.max, micros: Int.max, referer: nasty, agent: nasty,
                requestID: nasty, stamp: AccessLogLine.isoTime(0), into: &$0)
        }
        let combined = Self.written(maxLength: maxLength) {
            AccessLogLine.combined(
                request, address: nasty, code: 200, size: Int.max, referer: nasty, agent: nasty, stamp: stamp,
                into: &$0)
        }
        // JSON escapes five such fields (address, target, referer, agent, id), combined four.
        #expect(json.utf8.count > 5 * 6 * 1_000 && json.utf8.count <= maxLength)
        #expect(combined.utf8.count > 4 * 4 * 1_000 && combined.utf8.count <= maxLength)
    }
}
