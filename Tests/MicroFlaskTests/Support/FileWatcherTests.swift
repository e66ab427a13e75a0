import Foundation
import Testing

@testable import MicroFlask

/// The reloader's watcher: a write, a new file in a new folder, and a file outside the watched
/// names, through inotify and through the modification-time fallback.
@Suite(.serialized)
struct FileWatcherTests {
    @Test(arguments: [true, false])
    func changesAreReportedOnceAndUnwatchedFilesAreNot(inotify: Bool) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "microflask-watch-\(getpid())-\(inotify)")
        try? FileManager.default.removeItem(at: root)
        defer { try? FileManager.default.removeItem(at: root) }
        let sources = root.appendingPathComponent("Sources/App")
        try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
        try "let a = 1\n".write(to: sources.appendingPathComponent("main.swift"), atomically: false, encoding: .utf8)
        try "// p\n".write(to: root.appendingPathComponent("Package.swift"), atomically: false, encoding: .utf8)
        let watcher = FileWatcher(
            root: root.path, trees: ["Sources", "templates"], files: ["Package.swift"], inotify: inotify)
        #expect(watcher.method == (inotify ? "inotify" : "polling"))
        #expect(watcher.changes().isEmpty)

        try "let a = 22\n".write(to: sources.appendingPathComponent("main.swift"), atomically: false, encoding: .utf8)
        #expect(watcher.changes() == ["Sources/App/main.swift"])
        #expect(watcher.changes().isEmpty)

        try "x".write(to: root.appendingPathComponent("notes.txt"), atomically: false, encoding: .utf8)
        #expect(watcher.changes().isEmpty, "a file outside the watched names")

        let templates = root.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        _ = watcher.changes()  // the new folder (inotify watches it from here on)
        try "<p>".write(to: templates.appendingPathComponent("index.html"), atomically: false, encoding: .utf8)
        #expect(watcher.changes().contains("templates/index.html"))

        try "// p2\n".write(to: root.appendingPathComponent("Package.swift"), atomically: false, encoding: .utf8)
        #expect(watcher.changes() == ["Package.swift"])
    }
}
