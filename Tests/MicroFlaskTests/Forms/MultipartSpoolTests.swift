import Foundation
import Testing

@testable import MicroFlask

extension FormsTests {
    /// Large uploads go to temporary files that `MultipartForm.cleanup()` removes.
    @Suite struct MultipartSpoolTests {
        private func body(fileBytes: [UInt8], extraPart: String = "") -> [UInt8] {
            Array("--XyZ\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"big.bin\"\r\n\r\n".utf8)
                + fileBytes + Array("\r\n\(extraPart)--XyZ--\r\n".utf8)
        }

        private func scratchDirectory() throws -> String {
            let path = NSTemporaryDirectory() + "microflask-spool-test-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            return path
        }

        private func limits(spoolThreshold: Int) -> MultipartLimits {
            var limits = MultipartLimits()
            limits.spoolThreshold = spoolThreshold
            return limits
        }

        @Test func largeFileIsSpooledAndCleanedUp() throws {
            let scratch = try scratchDirectory()
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            let parser = MultipartParser(limits: limits(spoolThreshold: 1000), temporaryDirectory: scratch)
            let content = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
            let form = try parser.parse(body(fileBytes: content), boundary: "XyZ")
            let file = try #require(form.files.first)
            let path = try #require(file.temporaryPath)
            let directory = try #require(form.temporaryDirectory)
            #expect(path.hasPrefix(directory))
            #expect(file.size == 5000)
            #expect(try file.bytes() == content)

            let permissions = try FileManager.default.attributesOfItem(atPath: directory)[.posixPermissions] as? Int
            #expect(permissions == 0o700)

            let saved = scratch + "/saved.bin"
            try Data("old contents that are longer than nothing".utf8).write(to: URL(fileURLWithPath: saved))
            try file.save(to: saved)
            #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: saved))) == content)

            form.cleanup()
            #expect(!FileManager.default.fileExists(atPath: path))
            #expect(!FileManager.default.fileExists(atPath: directory))
            #expect(throws: (any Error).self) { try file.bytes() }
            form.cleanup()
        }

        @Test func fileAtThresholdStaysInMemory() throws {
            let parser = MultipartParser(limits: limits(spoolThreshold: 1000))
            let form = try parser.parse(body(fileBytes: [UInt8](repeating: 1, count: 1000)), boundary: "XyZ")
            #expect(form.files.first?.temporaryPath == nil)
            #expect(form.temporaryDirectory == nil)
        }

        @Test func memoryFileSaves() throws {
            let scratch = try scratchDirectory()
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            let file = UploadedFile(fieldName: "f", filename: "a.txt", contentType: "text/plain", bytes: [1, 2, 3])
            try file.save(to: scratch + "/a.txt")
            #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: scratch + "/a.txt"))) == [1, 2, 3])
        }

        @Test func errorAfterSpoolingLeavesNoTemporaryFiles() throws {
            let scratch = try scratchDirectory()
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            var limits = limits(spoolThreshold: 10)
            limits.maxParts = 1
            let parser = MultipartParser(limits: limits, temporaryDirectory: scratch)
            let extra = "--XyZ\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nv\r\n"
            #expect(throws: FormError.self) {
                try parser.parse(body(fileBytes: [UInt8](repeating: 2, count: 100), extraPart: extra), boundary: "XyZ")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty)
        }

        @Test func unwritableDirectoryIsStorageError() {
            let parser = MultipartParser(
                limits: limits(spoolThreshold: 10), temporaryDirectory: "/nonexistent-\(UUID().uuidString)")
            do {
                _ = try parser.parse(body(fileBytes: [UInt8](repeating: 3, count: 100)), boundary: "XyZ")
                Issue.record("expected an error")
            } catch {
                #expect(error.kind == .storageFailed)
                #expect(error.statusCode == 500)
            }
        }
    }
}
