import Foundation
import Glibc
import MicroFlask
import Testing

/// `--unix-socket`: serving on a socket file, what is done with a file already there, and the
/// file removed at stop.
@Suite(.serialized)
struct UnixSocketTests {
    private static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "mf-unix-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A socket bound to `path` (listening or not); the caller closes it.
    private static func boundSocket(_ path: String, listening: Bool) -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = Self.address(path)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        if listening { listen(fd, 4) }
        return fd
    }

    private static func address(_ path: String) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        return address
    }

    /// One request over the socket file; the whole response as text.
    private static func exchange(_ path: String, _ request: String) throws -> String {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = Self.address(path)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else { throw UnixTestError(message: "connect: \(String(cString: strerror(errno)))") }
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func app() -> App {
        let app = App()
        app.config.accessLog = false
        app.get("/who") { req in "\(req.remoteAddress) \(req.peerAddress)" }
        return app
    }

    @Test("serves over the socket file; the client shows as <local>; the file is removed at stop")
    func servesAndCleansUp() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/app.sock"
        let server = try Self.app().start(unixSocket: path)
        #expect(server.address?.description == "unix:\(path)")
        let response = try Self.exchange(path, "GET /who HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        #expect(response.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(response.hasSuffix("\r\n\r\n<local> <local>"), "\(response)")
        server.stop()
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("a stale socket file is replaced; a live one, or a file that is not a socket, is refused and kept")
    func existingFiles() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let stalePath = folder + "/stale.sock"
        close(Self.boundSocket(stalePath, listening: false))
        #expect(FileManager.default.fileExists(atPath: stalePath))
        let server = try Self.app().start(unixSocket: stalePath)
        #expect(
            try Self.exchange(stalePath, "GET /who HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").contains(" 200 "))
        server.stop()

        let livePath = folder + "/live.sock"
        let live = Self.boundSocket(livePath, listening: true)
        defer { close(live) }
        #expect(throws: SocketError.self) { try Self.app().start(unixSocket: livePath) }
        #expect(FileManager.default.fileExists(atPath: livePath), "a live server's socket was removed")

        let filePath = folder + "/notes.txt"
        try "keep me".write(toFile: filePath, atomically: true, encoding: .utf8)
        #expect(throws: SocketError.self) { try Self.app().start(unixSocket: filePath) }
        #expect((try? String(contentsOfFile: filePath, encoding: .utf8)) == "keep me")

        #expect(throws: SocketError.self) {
            try Self.app().start(unixSocket: folder + "/" + String(repeating: "x", count: 120))
        }
    }
}

struct UnixTestError: Error { let message: String }
