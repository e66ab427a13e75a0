import Foundation
import Testing

@testable import MicroFlask

extension FormsTests {
    /// Flask 3.1's `MAX_FORM_MEMORY_SIZE` and `MAX_FORM_PARTS`, checked against Flask 3.1.3 and
    /// Werkzeug 3.1.8 with their test client: a urlencoded body over 500,000 bytes, a multipart field
    /// over 500,000 bytes, and 1,001 parts are 413; exactly at the limits is 200; urlencoded forms
    /// have no part limit.
    @Suite struct FormLimitsTests {
        private func app(_ configure: (inout Config) -> Void = { _ in }) -> App {
            let app = App(name: "limits")
            configure(&app.config)
            app.post("/form") { req in
                "fields=\(req.form.count) files=\(req.files.count)"
            }
            return app
        }

        private func post(_ app: App, _ body: String, type: String) throws -> Response {
            try app.test.post("/form", body: Array(body.utf8), headers: ["Content-Type": type])
        }

        private func multipart(fields: Int, size: Int = 1) -> String {
            (0..<fields).map {
                "--B\r\nContent-Disposition: form-data; name=\"f\($0)\"\r\n\r\n\(String(repeating: "v", count: size))\r\n"
            }.joined() + "--B--\r\n"
        }

        private let urlencoded = "application/x-www-form-urlencoded"
        private let multipartType = "multipart/form-data; boundary=B"

        @Test func urlencodedOverTheMemorySizeIs413() throws {
            let app = app()
            #expect(try post(app, "a=" + String(repeating: "x", count: 500_000 - 2), type: urlencoded).status == .ok)
            #expect(
                try post(app, "a=" + String(repeating: "x", count: 500_001 - 2), type: urlencoded).status.code == 413)
            let refused = try post(app, "a=" + String(repeating: "x", count: 600_000), type: urlencoded)
            #expect(refused.status.code == 413)
            #expect(refused.text.contains("<p>The data value transmitted exceeds the capacity limit.</p>"))
        }

        @Test func tenMegabyteUrlencodedFormIsRefusedQuickly() throws {
            let app = app()
            let body = Array(("a=" + String(repeating: "x%41", count: 2_500_000)).utf8)
            // Refused on its size alone, before any decoding (parsing it took about a second and 250 MB).
            let response = try app.test.post("/form", body: body, headers: ["Content-Type": urlencoded])
            #expect(response.status.code == 413)
        }

        @Test func urlencodedFormsHaveNoPartLimit() throws {
            let body = (0..<1001).map { "a=\($0)" }.joined(separator: "&")
            #expect(try post(app(), body, type: urlencoded).status == .ok)
        }

        @Test func multipartPartsPastTheLimitAre413() throws {
            let app = app()
            #expect(try post(app, multipart(fields: 1000), type: multipartType).status == .ok)
            #expect(try post(app, multipart(fields: 1001), type: multipartType).status.code == 413)
        }

        @Test func filesCountAsParts() throws {
            let file = "--B\r\nContent-Disposition: form-data; name=\"u\"; filename=\"a.txt\"\r\n\r\nzz\r\n"
            let body = String(multipart(fields: 999).dropLast("--B--\r\n".count)) + file + file + "--B--\r\n"
            #expect(try post(app(), body, type: multipartType).status.code == 413)
        }

        @Test func multipartFieldOverTheMemorySizeIs413ButManySmallerOnesPass() throws {
            let app = app()
            #expect(try post(app, multipart(fields: 1, size: 600_000), type: multipartType).status.code == 413)
            #expect(try post(app, multipart(fields: 2, size: 300_000), type: multipartType).status == .ok)
        }

        @Test func configKnobsReachTheParsers() throws {
            let app = app {
                $0.maxFormParts = 3
                $0.maxFormMemorySize = 10
            }
            #expect(try post(app, multipart(fields: 3), type: multipartType).status == .ok)
            #expect(try post(app, multipart(fields: 4), type: multipartType).status.code == 413)
            #expect(try post(app, "a=12345678", type: urlencoded).status == .ok)
            #expect(try post(app, "a=123456789", type: urlencoded).status.code == 413)
        }

        @Test func environmentSetsTheFormLimits() throws {
            var config = Config()
            try config.loadEnvironment(environment: [
                "MICROFLASK_MAX_FORM_MEMORY_SIZE": "1234", "MICROFLASK_MAX_FORM_PARTS": "7",
            ])
            #expect(config.formLimits.maxMemorySize == 1234)
            #expect(config.formLimits.maxParts == 7)
            #expect(throws: (any Error).self) {
                try config.loadEnvironment(environment: ["MICROFLASK_MAX_FORM_PARTS": "-1"])
            }
        }

        @Test func limitErrorsAre413() {
            #expect(FormError(.formTooLarge, "x").statusCode == 413)
            #expect(FormError(.tooManyParts, "x").statusCode == 413)
            #expect(FormError(.fieldTooLarge, "x").statusCode == 413)
        }
    }
}
