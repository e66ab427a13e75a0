import Foundation
import MicroFlask

@testable import FlaskrApp

/// A fresh app on its own temporary database holding two users and one post, with a test
/// client (what Flaskr's `conftest.py` fixtures give each test).
final class FlaskrFixture {
    let app: App
    let client: TestClient
    let databasePath: String

    /// The test data (users `test` and `other`, one post), shared with record.py: `record/data.sql`.
    static let data: String = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../record/data.sql").standardized.path
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? "-- missing \(path)"
    }()

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
