// The seed's views.py: one function per page, each reading its template.
import Foundation

/// The pages' functions. The seed opened `templates/index.html` from the working directory;
/// these look beside this source file, so `swift run` works from any directory.
enum Views {
    /// The folder of this file's templates.
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "templates")

    /// The text of `templates/NAME`, or a line saying it is missing.
    static func read(_ name: String) -> String {
        (try? String(contentsOf: templates.appendingPathComponent(name), encoding: .utf8))
            ?? "<p>templates/\(name) is missing</p>"
    }

    static func index() -> String { read("index.html") }

    static func test() -> String { read("test.html") }
}
