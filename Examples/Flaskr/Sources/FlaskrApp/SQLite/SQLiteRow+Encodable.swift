/// A row encodes as a mapping from column name to value, in the query's order, so a view hands
/// rows to a template as Flaskr does (`render_template("blog/index.html", posts=posts)`):
/// `try req.app.render("blog/index.html", ["posts": posts])`, and `g.user['username']` works.
extension SQLiteRow: Encodable {
    private struct Column: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Encodes the row as a keyed container, one key per column.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Column.self)
        for (name, value) in zip(columns, values) { try container.encode(value, forKey: Column(stringValue: name)) }
    }
}
