import MicroFlask

/// The request's database connection, the schema and the `init-db` command (Flaskr's `db.py`).
public enum Database {
    /// The connection for this request, opened on first use and closed when the request ends
    /// (Flask's `get_db`, kept in `g`).
    public static func get(_ req: Request) throws -> SQLiteDatabase {
        if let db: SQLiteDatabase = req.g.db { return db }
        let db = try SQLiteDatabase(path: req.app.config["DATABASE"] ?? "flaskr.sqlite")
        req.g.db = db
        return db
    }

    /// Clears existing data and creates the tables (Flask's `init_db`).
    public static func initialize(_ app: App) throws {
        let db = try SQLiteDatabase(path: app.config["DATABASE"] ?? "flaskr.sqlite")
        defer { db.close() }
        try db.executeScript(schema)
    }

    /// Closes the request's connection after every request, and adds `init-db` (Flask's `init_app`).
    static func register(on app: App) {
        app.teardownRequest { req, _ in
            (req.g.removeValue(forKey: "db") as? SQLiteDatabase)?.close()
        }
        app.command("init-db", help: "Clear the existing data and create new tables.") { _ in
            try initialize(app)
            print("Initialized the database.")
        }
    }

    /// Two tables: the users (unique names, Werkzeug-format password hashes) and their posts,
    /// each stamped with its creation time by SQLite.
    static let schema = """
        DROP TABLE IF EXISTS post;
        DROP TABLE IF EXISTS user;
        CREATE TABLE user (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            username TEXT NOT NULL UNIQUE,
            password TEXT NOT NULL
        );
        CREATE TABLE post (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            author_id INTEGER NOT NULL REFERENCES user (id),
            created TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
            title TEXT NOT NULL,
            body TEXT NOT NULL
        );
        """
}
