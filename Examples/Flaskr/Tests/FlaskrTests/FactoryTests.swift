import MicroFlask
import Testing

@testable import FlaskrApp

/// Flaskr's `test_factory.py`: the test config, and the hello page.
@Suite struct FactoryTests {
    @Test func config() throws {
        #expect(try !createApp().testing)
        #expect(try createApp(testConfig: ["TESTING": "true"]).testing)
    }

    @Test func hello() throws {
        let fixture = try FlaskrFixture()
        #expect(try fixture.client.get("/hello").text == "Hello, World!")
    }
}
