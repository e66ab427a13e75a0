import Foundation
import Glibc
import Testing

@testable import MicroFlask

/// `--reload`, live: a one-file package in a temporary folder depending on this one by path is
/// built, started with `--reload`, edited (the new answer comes with no failed request during the
/// swap), then broken (the old answer is still served and the compiler's error is printed).
/// Slow: the first build compiles MicroFlask into the package's own `.build` (about 2.5 min on a
/// busy 2-CPU machine), which would starve the timed tests running beside it; so it runs only
/// with `MICROFLASK_RELOAD_TEST=1`, in its own CI step (`.ci/run`).
@Suite(
    .serialized,
    .enabled(if: ProcessInfo.processInfo.environment["MICROFLASK_RELOAD_TEST"] == "1", "set MICROFLASK_RELOAD_TEST=1"))
struct ReloaderTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func write(_ text: String, to url: URL) throws {
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    static func source(_ answer: String) -> String {
        """
        import MicroFlask

        let app = App(name: "probe")
        app.get("/") { _ in \(answer) }
        try app.run()

        """
    }

    @Test func aSourceChangeIsSwappedInWithoutAFailedRequestAndABrokenBuildKeepsServing() throws {
        let started = Date()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("microflask-reload-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let sources = folder.appendingPathComponent("Sources/ReloadProbe")
        try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
        try Self.write(
            """
            // swift-tools-version:6.0
            import PackageDescription

            let package = Package(
                name: "ReloadProbe",
                dependencies: [.package(path: "\(Self.root.path)")],
                targets: [
                    .executableTarget(
                        name: "ReloadProbe", dependencies: [.product(name: "MicroFlask", package: "\(Self.root.lastPathComponent)")])
                ]
            )

            """, to: folder.appendingPathComponent("Package.swift"))
        let main = sources.appendingPathComponent("main.swift")
        try Self.write(Self.source(#""version 1""#), to: main)

        let build = try LoggedProcess(
            "/usr/bin/env", arguments: ["swift", "build", "--package-path", folder.path, "--product", "ReloadProbe"])
        let built = build.waitForExit(timeout: 900)
        #expect(built == .exited(0), "\(build.output)")
        let buildTime = Date().timeIntervalSince(started)
        guard built == .exited(0) else { return }

        let binary = folder.appendingPathComponent(".build/debug/ReloadProbe").path
        let server = try LoggedProcess(binary, arguments: ["--reload", "--port", "0", "--quiet"])
        let port = try #require(server.bannerPort(), "\(server.output)")
        let load = ClientLoad(port: port, path: "/", clients: 2, limit: 1_000_000)
        #expect(load.waitForSuccesses(20))

        let edited = Date()
        try Self.write(Self.source(#""version 2""#), to: main)
        #expect(load.waitForBody(containing: "version 2", timeout: 600), "\(server.output)")
        let swap = Date().timeIntervalSince(edited)
        let total = load.successes
        #expect(load.waitForSuccesses(total + 20))
        #expect(load.failureCount == 0, "\(load.summary)")
        // Two clients: an answer of the old worker (a connection it accepted before it retired)
        // may arrive after the new worker's first; once the old one has ended, all are new.
        #expect(server.waitFor(" * Restart done", timeout: 120), "\(server.output)")
        #expect(Set(load.distinctBodies) == ["version 1", "version 2"], "\(load.distinctBodies)")
        for _ in 0..<5 { #expect(try DemoAppTests.get(port, "/").hasSuffix("version 2")) }

        let before = server.output.endIndex
        try Self.write(Self.source(#""version \(undefinedName)""#), to: main)
        #expect(server.waitFor(" * Build failed", after: before, timeout: 600), "\(server.output)")
        #expect(server.output[before...].contains("error: cannot find 'undefinedName' in scope"))
        let afterFailure = load.successes
        #expect(load.waitForSuccesses(afterFailure + 20))
        load.stop()
        #expect(load.failureCount == 0, "\(load.summary)")
        #expect(load.distinctBodies.last == "version 2")
        #expect(try DemoAppTests.get(port, "/").hasSuffix("version 2"))

        server.send(SIGTERM)
        #expect(server.waitForExit() == .exited(0))
        print(
            "reloader: first build \(Int(buildTime)) s, edit to new answer \(String(format: "%.1f", swap)) s, load \(load.summary), test \(Int(Date().timeIntervalSince(started))) s"
        )
    }
}
