import Foundation
import MicroFlask
import Testing

@testable import FlaskrApp

/// Python's `sqlite3` with `PARSE_DECLTYPES`, as Flaskr's `get_db` opens it: a `TIMESTAMP`
/// column reads as a `datetime` (here a date), other columns as stored.
@Suite struct TimestampTests {
    @Test func timestampColumnsReadAsDates() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        defer { db.close() }
        try db.executeScript(
            "CREATE TABLE t (created TIMESTAMP NOT NULL, stamp timestamp, plain TEXT);"
                + "INSERT INTO t VALUES ('2018-01-01 00:00:00', '2024-02-29 13:45:06.25', '2018-01-01 00:00:00');"
                + "INSERT INTO t VALUES ('not a date', NULL, 'x');")
        let rows = try db.execute("SELECT created, stamp, plain FROM t")
        #expect(rows[0]["created"] == .timestamp(Date(timeIntervalSince1970: 1_514_764_800)))
        #expect(rows[0]["stamp"] == .timestamp(Date(timeIntervalSince1970: 1_709_214_306.25)))
        #expect(rows[0]["plain"] == "2018-01-01 00:00:00")
        #expect(rows[1]["created"] == "not a date")
        #expect(rows[1]["stamp"] == .null)
    }

    @Test func timestampsAreStoredAsPythonStoresDatetimes() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        defer { db.close() }
        try db.executeScript("CREATE TABLE t (created TIMESTAMP)")
        try db.execute("INSERT INTO t VALUES (?)", [.timestamp(Date(timeIntervalSince1970: 1_709_214_306.25))])
        try db.execute("INSERT INTO t VALUES (?)", [.timestamp(Date(timeIntervalSince1970: 0))])
        let texts = try db.execute("SELECT CAST(created AS TEXT) AS text FROM t").map { $0["text"] }
        #expect(texts == ["2024-02-29 13:45:06.250000", "1970-01-01 00:00:00"])
    }

    /// A row in a template: the column's date prints and formats as Jinja prints a `datetime`.
    @Test func rowsRenderWithStrftime() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        defer { db.close() }
        try db.executeScript(
            "CREATE TABLE t (id INTEGER, created TIMESTAMP); INSERT INTO t VALUES (1, '2018-01-01 00:00:00')")
        let rows = try db.execute("SELECT * FROM t")
        let page = try App().renderString(
            "{% for r in rows %}{{ r['id'] }} {{ r['created'].strftime('%Y-%m-%d') }} {{ r['created'] }}{% endfor %}",
            ["rows": try TemplateValue(encoding: rows)])
        #expect(page == "1 2018-01-01 2018-01-01 00:00:00")
    }
}
