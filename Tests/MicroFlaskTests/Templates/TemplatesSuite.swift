import Foundation
import Testing

@testable import MicroFlask

/// Groups the template engine's tests, so `swift test --filter Templates` runs exactly them.
@Suite enum Templates {}

/// A temporary templates folder that lives for one test.
struct TemplateFixture {
    let directory: URL

    init(_ files: [String: String]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("microflask-templates-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, contents) in files { try write(name, contents) }
    }

    var path: String { directory.path }

    func write(_ name: String, _ contents: String, modified: Date? = nil) throws {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: url, atomically: true, encoding: .utf8)
        if let modified {
            try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: url.path)
        }
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Renders `source` with a fresh environment, for one-line assertions.
func render(_ source: String, _ context: [String: TemplateValue] = [:]) throws -> String {
    try TemplateEnvironment(directory: "/nonexistent").renderString(source, context)
}

/// The ``TemplateError`` that rendering `source` throws, or nil.
func renderError(_ source: String, _ context: [String: TemplateValue] = [:]) -> TemplateError? {
    do {
        _ = try render(source, context)
        return nil
    } catch {
        return error as? TemplateError
    }
}
