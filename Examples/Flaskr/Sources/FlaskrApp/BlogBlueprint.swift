import MicroFlask

/// The columns of a post and its author's name, as the index and `getPost` read them.
private let postQuery = """
    SELECT p.id, title, body, created, author_id, username FROM post p JOIN user u ON p.author_id = u.id
    """

/// A post and its author by id: 404 when there is none, 403 when `checkAuthor` and it is not
/// the logged-in user's (Flaskr's `get_post`).
func getPost(_ req: Request, _ id: Int, checkAuthor: Bool = true) throws -> SQLiteRow {
    guard let post = try Database.get(req).execute(postQuery + " WHERE p.id = ?", [.integer(id)]).first else {
        try abort(.notFound, "Post id \(id) doesn't exist.")
    }
    let user: SQLiteRow? = req.g.user
    if checkAuthor && post["author_id"] != user?["id"] { try abort(.forbidden) }
    return post
}

/// The posts: the index, and creating, editing and deleting one's own (Flaskr's `blog` blueprint).
func blogBlueprint() -> Blueprint {
    let bp = Blueprint("blog")

    bp.get("/") { req in
        let posts = try Database.get(req).execute(postQuery + " ORDER BY created DESC")
        return try req.app.render("blog/index.html", ["posts": posts])
    }

    bp.route(
        "/create", methods: [.GET, .POST],
        loginRequired { req in
            if req.method == .POST {
                let title = try req.form.required("title")
                let body = try req.form.required("body")
                if title.isEmpty {
                    req.flash("Title is required.")
                } else {
                    let user: SQLiteRow? = req.g.user
                    try Database.get(req).execute(
                        "INSERT INTO post (title, body, author_id) VALUES (?, ?, ?)",
                        [.text(title), .text(body), user?["id"] ?? .null])
                    return redirect(to: try req.urlFor("blog.index"))
                }
            }
            return try req.app.render("blog/create.html")
        })

    bp.route(
        "/<int:id>/update", methods: [.GET, .POST],
        loginRequired { req in
            let id: Int = try req.param("id")
            let post = try getPost(req, id)
            if req.method == .POST {
                let title = try req.form.required("title")
                let body = try req.form.required("body")
                if title.isEmpty {
                    req.flash("Title is required.")
                } else {
                    try Database.get(req).execute(
                        "UPDATE post SET title = ?, body = ? WHERE id = ?", [.text(title), .text(body), .integer(id)])
                    return redirect(to: try req.urlFor("blog.index"))
                }
            }
            return try req.app.render("blog/update.html", ["post": post])
        })

    bp.route(
        "/<int:id>/delete", methods: [.POST],
        loginRequired { req in
            let id: Int = try req.param("id")
            _ = try getPost(req, id)
            try Database.get(req).execute("DELETE FROM post WHERE id = ?", [.integer(id)])
            return redirect(to: try req.urlFor("blog.index"))
        })
    return bp
}
