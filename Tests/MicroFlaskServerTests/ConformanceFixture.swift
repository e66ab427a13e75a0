import Foundation
import Glibc
import Testing

@testable import MicroFlask

/// The parent of every conformance suite: serialized, so the timing assertions
/// (40 ms keep-alive, 200 ms under a blocked handler, ~1 s timeouts) do not compete for the CPU.
@Suite(.serialized) struct Conformance {}

/// A value shared with other threads under a lock.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value { lock.withLock { stored } }

    func mutate(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
}

struct FixtureError: Error {}

/// A handler that holds until the test lets it go: tests wait on `entered` instead of sleeping
/// to know a request is inside its handler.
final class Gate: @unchecked Sendable {
    private let enteredSignal = DispatchSemaphore(value: 0)
    private let releaseSignal = DispatchSemaphore(value: 0)

    /// Called by the handler: says it is inside, then waits (at most 10 s) to be released.
    func pass() {
        enteredSignal.signal()
        _ = releaseSignal.wait(timeout: .now() + 10)
    }

    /// Waits until a handler is inside (at most `seconds`); false on timeout.
    func waitUntilEntered(seconds: Double = 5) -> Bool { enteredSignal.wait(timeout: .now() + seconds) == .success }

    func release() { releaseSignal.signal() }
}

/// Waits until `condition` holds, checking every few milliseconds, for at most `seconds`.
/// The condition is the signal; the pause between checks only keeps the loop from spinning.
@discardableResult
func waitUntil(seconds: Double = 5, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        usleep(2_000)
    }
    return try condition()
}

/// The app every conformance test serves, plus per-test settings.
enum Fixture {
    /// A body of `kib` KiB whose bytes depend on their position, so order errors show.
    static func bigBody(kib: Int) -> [UInt8] {
        if let made = madeBodies.value[kib] { return made }
        let body = (0..<(kib * 1024)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 10) }
        madeBodies.mutate { $0[kib] = body }
        return body
    }

    /// Each size is made once and kept (the route and the test's expectation share it): under a
    /// sanitizer a debug build takes seconds to make 8 MiB byte by byte, time a test's read
    /// timeout would otherwise count.
    private static let madeBodies = Locked<[Int: [UInt8]]>([:])

    /// Lines the app logged (kept off standard error).
    static func app(
        log: Locked<[String]> = Locked([]), gate: Gate = Gate(), _ configure: (App) -> Void = { _ in }
    ) -> App {
        let app = App(name: "conformance")
        app.config.accessLog = false
        app.config.shutdownGracePeriod = 3
        app.logger = Logger { line in log.mutate { $0.append(line) } }
        app.get("/") { _ in "ok" }
        app.route("/echo", methods: [.POST, .PUT]) { request in
            Response(status: .ok, headers: ["Content-Type": "application/octet-stream"], body: request.body)
        }
        app.get("/n/<int:n>") { request in
            let n: Int = try request.param("n")
            return "response \(n)"
        }
        app.get("/header/<name>") { request in request.headers[request.params["name"] ?? ""] ?? "(none)" }
        app.get("/empty") { _ in Response(status: .noContent) }
        app.get("/not-modified") { _ in Response(status: .notModified, headers: ["ETag": "\"v1\""]) }
        app.get("/stream") { _ in
            Response(stream: { write in
                try write("alpha\n")
                try write("beta\n")
                try write("gamma\n")
            })
        }
        app.get("/boom") { _ -> String in throw FixtureError() }
        app.get("/inject") { _ in
            var response = Response.text("should not be sent")
            response.headers["X-Evil"] = "a\r\nInjected: yes"
            return response
        }
        app.get("/bad-name") { _ in
            var response = Response.text("should not be sent")
            response.headers["Bad Name"] = "x"
            return response
        }
        app.get("/big/<int:kib>") { request in
            let kib: Int = try request.param("kib")
            return Response(body: Fixture.bigBody(kib: kib))
        }
        app.get("/gate") { _ in
            gate.pass()
            return "gated"
        }
        app.get("/sleep/<int:ms>") { request in
            let milliseconds: Int = try request.param("ms")
            usleep(UInt32(milliseconds * 1000))
            return "slept \(milliseconds)"
        }
        configure(app)
        return app
    }
}

/// Starts `app` on an ephemeral loopback port, runs `body`, and always stops the server.
func withLiveServer(
    _ app: App = Fixture.app(), threads: Int? = nil, _ body: (Server) throws -> Void
) throws {
    let server = try app.start(host: "127.0.0.1", port: 0, threads: threads)
    defer { server.stop() }
    try body(server)
}

/// A request with a Host header and nothing else, for `path`.
func getRequest(_ path: String = "/", version: String = "HTTP/1.1", headers: String = "") -> String {
    "GET \(path) \(version)\r\nHost: localhost\r\n\(headers)\r\n"
}

/// A POST of `body` to `/echo` with its Content-Length.
func postRequest(_ body: String, path: String = "/echo", headers: String = "") -> String {
    "POST \(path) HTTP/1.1\r\nHost: localhost\r\nContent-Length: \(body.utf8.count)\r\n\(headers)\r\n\(body)"
}

/// Checks, on a fresh connection, that the server still answers a normal request.
func expectAlive(_ server: Server, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let client = try RawClient(port: server.port)
    try client.send(getRequest())
    let response = try client.readResponse()
    #expect(response.status == 200, "the server no longer answers", sourceLocation: sourceLocation)
    #expect(response.text == "ok", sourceLocation: sourceLocation)
}

/// Checks that a response is complete and says the connection closes, and that it does close.
func expectErrorAndClose(
    _ response: RawResponse, status: Int, client: RawClient, sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    #expect(response.status == status, "\(response.statusLine)", sourceLocation: sourceLocation)
    #expect(response.version == "HTTP/1.1", sourceLocation: sourceLocation)
    #expect(response.saysClose, "no Connection: close in \(response.rawHead)", sourceLocation: sourceLocation)
    #expect(response.header("Content-Length") == "\(response.body.count)", sourceLocation: sourceLocation)
    #expect(!response.body.isEmpty, "error responses carry a body", sourceLocation: sourceLocation)
    #expect(
        client.waitForClose(seconds: 3) == .closed, "the server kept the connection open",
        sourceLocation: sourceLocation)
}

/// Sends `request` on a fresh connection to a fresh server and expects `status`, `Connection: close`,
/// and the socket closed after the response; then that the server still answers.
func expectRejected(
    _ request: [UInt8], status: Int, app: App = Fixture.app(), sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws {
    try withLiveServer(app) { server in
        do {
            let client = try RawClient(port: server.port)
            try client.send(request)
            let response = try client.readResponse()
            expectErrorAndClose(response, status: status, client: client, sourceLocation: sourceLocation)
        }
        try expectAlive(server, sourceLocation: sourceLocation)
    }
}

func expectRejected(
    _ request: String, status: Int, app: App = Fixture.app(), sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws {
    try expectRejected(Array(request.utf8), status: status, app: app, sourceLocation: sourceLocation)
}

/// Milliseconds spent in `body`.
func elapsedMilliseconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
}
