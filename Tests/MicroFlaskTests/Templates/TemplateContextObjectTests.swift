import Foundation
import Testing

@testable import MicroFlask

extension Templates {
    /// `session`, `g` and `request.headers` as objects: their `get` methods, and the headers
    /// mapping built in one pass.
    struct ContextObjectTests {
        /// Flask 3.1 renders the same template, with `g.x = 5` and an empty session, as
        /// `5|None|3|4|None|d`.
        @Test func gAndSessionGetMatchFlask() throws {
            let app = App()
            app.config.secretKey = "k"
            app.beforeRequest { req in
                req.g["x"] = 5
                return nil
            }
            app.get("/") { _ in
                try app.renderString(
                    "{{ g.get('x') }}|{{ g.get('y') }}|{{ g.get('y', 3) }}|{{ g.get('y', default=4) }}|"
                        + "{{ session.get('k') }}|{{ session.get('k', 'd') }}")
            }
            app.get("/keyword") { _ in try app.renderString("{{ session.get('k', default='e') }}") }
            #expect(try app.test.get("/").text == "5|None|3|4|None|d")
            // Flask raises "SecureCookieSession.get() takes no keyword arguments" here.
            #expect(try app.test.get("/keyword").status == .internalServerError)
        }

        @Test func headersAsAMappingJoinRepeatedFieldsInFirstSeenOrder() throws {
            let fields = [("Accept", "a"), ("X-Tag", "1"), ("accept", "b"), ("x-tag", "2"), ("Host", "h")]
            let headers = Headers(fields.map { (name: $0.0, value: $0.1) })
            let mapping = try #require(HeadersTemplateObject(headers: headers).plainValue)
            #expect(mapping == .dictionary(["Accept": "a, b", "X-Tag": "1, 2", "Host": "h"]))
        }

        @Test func headersAsAMappingAreLinearInTheFieldCount() throws {
            // 20,000 distinct fields: the old lookup per field was quadratic (seconds); this is milliseconds.
            let headers = Headers((0..<20_000).map { (name: "X-Field-\($0)", value: "v\($0)") })
            let clock = ContinuousClock()
            let elapsed = clock.measure { _ = HeadersTemplateObject(headers: headers).plainValue }
            #expect(elapsed < .seconds(2), "took \(elapsed)")
        }
    }
}
