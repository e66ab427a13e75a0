// Step 7: MicroFlask does steps 1 to 6, and the table of views is filled three ways.
//
//     swift run TutorialStep7              (--port 8000 or PORT=8000 for another port)
//     curl -i http://127.0.0.1:5000/hello/Ada
//     swift run TutorialStep7 routes       (the one table, like `flask routes`)
import MicroFlask

let app = App(name: "tutorial")

// The seed's way: a dictionary from URL to view, as in step 6.
app.urls = ["/": Views.index, "/test": Views.test]

// Flask's way: `@app.route("/hello/<name>")` above a function; here the function is a closure.
app.route("/hello/<name>") { req in
    "Hello, \(escape(req.params["name"] ?? ""))!"
}

// Django's way: `urlpatterns`, a list of path(url, view, name).
app.include([path("/about", Views.about, name: "about")])

// A group of routes under one prefix, registered at once: a Flask blueprint.
let api = Blueprint("api", urlPrefix: "/api")
api.get("/hello/<name>") { req in ["hello": req.params["name"] ?? ""] }  // a dictionary is sent as JSON
app.register(api)

try app.run()
