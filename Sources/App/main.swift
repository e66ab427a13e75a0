// The MicroFlask demo: the seed's pages and Flask's quickstart, on one router.
//
//     swift run App                      -> http://127.0.0.1:5000
//     swift run App routes               -> the route table
import MicroFlask

let app = App(name: "demo")
app.config.serverName = "MicroFlask"

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

// The two TechEmpower routes: real serialisation per request, with Server and Date headers.
app.get("/plaintext") { _ in Response.text("Hello, World!") }
app.get("/json") { _ in Message(message: "Hello, World!") }

try app.run()
