// MicroFlask peer: the demo's routes plus /sleep/<int:ms> for the blocking-handler test.
//   MicroFlaskPeer --port 8080 --host 127.0.0.1 --quiet [--threads N]
import Foundation
import MicroFlask

struct Message: Encodable { let message: String }
struct User: Encodable { let id: Int; let name: String }

let app = App()
// run.sh's idle-connection test holds connections longer than the default keep-alive timeout.
if let text = ProcessInfo.processInfo.environment["MF_KEEP_ALIVE_TIMEOUT"], let seconds = Double(text) {
    app.config.keepAliveTimeout = seconds
}
app.get("/") { _ in "<h1>Hello</h1>" }
app.get("/plaintext") { _ in Response.text("Hello, World!") }
app.get("/json") { _ in Message(message: "Hello, World!") }
app.get("/users/<int:id>") { req in
    let id: Int = try req.param("id")
    return User(id: id, name: "User \(id)")
}
// Blocks its thread on purpose: the engine must keep serving other connections meanwhile.
app.get("/sleep/<int:ms>") { req in
    let ms: Int = try req.param("ms")
    usleep(UInt32(ms) * 1000)
    return "slept"
}
try app.run()
