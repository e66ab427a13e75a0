// The Flask quickstart's first page, ported:
//
//     from flask import Flask
//     app = Flask(__name__)
//
//     @app.route("/")
//     def hello_world():
//         return "<p>Hello, World!</p>"
//
// Run it with `swift run HelloWorld` and open http://127.0.0.1:5000
import MicroFlask

let app = App(name: "hello")

app.route("/") { _ in "<p>Hello, World!</p>" }

try app.run()
