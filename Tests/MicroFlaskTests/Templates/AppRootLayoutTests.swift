import Foundation
import Testing

@testable import MicroFlask

extension Templates {
    /// A target outside the package's `Sources/` (an example in `Examples/NAME/`) finds folders
    /// beside its own code only, never the package root's, which belong to another target.
    struct AppRootLayoutTests {
        @Test func anExampleTargetDoesNotTakeThePackageRootsTemplates() throws {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("microflask-layout-\(UUID())").path
            defer { try? FileManager.default.removeItem(atPath: root) }
            for folder in ["templates", "Examples/Hello", "Sources/Site"] {
                try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
            }
            try "".write(toFile: root + "/Package.swift", atomically: true, encoding: .utf8)

            let example = AppRoot(sourceFile: root + "/Examples/Hello/main.swift", executable: nil)
            #expect(example.candidates == [root + "/Examples/Hello"])
            #expect(example.resolve("templates", rootPath: nil).path == root + "/Examples/Hello/templates")

            let site = AppRoot(sourceFile: root + "/Sources/Site/main.swift", executable: nil)
            #expect(site.candidates == [root + "/Sources/Site", root + "/Sources", root])
            #expect(site.resolve("templates", rootPath: nil).path == root + "/templates")
        }
    }
}
