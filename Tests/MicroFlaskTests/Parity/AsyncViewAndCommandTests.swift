import Foundation
import Testing

@testable import MicroFlask

/// Flask features outside the request/response replay: async views and custom commands.
///
/// An async view's bridge blocks the calling thread until the view's task finishes. Tests run
/// on Swift's cooperative pool, so these call the test client straight from pool threads: the
/// views run on MicroFlask's own executor and never wait for a pool thread.
@Suite struct ParityAsyncViewAndCommandTests {
    @Test func asyncViewAnswersThroughTheTestClient() throws {
        let app = App()
        app.config.accessLog = false
        app.get("/a") { req async throws in
            try await Task.sleep(nanoseconds: 1_000_000)
            return "async \(req.args["n"] ?? "?")"
        }
        let response = try app.makeTestClient().get("/a?n=7")
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(response.text == "async 7")
    }

    @Test func asyncViewErrorsBecomeErrorPages() throws {
        let app = App()
        app.config.accessLog = false
        app.get("/a") { _ async throws -> String in
            await Task.yield()
            try abort(.forbidden, "async no")
        }
        let response = try app.makeTestClient().get("/a")
        #expect(response.status.code == 403)
        #expect(response.text.contains("<p>async no</p>"))
    }

    /// More callers blocking pool threads than the pool has threads: with the views on the
    /// cooperative pool this deadlocks; on their own executor every call completes.
    @Test(.timeLimit(.minutes(1))) func manyBlockingCallersDoNotStarveAsyncViews() async throws {
        let app = App()
        app.config.accessLog = false
        app.get("/a") { _ async throws in
            try await Task.sleep(nanoseconds: 2_000_000)
            return "done"
        }
        let client = app.makeTestClient()
        let texts = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<16 { group.addTask { try client.get("/a").text } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(texts == Array(repeating: "done", count: 16))
    }

    @Test func commandRunsWithItsArguments() throws {
        final class Received: @unchecked Sendable {
            var arguments: [String]?
        }
        let received = Received()
        let app = App()
        app.command("name", help: "Greets") { arguments in received.arguments = arguments }
        try app.run(arguments: ["name", "x"])
        #expect(received.arguments == ["x"])
    }

    @Test func commandErrorsReachTheCaller() {
        struct Failed: Error {}
        let app = App()
        app.command("fail") { _ in throw Failed() }
        #expect(throws: Failed.self) { try app.run(arguments: ["fail", "now"]) }
    }
}
