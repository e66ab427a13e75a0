import Foundation
import MicroFlask
import Testing

@testable import FlaskrApp

/// Flaskr's `test_db.py`: one connection per request, closed after it; the `init-db` command.
@Suite struct DatabaseTests {
    /// Holds the connection a view used, to look at it after the request.
    final class Box: @unchecked Sendable {
        var db: SQLiteDatabase?
        var sameTwice = false
    }

    @Test func getAndCloseDatabase() throws {
        let box = Box()
        let fixture = try FlaskrFixture { app in
            app.get("/db-check") { req in
                let db = try Database.get(req)
                box.sameTwice = try db === Database.get(req)
                box.db = db
                return "checked"
            }
        }
        #expect(try fixture.client.get("/db-check").text == "checked")
        #expect(box.sameTwice)
        let db = try #require(box.db)
        #expect(db.isClosed)
        #expect {
            try db.execute("SELECT 1")
        } throws: { error in
            (error as? SQLiteError)?.message.contains("closed") == true
        }
    }

    /// `Flaskr init-db`, run as a user runs it, creates the tables in the configured database.
    @Test func initDatabaseCommand() throws {
        let path = NSTemporaryDirectory() + "flaskr-init-\(UUID().uuidString).sqlite"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("Flaskr")
        process.arguments = ["init-db"]
        process.environment = ProcessInfo.processInfo.environment.merging(["FLASKR_DATABASE": path]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.contains("Initialized"))
        let tables = try SQLiteDatabase(path: path).execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        let names = Set(tables.compactMap { row in row["name"]?.string })
        #expect(names.isSuperset(of: ["user", "post"]))
    }
}
