import Foundation
import Testing

@testable import MicroFlask

extension FormsTests {
    /// The form parsers read a spooled body in chunks and give what they give for the same bytes in memory.
    @Suite struct SpooledFormTests {
        @Test func urlencodedOverAFileMatchesMemory() throws {
            // Pairs long enough to cross the 64 KiB chunk boundaries at many places.
            var text = ""
            for index in 0..<400 {
                text += "k\(index)=" + String(repeating: "v%C3%A9+", count: index % 97) + "&"
            }
            text += "last=caf%C3%A9"
            let bytes = Array(text.utf8)
            #expect(bytes.count > 2 * RequestBody.chunkSize)
            var limits = FormLimits()
            limits.maxMemorySize = 1 << 20
            let fromFile = try URLEncodedForm.parse(try BodyTests.spooled(bytes), limits: limits)
            let fromMemory = URLEncodedForm.parse(bytes)
            #expect(fromFile.count == 401)
            #expect(fromFile.map { "\($0.0)=\($0.1)" } == fromMemory.map { "\($0.0)=\($0.1)" })
            #expect(fromFile.last?.1 == "café")
        }

        @Test func multipartOverAFileMatchesMemory() throws {
            let content = (0..<600_000).map { UInt8(truncatingIfNeeded: $0 &* 13) }
            let body =
                Array("--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nHello\r\n".utf8)
                + Array("--XyZ\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"a.bin\"\r\n\r\n".utf8)
                + content + Array("\r\n--XyZ--\r\n".utf8)
            let parser = FormLimits().multipartParser
            let form = try parser.parse(try BodyTests.spooled(body), contentType: "multipart/form-data; boundary=XyZ")
            defer { form.cleanup() }
            #expect(form.field("title") == "Hello")
            let file = try #require(form.files.first)
            #expect(file.temporaryPath != nil)  // 600 kB: past the 500 KiB threshold for files
            #expect(try file.bytes() == content)
        }

        @Test func parsedBodyWorksOnEitherStorage() throws {
            let text = Array("a=1&b=%C3%A9&a=2".utf8)
            for body in [RequestBody(text), try BodyTests.spooled(text)] {
                let parsed = try ParsedBody(
                    body, mimeType: "application/x-www-form-urlencoded", contentType: "", limits: FormLimits())
                #expect(parsed.fields.getAll("a") == ["1", "2"])
                #expect(parsed.fields["b"] == "é")
            }
        }
    }
}
