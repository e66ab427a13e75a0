// Flask's quickstart (flask.palletsprojects.com, "Quickstart"), section by section:
// variable rules, unique URLs and redirects, URL building, HTTP methods, the request,
// redirects and errors, and sessions.
//
// Run it with `swift run Quickstart` and open http://127.0.0.1:5000
import Foundation
import MicroFlask

let app = App(name: "quickstart")
app.config.secretKey = ProcessInfo.processInfo.environment["SECRET_KEY"] ?? UUID().uuidString

// Variable rules: @app.route('/user/<username>'), '/post/<int:post_id>', '/path/<path:subpath>'
app.get("/user/<username>", endpoint: "show_user_profile") { req in
    "User \(escape(req.params["username"] ?? ""))"
}
app.get("/post/<int:post_id>", endpoint: "show_post") { req in
    let id: Int = try req.param("post_id")
    return "Post \(id)"
}
app.get("/path/<path:subpath>", endpoint: "show_subpath") { req in
    "Subpath \(escape(req.params["subpath"] ?? ""))"
}

// Unique URLs: '/projects/' answers '/projects' with a redirect; '/about' has no slash form.
app.get("/projects/", endpoint: "projects") { _ in "The project page" }
app.get("/about", endpoint: "about") { _ in "The about page" }

// HTTP methods and the request: one view for GET and POST.
app.route("/login", methods: [.GET, .POST], endpoint: "login") { req in
    if req.method == .POST {
        let name = req.form["username"] ?? ""
        guard !name.isEmpty else { return Response("Invalid username", status: .badRequest) }
        req.session["username"] = .string(name)
        return redirect(to: try app.urlFor("index"))
    }
    return Response(
        """
        <form method="post">
          <p><input name="username" placeholder="username">
          <p><input type="submit" value="Login">
        </form>
        """)
}

app.get("/logout", endpoint: "logout") { req in
    req.session["username"] = nil
    return redirect(to: try app.urlFor("index"))
}

// Sessions and URL building.
app.get("/", endpoint: "index") { req in
    if let name = req.session["username"]?.text {
        return "Logged in as \(escape(name)). <a href=\"\(try app.urlFor("logout"))\">Log out</a>"
    }
    return "You are not logged in. <a href=\"\(try app.urlFor("login"))\">Log in</a>"
}

// Redirects and errors: abort(401) and a custom 404 page.
app.get("/secret", endpoint: "secret") { _ -> String in try abort(401) }
app.errorhandler(404) { _, _ in ("<h1>Page not found</h1>", Status.notFound) }

try app.run()
