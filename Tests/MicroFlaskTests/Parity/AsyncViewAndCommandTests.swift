import Foundation
import Testing

@testable import MicroFlask

/// Flask features outside the request/response replay: async views and custom commands.
///
/// An async view's bridge blocks the calling thread until the view's task finishes. Called
/// from a test (which runs on Swift's cooperative pool, `nproc` threads wide) it could
/// occupy every pool thread and starve the very task it waits for, so these tests call the
/// test client from a thread of their own (`offPool`).
@Suite struct ParityAsyncViewAndCommandTests {
    private func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    @Test func asyncViewAnswersThroughTheTestClient() async throws {
        let app = App()
        app.config.accessLog = false
        app.get("/a") { req async throws in
            try await Task.sleep(nanoseconds: 1_000_000)
            return "async \(req.args["n"] ?? "?")"
        }
        let response = try await offPool { try app.makeTestClient().get("/a?n=7") }
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(response.text == "async 7")
    }

    @Test func asyncViewErrorsBecomeErrorPages() async throws {
        let app = App()
        app.config.accessLog = false
        app.get("/a") { _ async throws -> String in
            await Task.yield()
            try abort(.forbidden, "async no")
        }
        let response = try await offPool { try app.makeTestClient().get("/a") }
        #expect(response.status.code == 403)
        #expect(response.text.contains("<p>async no</p>"))
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
