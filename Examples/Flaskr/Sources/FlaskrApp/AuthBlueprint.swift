import MicroFlask

/// Wraps a view so that anonymous users are sent to the login page (Flaskr's `login_required`).
func loginRequired(_ view: @escaping View) -> View {
    { req in
        let user: SQLiteRow? = req.g.user
        if user == nil { return redirect(to: try req.urlFor("auth.login")) }
        return try view(req)
    }
}

/// Registration, logging in and out (Flaskr's `auth` blueprint, under `/auth`).
func authBlueprint() -> Blueprint {
    let bp = Blueprint("auth", urlPrefix: "/auth")

    // Before every request of the app: the logged-in user in `g.user`, or None.
    bp.beforeAppRequest { req in
        let userID: Int? = req.session["user_id"]
        var user: SQLiteRow?
        if let userID {
            user = try Database.get(req).execute("SELECT * FROM user WHERE id = ?", [.integer(userID)]).first
        }
        req.g.user = user
        return nil
    }

    bp.route("/register", methods: [.GET, .POST]) { req in
        if req.method == .POST {
            let username = try req.form.required("username")
            let password = try req.form.required("password")
            let db = try Database.get(req)
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
                    return redirect(to: try req.urlFor("auth.login"))
                } catch let failure as SQLiteError where failure.isConstraintViolation {
                    error = "User \(username) is already registered."
                }
            }
            req.flash(error ?? "")
        }
        return try req.app.render("auth/register.html")
    }

    bp.route("/login", methods: [.GET, .POST]) { req in
        if req.method == .POST {
            let username = try req.form.required("username")
            let password = try req.form.required("password")
            let db = try Database.get(req)
            var error: String?
            let user = try db.execute("SELECT * FROM user WHERE username = ?", [.text(username)]).first
            if user == nil {
                error = "Incorrect username."
            } else if try !checkPasswordHash(user?["password"]?.string ?? "", password) {
                error = "Incorrect password."
            }
            if error == nil {
                // A new session for the logged-in user, then the index.
                req.session.clear()
                req.session["user_id"] = user?["id"]?.int
                return redirect(to: try req.urlFor("index"))
            }
            req.flash(error ?? "")
        }
        return try req.app.render("auth/login.html")
    }

    bp.get("/logout") { req in
        req.session.clear()
        return redirect(to: try req.urlFor("index"))
    }
    return bp
}
