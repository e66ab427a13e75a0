import Foundation
import MicroFlask

/// The two pages the benchmark renders, with the same data as `py_bench.py` gives Jinja2 and MiniJinja.
enum Pages {
    /// The 33 KB users page: `templates/page.html` extending `layout.html`, 100 rows with filters.
    static func usersPage() -> (render: () throws -> [UInt8], describe: String) {
        let roles = ["admin", "editor", "viewer"]
        let tags = ["swift", "web", "<b>", "ops", "db"]
        let rows: [TemplateValue] = (1...100).map { index in
            [
                "id": .int(index),
                "name": .string("User <\(index)> & 'co'"),
                "email": .string("USER\(index)@EXAMPLE.COM"),
                "role": .string(roles[index % 3]),
                "tags": .array([.string(tags[index % 5]), .string(tags[(index + 2) % 5])]),
                "score": .int(index * 37 % 1000),
                "active": .bool(index % 3 != 0),
            ]
        }
        let nav: [TemplateValue] = ["home", "users", "reports", "settings", "help"].map { word in
            ["href": .string("/" + word), "label": .string(word + " page")]
        }
        let context: [String: TemplateValue] = [
            "site": ["name": "Micro <Site>", "year": 2026, "nav": .array(nav)],
            "current": "/users",
            "page_class": "users-page",
            "description": "All users & their roles",
            "heading": "all users",
            "active_count": .int((1...100).filter { $0 % 3 != 0 }.count),
            "rows": .array(rows),
        ]
        let environment = TemplateEnvironment(directory: "templates")
        return ({ try environment.renderBytes("page.html", context) }, "page.html")
    }

    /// Flaskr's blog index (Examples/Flaskr/templates: base.html + blog/index.html) with 20 posts,
    /// rendered through an app whose routes `url_for` resolves, as in Flaskr.
    static func flaskrIndex() -> (render: () throws -> [UInt8], describe: String) {
        let app = App(name: "flaskr-bench")
        app.config.templateFolder = URL(fileURLWithPath: "../../Examples/Flaskr/templates").standardizedFileURL.path
        let auth = Blueprint("auth", urlPrefix: "/auth")
        for path in ["/register", "/login", "/logout"] { auth.get(path) { _ in "" } }
        let blog = Blueprint("blog")
        blog.get("/create") { _ in "" }
        blog.get("/<int:id>/update") { _ in "" }
        app.register(auth)
        app.register(blog)
        app.addURLRule("/", endpoint: "index")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TemplateDate.utc
        let posts: [TemplateValue] = (1...20).map { index in
            let created = calendar.date(
                from: DateComponents(year: 2026, month: 11, day: 1 + index % 28, hour: 10, minute: 30))!
            return [
                "id": .int(index),
                "title": .string("Post \(index): <Swift> & Flask"),
                "body": .string("Body of post \(index).\nIt has two lines & a <tag>."),
                "created": .date(created),
                "author_id": .int(index % 2 == 1 ? 1 : 2),
                "username": .string(index % 2 == 1 ? "ada" : "grace"),
            ]
        }
        let context: [String: TemplateValue] = [
            "posts": .array(posts), "g": ["user": ["id": 1, "username": "ada"]],
        ]
        return ({ try app.renderBytes("blog/index.html", context) }, "blog/index.html")
    }
}
