// Step 6's views, grown up: each takes the request and renders a template with the app.
import MicroFlask

/// The pages' functions, as MicroFlask calls them: `(Request) throws -> String`.
enum Views {
    static func index(_ request: Request) throws -> String {
        try app.render("index.html", ["title": "The index page"])
    }

    static func test(_ request: Request) throws -> String {
        try app.render("test.html", ["title": "The test page", "method": .string(request.method.rawValue)])
    }

    static func about(_ request: Request) throws -> String {
        try app.render("about.html", ["ways": ["the seed's dictionary", "Flask's decorator", "Django's path()"]])
    }
}
