import Foundation
import Testing

@testable import MicroFlask

extension FormsTests {
    /// Expected values in the Werkzeug-comparison tests were produced by Werkzeug 3.1.8
    /// `parse_form_data(environ, silent=False)` on the same bytes (boundary `XyZ`).
    @Suite struct MultipartParserTests {
        private let parser = MultipartParser()

        private func parse(_ text: String) throws -> MultipartForm {
            try parser.parse(Array(text.utf8), boundary: "XyZ")
        }

        private func fields(_ form: MultipartForm) -> [Pair] { form.fields.map(Pair.init) }

        private func error(_ text: String, parser: MultipartParser = MultipartParser()) -> FormError? {
            do {
                _ = try parser.parse(Array(text.utf8), boundary: "XyZ")
                return nil
            } catch {
                return error
            }
        }

        private static let basic =
            "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nHello world\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"a.txt\"\r\n"
            + "Content-Type: text/plain\r\n\r\nline1\r\nline2\r\n\r\n--XyZ--\r\n"

        @Test func fieldAndFileLikeWerkzeug() throws {
            let form = try parse(Self.basic)
            #expect(fields(form) == [Pair("title", "Hello world")])
            #expect(form.files.count == 1)
            let file = try #require(form.files.first)
            #expect(file.fieldName == "upload")
            #expect(file.filename == "a.txt")
            #expect(file.contentType == "text/plain")
            #expect(try file.bytes() == Array("line1\r\nline2\r\n".utf8))
            #expect(file.size == 14)
            #expect(file.temporaryPath == nil)
            #expect(form.temporaryDirectory == nil)
        }

        @Test func preambleAndEpilogueAreIgnored() throws {
            let form = try parse("preamble text\r\nmore\r\n" + Self.basic + "epilogue junk")
            #expect(fields(form) == [Pair("title", "Hello world")])
            #expect(try form.files.first?.bytes() == Array("line1\r\nline2\r\n".utf8))
        }

        @Test func bareLineFeedsAreAccepted() throws {
            let form = try parse("--XyZ\nContent-Disposition: form-data; name=\"a\"\n\nLF only\n--XyZ--\n")
            #expect(fields(form) == [Pair("a", "LF only")])
        }

        @Test func transportPaddingAndLowercaseHeaderName() throws {
            let form = try parse("--XyZ  \t\r\ncontent-disposition: form-data; name=\"a\"\r\n\r\npadded\r\n--XyZ--")
            #expect(fields(form) == [Pair("a", "padded")])
        }

        @Test func filenameEscapes() throws {
            let backslashed = try parse(
                "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x \\\"q\\\" \\\\ y.txt\"\r\n\r\ndata\r\n--XyZ--\r\n"
            )
            #expect(backslashed.files.first?.filename == "x \"q\" \\ y.txt")
            #expect(backslashed.files.first?.contentType == "")
            let percent = try parse(
                "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"%22quoted%22.txt\"\r\n\r\ndata\r\n--XyZ--\r\n"
            )
            #expect(percent.files.first?.filename == "\"quoted\".txt")
            let windows = try parse(
                "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"C:\\\\dir\\\\a.txt\"\r\n\r\nx\r\n--XyZ--\r\n"
            )
            #expect(windows.files.first?.filename == "C:\\dir\\a.txt")
            let unquoted = try parse(
                "--XyZ\r\nContent-Disposition: form-data; name=a; filename=plain.txt\r\n\r\nv\r\n--XyZ--\r\n")
            #expect(unquoted.files.first?.filename == "plain.txt")
            #expect(unquoted.files.first?.fieldName == "a")
        }

        @Test func extendedFilename() throws {
            let form = try parse(
                "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename*=UTF-8''na%C3%AFve%20file.txt\r\n\r\nx\r\n--XyZ--\r\n"
            )
            #expect(form.files.first?.filename == "naïve file.txt")
        }

        @Test func emptyFileInputIsAFileWithEmptyName() throws {
            let form = try parse(
                "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n\r\n--XyZ--\r\n")
            #expect(form.fields.isEmpty)
            let file = try #require(form.files.first)
            #expect(file.filename == "")
            #expect(file.contentType == "application/octet-stream")
            #expect(file.size == 0)
        }

        @Test func utf8NamesAndInvalidBytesReplaced() throws {
            var body = Array("--XyZ\r\nContent-Disposition: form-data; name=\"café\"\r\n\r\nsnowman ☃ bad ".utf8)
            body += [0xFF] + Array("\r\n--XyZ--\r\n".utf8)
            let form = try parser.parse(body, boundary: "XyZ")
            #expect(fields(form) == [Pair("café", "snowman ☃ bad \u{FFFD}")])
        }

        @Test func duplicateNamesKeptInOrder() throws {
            let form = try parse(
                "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
                    + "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n2\r\n--XyZ--\r\n")
            #expect(fields(form) == [Pair("a", "1"), Pair("a", "2")])
            #expect(form.field("a") == "1")
        }

        @Test func boundaryTextInsideDataIsData() throws {
            let form = try parse(
                "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
                    + "contains --XyZ inline and \r\n--XyZfake\r\nend\r\n--XyZ--\r\n")
            #expect(fields(form) == [Pair("a", "contains --XyZ inline and \r\n--XyZfake\r\nend")])
        }

        @Test func emptyFormAndEmptyValues() throws {
            #expect(try parse("--XyZ--\r\n").fields.isEmpty)
            let empty = try parse("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\r\n--XyZ--")
            #expect(fields(empty) == [Pair("a", "")])
            let noLineBeforeDelimiter = try parse("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n--XyZ--")
            #expect(fields(noLineBeforeDelimiter) == [Pair("a", "")])
        }

        @Test func foldedHeaders() throws {
            let form = try parse("--XyZ\r\nContent-Disposition: form-data;\r\n name=\"folded\"\r\n\r\nv\r\n--XyZ--\r\n")
            #expect(fields(form) == [Pair("folded", "v")])
        }

        @Test func parseWithContentTypeUsesQuotedBoundary() throws {
            let form = try parser.parse(Array(Self.basic.utf8), contentType: "multipart/form-data; boundary=\"XyZ\"")
            #expect(fields(form) == [Pair("title", "Hello world")])
        }

        @Test func malformedBodiesAreErrors() {
            #expect(error("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end")?.kind == .malformedPart)
            #expect(error("--XyZ\r\nContent-Type: text/plain\r\n\r\nno cd\r\n--XyZ--\r\n")?.kind == .malformedPart)
            #expect(error("")?.kind == .malformedPart)
            #expect(error("no delimiter at all")?.kind == .malformedPart)
            #expect(
                error("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno close\r\n--XyZ\r\n")?.kind
                    == .malformedPart)
            #expect(error("--XyZ\r\nContent-Disposition: form-data\r\n\r\nnameless\r\n--XyZ--")?.kind == .malformedPart)
            #expect(error("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n")?.kind == .malformedPart)
            #expect(error("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n")?.statusCode == 400)
        }

        @Test func missingOrInvalidBoundary() {
            #expect(throws: FormError.self) {
                try parser.parse(Array(Self.basic.utf8), contentType: "multipart/form-data")
            }
            do {
                _ = try parser.parse(Array(Self.basic.utf8), contentType: "application/json")
                Issue.record("expected an error")
            } catch {
                #expect(error.kind == .missingBoundary)
                #expect(error.description.contains("boundary"))
            }
            for boundary in ["", "a\r\nb", String(repeating: "b", count: 201)] {
                #expect(throws: FormError.self) { try parser.parse(Array(Self.basic.utf8), boundary: boundary) }
            }
        }

        @Test func tooManyPartsIs413() {
            var limits = MultipartLimits()
            limits.maxParts = 3
            let part = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n"
            let strict = MultipartParser(limits: limits)
            #expect(error(String(repeating: part, count: 3) + "--XyZ--", parser: strict) == nil)
            let failure = error(String(repeating: part, count: 4) + "--XyZ--", parser: strict)
            #expect(failure?.kind == .tooManyParts)
            #expect(failure?.statusCode == 413)
        }

        @Test func defaultLimitIsAThousandParts() {
            let part = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n"
            #expect(error(String(repeating: part, count: 1000) + "--XyZ--") == nil)
            #expect(error(String(repeating: part, count: 1001) + "--XyZ--")?.kind == .tooManyParts)
        }

        @Test func oversizedFieldIs413ButFileIsNot() {
            var limits = MultipartLimits()
            limits.maxMemoryPartSize = 10
            let strict = MultipartParser(limits: limits)
            let value = String(repeating: "x", count: 11)
            let field = "--XyZ\r\nContent-Disposition: form-data; name=\"big\"\r\n\r\n\(value)\r\n--XyZ--"
            let failure = error(field, parser: strict)
            #expect(failure?.kind == .fieldTooLarge)
            #expect(failure?.statusCode == 413)
            #expect(failure?.description.contains("big") == true)
            let file =
                "--XyZ\r\nContent-Disposition: form-data; name=\"big\"; filename=\"b\"\r\n\r\n\(value)\r\n--XyZ--"
            #expect(error(file, parser: strict) == nil)
            let exact = "--XyZ\r\nContent-Disposition: form-data; name=\"ok\"\r\n\r\n\(value.dropLast())\r\n--XyZ--"
            #expect(error(exact, parser: strict) == nil)
        }

        @Test func oversizedPartHeadersAreMalformed() {
            var limits = MultipartLimits()
            limits.maxPartHeaderSize = 100
            let header = "Content-Disposition: form-data; name=\"a\"; x=\"\(String(repeating: "y", count: 200))\""
            let failure = error("--XyZ\r\n\(header)\r\n\r\nv\r\n--XyZ--", parser: MultipartParser(limits: limits))
            #expect(failure?.kind == .malformedPart)
            #expect(failure?.description.contains("exceed") == true)
        }
    }
}
