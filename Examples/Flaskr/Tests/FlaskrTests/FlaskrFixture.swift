import Foundation
import MicroFlask

@testable import FlaskrApp

/// A fresh app on its own temporary database holding two users and one post, with a test
/// client (what Flaskr's `conftest.py` fixtures give each test).
final class FlaskrFixture {
    let app: App
    let client: TestClient
    let databasePath: String

    /// The test data: users `test` and `other` (passwords as their names, hashed by Werkzeug
    /// 3.1.8 with `pbkdf2:sha256:1000`), and one post by `test` dated 2018-01-01.
    static let data = """
        INSERT INTO user (username, password) VALUES
            ('test', 'pbkdf2:sha256:1000$A8uOVG1I$db59950151566cf70d6bf4ef19b3c221b6ab7482518d48a32bca67f8d2cb9a8f'),
            ('other', 'pbkdf2:sha256:1000$1cYSTcn8$6bd83dcf75dafd6dbe757767f7ae66a0519c3ddf688d7d3c14070565727d9e23');
        INSERT INTO post (title, body, author_id, created) VALUES
            ('test title', 'test' || char(10) || 'body', 1, '2018-01-01 00:00:00');
        """

    /// - Parameter configure: runs on the app before the first request (hooks and routes for a test).
    init(configure: (App) -> Void = { _ in }) throws {
        databasePath = NSTemporaryDirectory() + "flaskr-test-\(UUID().uuidString).sqlite"
        app = try createApp(testConfig: ["TESTING": "true", "DATABASE": databasePath])
        app.config.accessLog = false
        try Database.initialize(app)
        let db = try SQLiteDatabase(path: databasePath)
        try db.executeScript(Self.data)
        db.close()
        configure(app)
        client = app.makeTestClient()
    }

    deinit { try? FileManager.default.removeItem(atPath: databasePath) }

    /// A connection to the test database, as the tests' `with app.app_context(): get_db()`.
    func database() throws -> SQLiteDatabase { try SQLiteDatabase(path: databasePath) }

    /// Logs in through the login form (Flaskr's `AuthActions.login`).
    @discardableResult
    func login(_ username: String = "test", _ password: String = "test") throws -> Response {
        try client.post("/auth/login", form: [("username", username), ("password", password)])
    }

    /// Logs out (Flaskr's `AuthActions.logout`).
    @discardableResult
    func logout() throws -> Response { try client.get("/auth/logout") }
}
