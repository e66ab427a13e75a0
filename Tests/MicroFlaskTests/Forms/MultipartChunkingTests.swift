import Foundation
import Testing

@testable import MicroFlask

extension FormsTests {
    /// A body parsed as it arrives gives the same form or the same error whatever the reads it
    /// came in: whole, one byte at a time, and split once at every offset.
    @Suite struct MultipartChunkingTests {
        /// One body to parse, with the limits it is parsed within.
        struct Case: CustomStringConvertible {
            let name: String
            let body: [UInt8]
            var limits = MultipartLimits()

            var description: String { name }
        }

        private static func part(_ name: String, _ value: String, filename: String? = nil) -> String {
            let file = filename.map { "; filename=\"\($0)\"\r\nContent-Type: application/octet-stream" } ?? ""
            return "--XyZ\r\nContent-Disposition: form-data; name=\"\(name)\"\(file)\r\n\r\n\(value)\r\n"
        }

        private static func limits(_ change: (inout MultipartLimits) -> Void) -> MultipartLimits {
            var limits = MultipartLimits()
            change(&limits)
            return limits
        }

        static let cases: [Case] = [
            Case(
                name: "fields and a file",
                body: Array(
                    (part("a", "1") + part("f", "one\r\ntwo", filename: "f.txt") + part("b", "") + "--XyZ--\r\n").utf8)),
            Case(
                name: "preamble, LF lines, padding, epilogue",
                body: Array(
                    ("preamble --XyZ\r\n--XyZ \t\nContent-Disposition: form-data; name=\"a\"\n\nx\n--XyZ\r\n"
                        + "Content-Disposition: form-data;\r\n name=\"folded\"\r\n\r\n-\r\n--XyZx\r\n--XyZ--epilogue\r\n--XyZ")
                        .utf8)),
            Case(
                name: "near-matches inside a file",
                body: Array((part("f", "\r\n--XyZz\r\n--Xy\r\n-\r\n--", filename: "n") + "--XyZ--").utf8)),
            Case(
                name: "files to disk and in memory",
                body: Array(
                    (part("big", String(repeating: "0123456789", count: 30), filename: "big.bin")
                        + part("small", "tiny", filename: "s")
                        + part("big2", String(repeating: "z", count: 150), filename: "b2")
                        + "--XyZ--\r\n").utf8),
                limits: limits { $0.spoolThreshold = 100 }),
            Case(name: "empty body", body: []),
            Case(name: "no delimiter", body: Array("just some text\r\n".utf8)),
            Case(
                name: "no closing delimiter",
                body: Array((part("a", "1") + "--XyZ\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\nv").utf8)),
            Case(
                name: "headers never end", body: Array("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n".utf8)),
            Case(name: "no name", body: Array("--XyZ\r\nContent-Disposition: form-data\r\n\r\nv\r\n--XyZ--".utf8)),
            Case(
                name: "too many parts",
                body: Array((part("a", "1") + part("b", "2") + part("c", "3") + "--XyZ--").utf8),
                limits: limits { $0.maxParts = 2 }),
            Case(
                name: "field too large",
                body: Array((part("a", "12345") + part("b", String(repeating: "x", count: 40)) + "--XyZ--").utf8),
                limits: limits { $0.maxMemoryPartSize = 30 }),
            Case(
                name: "fields too large together",
                body: Array(
                    (part("a", String(repeating: "x", count: 25)) + part("b", String(repeating: "y", count: 25))
                        + "--XyZ--").utf8),
                limits: limits { $0.maxFieldsSize = 40 }),
            Case(
                name: "part headers too large",
                body: Array(
                    ("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Pad: "
                        + String(repeating: "p", count: 80) + "\r\n\r\nv\r\n--XyZ--").utf8),
                limits: limits { $0.maxPartHeaderSize = 64 }),
        ]

        /// Parses `bytes` fed in the pieces `splits` cut it into; the form, or the error, as text.
        static func outcome(_ bytes: [UInt8], splits: [Int], limits: MultipartLimits) -> String {
            do {
                var stream = try MultipartStreamParser(boundary: "XyZ", limits: limits)
                var start = 0
                do {
                    for end in splits + [bytes.count] where end >= start {
                        try bytes[start..<end].withUnsafeBytes { buffer in
                            Result { () throws(FormError) in try stream.feed(buffer) }
                        }.get()
                        start = end
                    }
                    let form = try stream.finish()
                    defer { form.cleanup() }
                    return try summary(form)
                } catch {
                    stream.discard()
                    throw error
                }
            } catch let error as FormError {
                return "error \(error.kind): \(error.description)"
            } catch {
                return "unexpected \(error)"
            }
        }

        /// Names, values, filenames, content types, where each file is kept and its bytes.
        static func summary(_ form: MultipartForm) throws -> String {
            let fields = form.fields.map { "\($0.0)=\($0.1)" }
            let files = try form.files.map { file in
                let place = file.temporaryPath == nil ? "memory" : "disk"
                return
                    "\(file.fieldName):\(file.filename):\(file.contentType):\(file.size):\(place):\(String(decoding: try file.bytes(), as: UTF8.self))"
            }
            return (fields + ["#"] + files).joined(separator: "|")
        }

        @Test(arguments: cases) func everyChunkingGivesTheSameOutcome(_ test: Case) {
            let whole = Self.outcome(test.body, splits: [], limits: test.limits)
            #expect(
                Self.outcome(test.body, splits: Array(0...test.body.count), limits: test.limits) == whole,
                "byte by byte")
            for split in 0...test.body.count {
                let outcome = Self.outcome(test.body, splits: [split], limits: test.limits)
                #expect(outcome == whole, "split at \(split)")
                if outcome != whole { break }
            }
        }

        @Test func theOutcomesAreTheExpectedOnes() {
            let expected = [
                "a=1|b=|#|f:f.txt:application/octet-stream:8:memory:one\r\ntwo",
                "a=x|folded=-\r\n--XyZx|#",
                "#|f:n:application/octet-stream:21:memory:\r\n--XyZz\r\n--Xy\r\n-\r\n--",
                "#|big:big.bin:application/octet-stream:300:disk:\(String(repeating: "0123456789", count: 30))"
                    + "|small:s:application/octet-stream:4:memory:tiny"
                    + "|big2:b2:application/octet-stream:150:disk:\(String(repeating: "z", count: 150))",
                "error malformedPart: the body contains no multipart boundary delimiter",
                "error malformedPart: the body contains no multipart boundary delimiter",
                "error malformedPart: part 2 is not followed by a boundary delimiter",
                "error malformedPart: the headers of part 1 do not end with an empty line",
                "error malformedPart: the Content-Disposition of part 1 has no name parameter",
                "error tooManyParts: the body has more than 2 parts",
                "error fieldTooLarge: the form field \"b\" is larger than 30 bytes",
                "error fieldsTooLarge: the form's fields together pass 40 bytes",
                "error malformedPart: the headers of part 1 exceed 64 bytes",
            ]
            #expect(Self.cases.map { Self.outcome($0.body, splits: [], limits: $0.limits) } == expected)
        }

        @Test func largeBodiesInRandomReadsAgreeWithTheWholeParse() throws {
            // Pieces larger than the decoder's carry step, carried header blocks of ~10 KB, and
            // content full of near-matches of the delimiter.
            let nearMatches = String(repeating: "\r\n--XyZ-\r\n--Xy", count: 2000)
            let longHeader = "X-Pad: " + String(repeating: "h", count: 10_000)
            let body = Array(
                (Self.part("a", "1") + "--XyZ\r\n\(longHeader)\r\nContent-Disposition: form-data; name=\"f\"; "
                    + "filename=\"n.bin\"\r\n\r\n\(nearMatches)\r\n" + Self.part("b", nearMatches) + "--XyZ--").utf8)
            let limits = Self.limits { $0.spoolThreshold = 5000 }
            let whole = Self.outcome(body, splits: [], limits: limits)
            #expect(whole.hasPrefix("a=1|b=\(nearMatches)|#|f:n.bin:"))
            var generator = SystemRandomNumberGenerator()
            for _ in 0..<40 {
                var splits: [Int] = []
                var position = 0
                while position < body.count {
                    position += Int.random(in: 1...9000, using: &generator)
                    splits.append(min(position, body.count))
                }
                #expect(Self.outcome(body, splits: splits, limits: limits) == whole, "splits \(splits)")
            }
        }

        @Test func aWholeBodyIsReadInPlace() throws {
            // The content spans handed on point into the caller's buffer: nothing was copied.
            let body = Array((Self.part("a", "value") + Self.part("f", "file bytes", filename: "f") + "--XyZ--").utf8)
            var decoder = try MultipartDecoder(boundary: "XyZ")
            var inside = 0
            try body.withUnsafeBytes { buffer in
                try decoder.feed(buffer) { event in
                    guard case .partData(let span) = event else { return }
                    let start = span.baseAddress! - buffer.baseAddress!
                    #expect(start >= 0 && start + span.count <= buffer.count)
                    inside += span.count
                }
            }
            try decoder.finish { _ in }
            #expect(inside == "value".utf8.count + "file bytes".utf8.count)
        }

        @Test func aFileWrittenToDiskIsWrittenOnce() throws {
            let writes = DiskWriteCounter()
            let content = String(repeating: "abcdefgh", count: 50_000)
            let body = Array((Self.part("f", content, filename: "f") + "--XyZ--").utf8)
            var stream = try MultipartStreamParser(
                boundary: "XyZ", limits: MultipartLimits(spoolThreshold: 1000), temporaryDirectory: nil, budget: nil,
                diskWrites: writes)
            for start in stride(from: 0, to: body.count, by: 1000) {
                try body[start..<min(body.count, start + 1000)].withUnsafeBytes { try stream.feed($0) }
            }
            let form = try stream.finish()
            defer { form.cleanup() }
            #expect(try form.files.first?.bytes() == Array(content.utf8))
            #expect(writes.total == content.utf8.count)
        }

        @Test func aParserDroppedMidUploadRemovesItsFiles() throws {
            let scratch = NSTemporaryDirectory() + "microflask-drop-test-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: false)
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            do {
                var stream = try MultipartStreamParser(
                    boundary: "XyZ", limits: MultipartLimits(spoolThreshold: 100), temporaryDirectory: scratch)
                let start = Array(
                    ("--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"f\"\r\n\r\n"
                        + String(repeating: "d", count: 5000)).utf8)
                try start.withUnsafeBytes { try stream.feed($0) }
                #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).count == 1, "an upload folder")
            }
            // The connection went away before the body ended: nothing is left on disk.
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty)
        }

        @Test func fieldBytesAreReservedInTheBudgetWhileTheFormLives() throws {
            let budget = BodyMemoryBudget(limit: 1000)
            let body = Array(
                (Self.part("a", String(repeating: "x", count: 300)) + Self.part("f", "tiny", filename: "f") + "--XyZ--")
                    .utf8)
            do {
                var stream = try MultipartStreamParser(
                    boundary: "XyZ", limits: MultipartLimits(), temporaryDirectory: nil, budget: budget)
                try body.withUnsafeBytes { try stream.feed($0) }
                let form = try stream.finish()
                #expect(budget.inUse == 304, "the field's 300 bytes and the small file's 4")
                #expect(form.fields.count == 1)
            }
            #expect(budget.inUse == 0, "released with the form")
        }

        @Test func aFieldThatDoesNotFitTheBudgetIs503AndAFileGoesToDisk() throws {
            let budget = BodyMemoryBudget(limit: 100)
            let file = Array((Self.part("f", String(repeating: "y", count: 200), filename: "f") + "--XyZ--").utf8)
            var stream = try MultipartStreamParser(
                boundary: "XyZ", limits: MultipartLimits(), temporaryDirectory: nil, budget: budget)
            try file.withUnsafeBytes { try stream.feed($0) }
            let form = try stream.finish()
            defer { form.cleanup() }
            #expect(form.files.first?.temporaryPath != nil, "past the budget, the small file went to disk")
            #expect(budget.inUse == 0)

            let field = Array((Self.part("a", String(repeating: "x", count: 200)) + "--XyZ--").utf8)
            var refused = try MultipartStreamParser(
                boundary: "XyZ", limits: MultipartLimits(), temporaryDirectory: nil, budget: budget)
            do {
                try field.withUnsafeBytes { try refused.feed($0) }
                Issue.record("a field past the budget was accepted")
            } catch let error as FormError {
                #expect(error.kind == .memoryUnavailable)
                #expect(error.statusCode == 503)
            }
        }
    }
}
