import MicroFlask

/// The user loaded from the session for this request (Flask's `g.user`), or nil.
func currentUser(_ req: Request) -> SQLiteRow? {
    req.storage["user"] as? SQLiteRow
}

/// Wraps a view so that anonymous users are sent to the login page (Flaskr's `login_required`).
// WORKAROUND(13.3): Flask's url_for needs no app / the port passes it
func loginRequired(_ app: App, _ view: @escaping @Sendable (Request) throws -> Response)
    -> @Sendable (Request) throws -> Response
{
    { req in
        // WORKAROUND(13.3): Flask's url_for needs no app / the port calls app.urlFor
        guard currentUser(req) != nil else { return redirect(to: try app.urlFor("auth.login")) }
        return try view(req)
    }
}

/// Registration, logging in and out (Flaskr's `auth` blueprint, under `/auth`).
// WORKAROUND(13.3): Flask's views reach current_app / the port passes the app in
func authBlueprint(_ app: App) -> Blueprint {
    let bp = Blueprint("auth", urlPrefix: "/auth")

    // Before every request of the app: load the logged-in user into `g.user`.
    // WORKAROUND(13.3): Flask registers bp.before_app_request / the port registers the hook on the app
    app.beforeRequest { req in
        // WORKAROUND(13.5): Flask reads session.get("user_id") as an int / the port matches a TemplateValue
        if case .int(let userID)? = req.session["user_id"] {
            // WORKAROUND(13.3): Flask's get_db() reaches current_app / the port passes the app
            let db = try Database.get(req, app)
            req.storage["user"] = try db.execute("SELECT * FROM user WHERE id = ?", [.integer(userID)]).first
        }
        return nil
    }

    bp.route("/register", methods: [.GET, .POST], endpoint: "register") { req in
        if req.method == .POST {
            // WORKAROUND(13.4): Flask reads request.form["username"] / the port calls a helper
            let username = try formField(req, "username")
            // WORKAROUND(13.4): Flask reads request.form["password"] / the port calls a helper
            let password = try formField(req, "password")
            // WORKAROUND(13.3): Flask's get_db() reaches current_app / the port passes the app
            let db = try Database.get(req, app)
            var error: String?
            if username.isEmpty {
                error = "Username is required."
            } else if password.isEmpty {
                error = "Password is required."
            }
            if error == nil {
                do {
                    try db.execute(
                        "INSERT INTO user (username, password) VALUES (?, ?)",
                        [.text(username), .text(try generatePasswordHash(password))])
                    // WORKAROUND(13.3): Flask says url_for("auth.login") / the port calls app.urlFor
                    return redirect(to: try app.urlFor("auth.login"))
                } catch let failure as SQLiteError where failure.isConstraintViolation {
                    error = "User \(username) is already registered."
                }
            }
            req.flash(error ?? "")
        }
        // WORKAROUND(13.1): Flask returns render_template(...) / the port calls renderPage
        return try renderPage(app, req, "auth/register.html")
    }

    bp.route("/login", methods: [.GET, .POST], endpoint: "login") { req in
        if req.method == .POST {
            // WORKAROUND(13.4): Flask reads request.form["username"] / the port calls a helper
            let username = try formField(req, "username")
            // WORKAROUND(13.4): Flask reads request.form["password"] / the port calls a helper
            let password = try formField(req, "password")
            // WORKAROUND(13.3): Flask's get_db() reaches current_app / the port passes the app
            let db = try Database.get(req, app)
            var error: String?
            let user = try db.execute("SELECT * FROM user WHERE username = ?", [.text(username)]).first
            if user == nil {
                error = "Incorrect username."
            } else if try !checkPasswordHash(user?["password"]?.string ?? "", password) {
                error = "Incorrect password."
            }
            if error == nil, let id = user?["id"]?.int {
                // A new session for the logged-in user, then the index.
                req.session.clear()
                // WORKAROUND(13.5): Flask stores session["user_id"] = user["id"] / the port wraps the int in a TemplateValue
                req.session["user_id"] = .int(id)
                // WORKAROUND(13.2): Flask says url_for("index") / the port names blog.index
                return redirect(to: try app.urlFor("blog.index"))
            }
            req.flash(error ?? "")
        }
        // WORKAROUND(13.1): Flask returns render_template(...) / the port calls renderPage
        return try renderPage(app, req, "auth/login.html")
    }

    bp.get("/logout", endpoint: "logout") { req in
        req.session.clear()
        // WORKAROUND(13.2): Flask says url_for("index") / the port names blog.index
        return redirect(to: try app.urlFor("blog.index"))
    }
    return bp
}
