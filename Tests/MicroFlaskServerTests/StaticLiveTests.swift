import Foundation
import Testing

@testable import MicroFlask

/// Static files over a real socket: sendfile(2) bodies, ranges, HEAD and a raw traversal.
@Suite(.serialized) struct StaticLiveTests {
    static let size = 5 * 1024 * 1024
    static let secret = "TOP SECRET: the parent folder's Package.swift"

    /// A temp root with `Package.swift` (a secret) and `public/big.bin` (5 MiB), and an app
    /// serving `public` at `/static`, running on an ephemeral port.
    private static func withServer(_ body: (Int, [UInt8]) throws -> Void) throws {
        let root = NSTemporaryDirectory() + "microflask-static-live-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root + "/public", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        var generator = UInt32(2_463_534_242)
        let content = (0..<size).map { _ -> UInt8 in
            generator ^= generator << 13
            generator ^= generator >> 17
            generator ^= generator << 5
            return UInt8(truncatingIfNeeded: generator)
        }
        #expect(FileManager.default.createFile(atPath: root + "/public/big.bin", contents: Data(content)))
        #expect(FileManager.default.createFile(atPath: root + "/Package.swift", contents: Data(secret.utf8)))
        let app = App(name: "static-live")
        app.config.staticFolder = root + "/public"
        app.config.accessLog = false
        let server = try app.start(host: "127.0.0.1", port: 0)
        defer { server.stop() }
        try body(server.port, content)
    }

    /// Sends the target exactly as given (no path normalisation, like `curl --path-as-is`).
    private static func get(_ target: String, port: Int, method: String = "GET", extra: String = "") throws
        -> RawResponse
    {
        let client = try RawClient(port: port, timeout: 10)
        try client.send("\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(extra)Connection: close\r\n\r\n")
        return try client.readResponse(forHead: method == "HEAD")
    }

    @Test func servesAFiveMebibyteFileWithRanges() throws {
        try StaticLiveTests.withServer { port, content in
            let whole = try StaticLiveTests.get("/static/big.bin", port: port)
            #expect(whole.status == 200)
            #expect(whole.header("Content-Length") == String(StaticLiveTests.size))
            #expect(whole.header("Content-Type") == "application/octet-stream")
            #expect(whole.body.count == content.count)
            #expect(whole.body == content, "the bytes sent with sendfile(2) are the file's")

            let range = try StaticLiveTests.get(
                "/static/big.bin", port: port, extra: "Range: bytes=1048576-3145727\r\n")
            #expect(range.status == 206)
            #expect(range.header("Content-Range") == "bytes 1048576-3145727/\(StaticLiveTests.size)")
            #expect(range.body == Array(content[1_048_576...3_145_727]))

            let tail = try StaticLiveTests.get("/static/big.bin", port: port, extra: "Range: bytes=-100\r\n")
            #expect(tail.status == 206)
            #expect(tail.body == Array(content.suffix(100)))

            let beyond = try StaticLiveTests.get("/static/big.bin", port: port, extra: "Range: bytes=99999999-\r\n")
            #expect(beyond.status == 416)
            #expect(beyond.header("Content-Range") == "bytes */\(StaticLiveTests.size)")

            let head = try StaticLiveTests.get("/static/big.bin", port: port, method: "HEAD")
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == String(StaticLiveTests.size))
            #expect(head.body.isEmpty, "HEAD sends no body")

            let etag = try #require(whole.header("ETag"))
            let cached = try StaticLiveTests.get("/static/big.bin", port: port, extra: "If-None-Match: \(etag)\r\n")
            #expect(cached.status == 304)
            #expect(cached.body.isEmpty)
        }
    }

    @Test func rawTraversalIs404() throws {
        try StaticLiveTests.withServer { port, _ in
            for target in [
                "/static/../Package.swift", "/static/%2e%2e/Package.swift", "/static/..%2fPackage.swift",
                "/static/..\\Package.swift", "/static//etc/passwd", "/static/big.bin%00",
            ] {
                let reply = try StaticLiveTests.get(target, port: port)
                #expect(reply.status == 404, "\(target)")
                let text = String(decoding: reply.body, as: UTF8.self)
                #expect(!text.contains("TOP SECRET"), "\(target)")
                #expect(!text.contains("root:"), "\(target)")
            }
        }
    }
}
