import MicroFlask
import Testing

@testable import FlaskrApp

/// Flaskr's `test_auth.py`: registering, logging in and out.
@Suite struct AuthTests {
    @Test func register() throws {
        let fixture = try FlaskrFixture()
        #expect(try fixture.client.get("/auth/register").status == .ok)
        let response = try fixture.client.post("/auth/register", form: [("username", "a"), ("password", "a")])
        #expect(response.headers["Location"] == "/auth/login")
        let user = try fixture.database().execute("SELECT * FROM user WHERE username = 'a'").first
        #expect(user != nil)
        // Stored in Werkzeug's default format, so a Flask app could check it.
        #expect(user?["password"]?.string?.hasPrefix("scrypt:32768:8:1$") == true)
    }

    @Test(arguments: [
        ("", "", "Username is required."), ("a", "", "Password is required."), ("test", "test", "already registered"),
    ])
    func registerValidatesInput(username: String, password: String, message: String) throws {
        let fixture = try FlaskrFixture()
        let response = try fixture.client.post(
            "/auth/register", form: [("username", username), ("password", password)])
        #expect(response.text.contains(message))
    }

    @Test func login() throws {
        let seen = Recorder()
        let fixture = try FlaskrFixture { app in
            app.afterRequest { req, response in
                let user: SQLiteRow? = req.g.user
                seen.set(userID: req.session["user_id"], username: user?["username"]?.string)
                return response
            }
        }
        #expect(try fixture.client.get("/auth/login").status == .ok)
        let response = try fixture.login()
        #expect(response.headers["Location"] == "/")
        _ = try fixture.client.get("/")
        #expect(seen.userID == 1)
        #expect(seen.username == "test")
    }

    @Test(arguments: [("a", "test", "Incorrect username."), ("test", "a", "Incorrect password.")])
    func loginValidatesInput(username: String, password: String, message: String) throws {
        let fixture = try FlaskrFixture()
        #expect(try fixture.login(username, password).text.contains(message))
    }

    @Test func logout() throws {
        let seen = Recorder()
        let fixture = try FlaskrFixture { app in
            app.afterRequest { req, response in
                seen.set(userID: req.session["user_id"], username: nil)
                return response
            }
        }
        try fixture.login()
        try fixture.logout()
        #expect(seen.userID == nil)
    }

    /// A missing field is a 400, as `request.form["username"]` is in Flask.
    @Test func missingFieldIsBadRequest() throws {
        let fixture = try FlaskrFixture()
        #expect(try fixture.client.post("/auth/login", form: [("username", "test")]).status == .badRequest)
    }
}
