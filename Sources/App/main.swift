// The MicroFlask demo: the seed's pages and Flask's quickstart, on one router.
//
//     swift run App                      -> http://127.0.0.1:5000
//     swift run App routes               -> the route table
import Foundation
import MicroFlask

let app = App(name: "demo")
app.config.serverName = "MicroFlask"
try app.config.loadEnvironment()  // MICROFLASK_SECRET_KEY, MICROFLASK_DEBUG, ...
if app.config.secretKey == nil {
    // A fresh key per run: sessions end when the server restarts. Set MICROFLASK_SECRET_KEY to keep them.
    app.config.secretKey = UUID().uuidString + UUID().uuidString
}

// 1. The seed's own URLS dictionary: path -> view.
app.urls = ["/": Views.index, "/test": Views.test]

// 2. Django's urlpatterns.
app.include([path("/about", Views.about, name: "about")])

// 3. Flask's decorators, as trailing closures.
app.get("/hello/<name>", endpoint: "hello") { req in
    "Hello, \(escape(req.params["name"] ?? ""))!"
}

app.route("/users/<int:id>", methods: [.GET, .DELETE], endpoint: "user") { req in
    let id: Int = try req.param("id")
    if req.method == .DELETE { return try Response.json(["deleted": id]) }
    return try Response.json(User(id: id, name: "User \(id)"))
}

app.post("/echo") { req in
    Response(headers: ["Content-Type": req.headers["Content-Type"] ?? "application/octet-stream"], body: req.body)
}

// An upload form's files: each one's field, name and size (large files arrive in temporary files).
app.post("/upload") { req in
    req.files.map { field, file in "\(field): \(file.filename) \(file.size) bytes\n" }.joined()
}

// A form, the session and flashed messages: log in with a name, see it on the next page.
app.route("/login", methods: [.GET, .POST]) { req in
    if req.method == .POST {
        let name = req.form["name"]?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !name.isEmpty else {
            req.flash("Please enter a name.", category: "error")
            return redirect(to: try app.urlFor("login"))
        }
        req.session["name"] = .string(name)
        req.flash("Logged in as \(name).")
        return redirect(to: try app.urlFor("items"))
    }
    return Response(try app.render("login.html", ["title": "Log in"]))
}

app.post("/logout") { req in
    req.session.clear()
    req.flash("Logged out.")
    return redirect(to: try app.urlFor("index"))
}

app.get("/items") { _ in
    try app.render("items.html", ["title": "Items", "items": ["Sockets", "Routing", "Templates", "Sessions"]])
}

// Who the app sees: the client's address, scheme and host (through --trusted-proxies), the
// request id, the serving process and the session's name. docs/DEPLOYMENT.md and the nginx test use it.
app.get("/whoami") { req in
    let name: String? = req.session["name"]
    return try Response.json([
        "remote_addr": req.remoteAddress, "scheme": req.scheme, "host": req.host, "request_id": req.requestID,
        "pid": String(ProcessInfo.processInfo.processIdentifier), "name": name ?? "",
    ])
}

// The two TechEmpower routes: real serialisation per request, with Server and Date headers.
app.get("/plaintext") { _ in Response.text("Hello, World!") }
app.get("/json") { _ in Message(message: "Hello, World!") }

TestRoutes.registerIfEnabled(on: app)  // only with MICROFLASK_DEMO_TEST_ROUTES=1

try app.run()
