// A JSON API in a blueprint, like a Flask REST tutorial:
//
//     api = Blueprint("api", __name__, url_prefix="/api")
//
//     @api.get("/todos")
//     def list_todos(): return todos
//
//     @api.post("/todos")
//     def create_todo():
//         todo = {"id": next_id(), "title": request.json["title"], "done": False}
//         ...
//         return todo, 201
//
// Run it with `swift run TodoAPI`, then:
//     curl -s -X POST -H 'Content-Type: application/json' -d '{"title":"write docs"}' http://127.0.0.1:5000/api/todos
//     curl -s http://127.0.0.1:5000/api/todos
import Foundation
import MicroFlask

struct Todo: Codable, Sendable {
    var id: Int
    var title: String
    var done: Bool
}

struct NewTodo: Decodable {
    let title: String
}

/// The todos, shared by every serving thread.
final class TodoStore: @unchecked Sendable {
    private let lock = NSLock()
    private var todos: [Int: Todo] = [:]
    private var nextID = 1

    func all() -> [Todo] { lock.withLock { todos.values.sorted { $0.id < $1.id } } }
    func get(_ id: Int) -> Todo? { lock.withLock { todos[id] } }

    func add(title: String) -> Todo {
        lock.withLock {
            let todo = Todo(id: nextID, title: title, done: false)
            todos[todo.id] = todo
            nextID += 1
            return todo
        }
    }

    func toggle(_ id: Int) -> Todo? {
        lock.withLock {
            todos[id]?.done.toggle()
            return todos[id]
        }
    }

    func remove(_ id: Int) -> Bool { lock.withLock { todos.removeValue(forKey: id) != nil } }
}

let store = TodoStore()
let app = App(name: "todo-api")
let api = Blueprint("api", urlPrefix: "/api")

api.get("/todos", endpoint: "list") { _ in store.all() }

api.post("/todos", endpoint: "create") { req -> (Response, Status) in
    let new = try req.decode(NewTodo.self)  // 415 unless JSON, 400 with the reason if malformed
    guard !new.title.isEmpty else { try abort(.badRequest, "A todo needs a title.") }
    let todo = store.add(title: new.title)
    var response = try Response.json(todo)
    response.headers["Location"] = try app.urlFor("api.show", ["id": todo.id])
    return (response, .created)
}

api.get("/todos/<int:id>", endpoint: "show") { req in
    guard let todo = store.get(try req.param("id")) else { try abort(404, "No such todo.") }
    return todo
}

api.route("/todos/<int:id>/toggle", methods: [.POST], endpoint: "toggle") { req in
    guard let todo = store.toggle(try req.param("id")) else { try abort(404, "No such todo.") }
    return todo
}

api.delete("/todos/<int:id>", endpoint: "delete") { req -> (String, Status) in
    guard store.remove(try req.param("id")) else { try abort(404, "No such todo.") }
    return ("", .noContent)
}

// API clients get JSON errors, whatever their Accept header says.
api.errorhandler(404) { _, error in
    try Response.json(["error": error.message ?? "Not found"], status: .notFound)
}

app.register(api)
try app.run()
