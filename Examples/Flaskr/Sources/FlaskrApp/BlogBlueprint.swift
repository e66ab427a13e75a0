import MicroFlask

/// The posts: the index, and creating, editing and deleting one's own (Flaskr's `blog` blueprint).
// WORKAROUND(13.3): Flask's views reach current_app / the port passes the app in
func blogBlueprint(_ app: App) -> Blueprint {
    let bp = Blueprint("blog")
    let postQuery = """
        SELECT p.id, title, body, created, author_id, username FROM post p JOIN user u ON p.author_id = u.id
        """

    /// A post and its author by id: 404 when there is none, 403 when `checkAuthor` and it is not the user's.
    @Sendable func getPost(_ req: Request, _ id: Int, checkAuthor: Bool = true) throws -> SQLiteRow {
        // WORKAROUND(13.3): Flask's get_db() reaches current_app / the port passes the app
        let db = try Database.get(req, app)
        guard let post = try db.execute(postQuery + " WHERE p.id = ?", [.integer(id)]).first else {
            try abort(.notFound, "Post id \(id) doesn't exist.")
        }
        if checkAuthor && post["author_id"] != currentUser(req)?["id"] { try abort(.forbidden) }
        return post
    }

    bp.get("/", endpoint: "index") { req in
        // WORKAROUND(13.3): Flask's get_db() reaches current_app / the port passes the app
        let posts = try Database.get(req, app).execute(postQuery + " ORDER BY created DESC")
        // WORKAROUND(13.1): Flask returns render_template(...) / the port calls renderPage
        return try renderPage(app, req, "blog/index.html", ["posts": .array(posts.map(\.templateValue))])
    }

    bp.route(
        "/create", methods: [.GET, .POST], endpoint: "create",
        // WORKAROUND(13.3): Flask's @login_required needs no app / the port passes it
        loginRequired(app) { req in
            if req.method == .POST {
                // WORKAROUND(13.4): Flask reads request.form["title"] / the port calls a helper
                let title = try formField(req, "title")
                // WORKAROUND(13.4): Flask reads request.form["body"] / the port calls a helper
                let body = try formField(req, "body")
                if title.isEmpty {
                    req.flash("Title is required.")
                } else {
                    // WORKAROUND(13.3): Flask's get_db() reaches current_app / the port passes the app
                    try Database.get(req, app).execute(
                        "INSERT INTO post (title, body, author_id) VALUES (?, ?, ?)",
                        [.text(title), .text(body), currentUser(req)?["id"] ?? .null])
                    // WORKAROUND(13.3): Flask says url_for("blog.index") / the port calls app.urlFor
                    return redirect(to: try app.urlFor("blog.index"))
                }
            }
            // WORKAROUND(13.1): Flask returns render_template(...) / the port calls renderPage
            return try renderPage(app, req, "blog/create.html")
        })

    bp.route(
        "/<int:id>/update", methods: [.GET, .POST], endpoint: "update",
        // WORKAROUND(13.3): Flask's @login_required needs no app / the port passes it
        loginRequired(app) { req in
            let id: Int = try req.param("id")
            let post = try getPost(req, id)
            if req.method == .POST {
                // WORKAROUND(13.4): Flask reads request.form["title"] / the port calls a helper
                let title = try formField(req, "title")
                // WORKAROUND(13.4): Flask reads request.form["body"] / the port calls a helper
                let body = try formField(req, "body")
                if title.isEmpty {
                    req.flash("Title is required.")
                } else {
                    // WORKAROUND(13.3): Flask's get_db() reaches current_app / the port passes the app
                    try Database.get(req, app).execute(
                        "UPDATE post SET title = ?, body = ? WHERE id = ?", [.text(title), .text(body), .integer(id)])
                    // WORKAROUND(13.3): Flask says url_for("blog.index") / the port calls app.urlFor
                    return redirect(to: try app.urlFor("blog.index"))
                }
            }
            // WORKAROUND(13.1): Flask returns render_template(...) / the port calls renderPage
            return try renderPage(app, req, "blog/update.html", ["post": post.templateValue])
        })

    bp.route(
        "/<int:id>/delete", methods: [.POST], endpoint: "delete",
        // WORKAROUND(13.3): Flask's @login_required needs no app / the port passes it
        loginRequired(app) { req in
            let id: Int = try req.param("id")
            _ = try getPost(req, id)
            // WORKAROUND(13.3): Flask's get_db() reaches current_app / the port passes the app
            try Database.get(req, app).execute("DELETE FROM post WHERE id = ?", [.integer(id)])
            // WORKAROUND(13.3): Flask says url_for("blog.index") / the port calls app.urlFor
            return redirect(to: try app.urlFor("blog.index"))
        })
    return bp
}
