import Testing

@testable import MicroFlask

/// `app.test` keeps its cookies without keeping its app alive: the app holds only the shared
/// cookie jar, not a client that holds the app.
struct TestClientReleaseTests {
    @Test func anAppThatUsedItsTestClientIsFreed() throws {
        weak var weakApp: App?
        do {
            let app = App(name: "release")
            app.get("/set") { _ in
                var response = Response.text("set")
                response.setCookie("flavour", "oat")
                return response
            }
            app.get("/read") { req in req.cookies["flavour"] ?? "none" }
            _ = try app.test.get("/set")
            // A new `app.test` still sends the cookie the first one was given.
            #expect(try app.test.get("/read").text == "oat")
            weakApp = app
        }
        #expect(weakApp == nil, "the app was kept alive by its test client")
    }
}
