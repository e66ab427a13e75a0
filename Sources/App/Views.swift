import MicroFlask

/// The seed's views, grown up: each renders a template from `templates/`.
enum Views {
    /// The seed's `index()`: `templates/index.html`.
    static func index(_ request: Request) throws -> String {
        try app.render("index.html", ["title": "Home", "path": .string(request.path)])
    }

    /// The seed's `test()`: `templates/test.html`.
    static func test(_ request: Request) throws -> String {
        try app.render("test.html", ["title": "Test", "method": .string(request.method.rawValue)])
    }

    /// A page registered Django-style, with `path(...)`.
    static func about(_ request: Request) throws -> String {
        try app.render(
            "about.html",
            ["title": "About", "styles": ["Flask's @app.route", "the seed's URLS dictionary", "Django's urlpatterns"]])
    }
}

/// The JSON the quickstart's user route returns.
struct User: Encodable {
    let id: Int
    let name: String
}

/// The TechEmpower JSON test's object.
struct Message: Encodable {
    let message: String
}
