import Foundation
import Testing

@testable import MicroFlask

@Suite("Config loading, sessions without a key, commands in --help")
struct ConfigAndSessionTests {
    @Test("a JSON config file sets the typed settings and keeps the rest as user keys")
    func jsonConfigFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("microflask-\(UUID().uuidString).json")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(#"{"DEBUG": true, "SECRET_KEY": "s3cret", "MAX_CONTENT_LENGTH": 1024, "DATABASE": "app.sqlite"}"#.utf8)
            .write(to: URL(fileURLWithPath: path))
        var config = Config()
        try config.loadJSONFile(path)
        #expect(config.debug)
        #expect(config.secretKey == "s3cret")
        #expect(config.limits.maxBodySize == 1024)
        #expect(config["DATABASE"] == "app.sqlite")
    }

    @Test("a config file that is missing or not an object says so")
    func badConfigFiles() throws {
        var config = Config()
        #expect(throws: ConfigError.self) { try config.loadJSONFile("/nonexistent/microflask.json") }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("microflask-\(UUID().uuidString).json")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("[1, 2]".utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: ConfigError.self) { try config.loadJSONFile(path) }
        #expect(error?.description.contains("JSON object") == true)
    }

    @Test("a well-known setting that does not parse is an error naming the variable")
    func badEnvironmentValue() {
        var config = Config()
        let error = #expect(throws: ConfigError.self) {
            try config.loadEnvironment(prefix: "APP_", environment: ["APP_DEBUG": "maybe"])
        }
        #expect(error?.description.contains("APP_DEBUG") == true)
    }

    @Test("writing a session without a secret key fails the request with a message that says how to fix it")
    func sessionWithoutSecretKey() throws {
        let app = App()
        let logged = Recorder<[String]>([])
        app.logger = Logger(write: { line in logged.update { $0.append(line) } })
        app.get("/login") { req in
            req.session["user"] = "ada"
            return "logged in"
        }
        let response = try app.test.get("/login")
        #expect(response.status == .internalServerError)
        #expect(response.headers["Set-Cookie"] == nil)
        #expect(logged.value.contains { $0.contains("secretKey") })
    }

    @Test("a session written with a secret key comes back on the next request; a forged one is ignored")
    func sessionRoundTrip() throws {
        let app = App()
        app.config.secretKey = "test key"
        app.get("/set") { req in
            req.session["user"] = "ada"
            return "ok"
        }
        app.get("/get") { req in req.session["user"]?.text ?? "nobody" }
        let client = app.makeTestClient()
        _ = try client.get("/set")
        #expect(try client.get("/get").text == "ada")
        let forged = try app.makeTestClient().get("/get", headers: ["Cookie": "session=e30.AAAA.AAAA"])
        #expect(forged.text == "nobody")
    }

    @Test("custom commands are listed in --help with their help text")
    func commandsInHelp() {
        let app = App()
        app.command("init-db", help: "Create the tables") { _ in }
        #expect(app.commandUsage.contains("init-db"))
        #expect(app.commandUsage.contains("Create the tables"))
    }
}

@Suite("JSON encoding of view results")
struct JSONEncodingTests {
    struct Event: Encodable {
        let name: String
        let at: Date
    }

    @Test("config.jsonEncoder is used for Encodable results")
    func customEncoder() throws {
        let app = App()
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        app.config.jsonEncoder = encoder
        app.get("/event") { _ in Event(name: "launch", at: Date(timeIntervalSince1970: 0)) }
        let response = try app.test.get("/event")
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(response.text == #"{"at":"1970-01-01T00:00:00Z","name":"launch"}"#)
    }
}
