import Foundation
import Testing

@testable import MicroFlask

extension FormsTests {
    /// The streaming parser gives the same form whatever the chunking, and holds only a small window.
    @Suite struct MultipartStreamTests {
        private static let body = Array(
            ("preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue\r\n--XyZ  \r\n"
                + "Content-Disposition: form-data; name=\"empty\"\r\n\r\n\r\n"
                + "--XyZ\nContent-Disposition: form-data; name=\"f\"; filename=\"x.txt\"\r\nContent-Type: text/plain\r\n\r\n"
                + "file\r\n--XyZ-not-a-delimiter\r\ndata\n--XyZ\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n"
                + "--XyZ--\r\nepilogue --XyZ\r\n").utf8)

        private func summary(_ form: MultipartForm) throws -> String {
            let fields = form.fields.map { "\($0.0)=\($0.1)" }.joined(separator: "|")
            let files = try form.files.map {
                "\($0.fieldName):\($0.filename):\(String(decoding: try $0.bytes(), as: UTF8.self))"
            }
            return fields + "#" + files.joined(separator: "|")
        }

        private func parse(_ bytes: [UInt8], splits: [Int], limits: MultipartLimits = MultipartLimits())
            throws(FormError)
            -> MultipartForm
        {
            var stream = try MultipartStreamParser(boundary: "XyZ", limits: limits)
            var start = 0
            for end in splits + [bytes.count] where end >= start {
                try bytes[start..<end].withUnsafeBytes { buffer in
                    Result { () throws(FormError) in try stream.feed(buffer) }
                }.get()
                start = end
            }
            return try stream.finish()
        }

        @Test func wholeBodyParses() throws {
            let form = try parse(Self.body, splits: [])
            #expect(try summary(form) == "a=value|empty=|b=#f:x.txt:file\r\n--XyZ-not-a-delimiter\r\ndata")
        }

        @Test func splitAtEveryOffsetGivesTheSameForm() throws {
            let expected = try summary(try parse(Self.body, splits: []))
            for split in 0...Self.body.count {
                #expect(try summary(try parse(Self.body, splits: [split])) == expected, "split at \(split)")
            }
        }

        @Test func oneByteAtATimeGivesTheSameForm() throws {
            let expected = try summary(try parse(Self.body, splits: []))
            #expect(try summary(try parse(Self.body, splits: Array(0...Self.body.count))) == expected)
        }

        @Test func errorsAreTheSameWhateverTheChunking() throws {
            let truncated = Array(Self.body[0..<120])
            for splits in [[], [60], Array(0...truncated.count)] {
                #expect(throws: FormError.self) { try parse(truncated, splits: splits) }
            }
            var limits = MultipartLimits()
            limits.maxParts = 2
            for splits in [[], [70], Array(0...Self.body.count)] {
                do {
                    _ = try parse(Self.body, splits: splits, limits: limits)
                    Issue.record("expected tooManyParts")
                } catch {
                    #expect(error.kind == .tooManyParts)
                }
            }
        }

        @Test func randomSplitsOfMutatedBodiesAgreeWithTheWholeParse() throws {
            var generator = SystemRandomNumberGenerator()
            for _ in 0..<300 {
                var bytes = Self.body
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[index] = Array("-\r\n X".utf8).randomElement(using: &generator)!
                let splits = (0..<3).map { _ in Int.random(in: 0...bytes.count, using: &generator) }.sorted()
                #expect(outcome(bytes, splits: []) == outcome(bytes, splits: splits), "splits \(splits)")
            }
        }

        /// The form's summary, or the error's kind.
        private func outcome(_ bytes: [UInt8], splits: [Int]) -> String {
            do {
                let form = try parse(bytes, splits: splits)
                defer { form.cleanup() }
                return try summary(form)
            } catch let error as FormError {
                return "error \(error.kind)"
            } catch {
                return "unexpected \(error)"
            }
        }

        @Test func aLargeFileOfNearMatchesGoesToDiskWhole() throws {
            let scratch = NSTemporaryDirectory() + "microflask-stream-test-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: false)
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            var limits = MultipartLimits()
            limits.spoolThreshold = 100_000
            let writes = DiskWriteCounter()
            var stream = try MultipartStreamParser(
                boundary: "XyZ", limits: limits, temporaryDirectory: scratch, budget: nil, diskWrites: writes)
            let head = Array("--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"big\"\r\n\r\n".utf8)
            try head.withUnsafeBytes { try stream.feed($0) }
            let chunk = [UInt8](repeating: UInt8(ascii: "-"), count: 64 * 1024)
            for _ in 0..<80 {  // 5 MiB of dashes: near-matches of the delimiter everywhere
                try chunk.withUnsafeBytes { try stream.feed($0) }
            }
            try Array("\r\n--XyZ--\r\n".utf8).withUnsafeBytes { try stream.feed($0) }
            let form = try stream.finish()
            defer { form.cleanup() }
            let file = try #require(form.files.first)
            #expect(file.size == 80 * 64 * 1024)
            let path = try #require(file.temporaryPath)
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
            #expect(size == 80 * 64 * 1024)
            #expect(writes.total == 80 * 64 * 1024, "each byte written once")
        }

        @Test func smallFilesPastTheFormsMemoryShareGoToDisk() throws {
            var limits = MultipartLimits()
            limits.maxMemoryFileBytes = 250
            let part =
                "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"s\"\r\n\r\n"
                + String(repeating: "z", count: 100) + "\r\n"
            let form = try parse(
                Array((String(repeating: part, count: 4) + "--XyZ--\r\n").utf8), splits: [], limits: limits)
            defer { form.cleanup() }
            #expect(form.files.map { $0.temporaryPath == nil } == [true, true, false, false])
        }
    }
}
