// Hummingbird 2 peer: the same routes as MicroFlask's demo, for side-by-side numbers.
//   HummingbirdPeer --port 8081
import Foundation
import Hummingbird
import Logging

struct Message: ResponseEncodable { let message: String }
struct User: ResponseEncodable { let id: Int; let name: String }

func portArgument() -> Int {
    let args = CommandLine.arguments
    if let i = args.firstIndex(of: "--port"), i + 1 < args.count, let p = Int(args[i + 1]) {
        return p
    }
    return 8081
}

let router = Router()

router.get("/") { _, _ -> Response in
    Response(
        status: .ok,
        headers: [.contentType: "text/html; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(string: "<h1>Hello</h1>"))
    )
}
router.get("/plaintext") { _, _ -> Response in
    Response(
        status: .ok,
        headers: [.contentType: "text/plain; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(string: "Hello, World!"))
    )
}
// Encoded per request by the context's JSONEncoder (Codable), like the other peers.
router.get("/json") { _, _ in Message(message: "Hello, World!") }
router.get("/users/:id") { _, context in
    let id = try context.parameters.require("id", as: Int.self)
    return User(id: id, name: "User \(id)")
}

var logger = Logger(label: "HummingbirdPeer")
logger.logLevel = .critical

let app = Application(
    router: router,
    configuration: .init(address: .hostname("127.0.0.1", port: portArgument()), serverName: nil),
    logger: logger
)
try await app.runService()
