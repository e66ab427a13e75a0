import Foundation
import Glibc
import Testing

/// The demo behind a real nginx, configured by the file we ship (`docs/deploy/nginx.conf`):
/// two instances of `--workers 2` (on 127.0.0.2 and 127.0.0.3, which are loopback), a load
/// through nginx while a worker is killed and whole instances are stopped and restarted, a
/// session shared without sticky sessions, the client's address from both kinds of forwarding
/// headers, `TRUSTED_HOSTS`, and an instance reached over `--unix-socket` only.
///
/// Needs nginx (`/usr/sbin/nginx` or on PATH). Without it the tests are skipped with the reason,
/// unless `MICROFLASK_INTEGRATION=1` (as in `.ci/run`), which makes a missing nginx a failure.
@Suite(.serialized)
struct NginxTests {
    static let nginx: String? = {
        var candidates = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx"]
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        candidates += path.split(separator: ":").map { "\($0)/nginx" }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static let integrationRequired = ProcessInfo.processInfo.environment["MICROFLASK_INTEGRATION"] == "1"
    static let skipReason: Comment =
        "nginx is not installed (apt-get install nginx-light); set MICROFLASK_INTEGRATION=1 to make this a failure"
    static let secretKey = "nginx-test-shared-secret-\(UUID().uuidString)"

    /// The two TCP instances behind one nginx, as every test but the Unix-socket one uses them.
    /// A reads `X-Forwarded-*`, B reads RFC 7239 `Forwarded`; both trust two proxies (the test
    /// client plays an outer proxy, nginx the inner one) and serve only `localhost` and
    /// `*.example.test`.
    static func cluster() throws -> (Instance, Instance, NginxProcess) {
        let common = ["--workers", "2", "--trusted-proxies", "2", "--trusted-hosts", "localhost,.example.test"]
        let a = try Instance(host: "127.0.0.2", arguments: common + ["--proxy-headers", "x-forwarded"])
        let b = try Instance(host: "127.0.0.3", arguments: common + ["--proxy-headers", "forwarded"])
        let nginx = try NginxProcess(upstreams: [a.upstream, b.upstream])
        return (a, b, nginx)
    }

    @Test(.enabled(if: nginx != nil || integrationRequired, skipReason), .timeLimit(.minutes(3)))
    func killingAWorkerAndStoppingAnInstanceFailNoRequest() throws {
        guard Self.nginx != nil else {
            Issue.record("MICROFLASK_INTEGRATION=1 but nginx is not installed")
            return
        }
        let (a, b, nginx) = try Self.cluster()
        let load = Load(port: nginx.port, connections: 4)
        defer { load.stop() }
        #expect(load.waitForMore(300), "no load got through nginx: \(load.summary)\n\(nginx.errorLog)")

        // 1. A worker of A dies (SIGKILL: a crash); A's supervisor replaces it.
        let workersOfA = try a.workerPIDs()
        #expect(workersOfA.count == 2, "A has workers \(workersOfA)")
        if let victim = workersOfA.first {
            kill(victim, SIGKILL)
            #expect(
                try waitUntil(seconds: 10) {
                    let now = try a.workerPIDs()
                    return now.count == 2 && !now.contains(victim)
                }, "A's killed worker was not replaced")
        }
        #expect(load.waitForMore(300), "the load stalled after the kill: \(load.summary)")

        // 2. B stops as a whole (SIGTERM: a deploy or a scale-down) and exits cleanly.
        #expect(b.terminate() == 0, "B's exit status\n\(b.output)")
        #expect(load.waitForMore(300), "the load stalled after B stopped: \(load.summary)")

        // 3. A restarts its workers one by one (SIGHUP: a code deploy on one machine).
        let before = Set(try a.workerPIDs())
        kill(a.pid, SIGHUP)
        #expect(
            try waitUntil(seconds: 30) {
                let now = try a.workerPIDs()
                return now.count == 2 && before.isDisjoint(with: now)
            }, "A's workers were not all replaced after SIGHUP")
        #expect(load.waitForMore(300), "the load stalled after SIGHUP: \(load.summary)")
        load.stop()
        let failures = load.failures
        #expect(
            failures.count == 0,
            "\(failures.count) failed requests, first: \(failures.prefix(3))\nnginx: \(nginx.errorLog.prefix(6000))")
        #expect(load.succeeded > 900)
        #expect(a.isRunning, "A is down\n\(a.output)")
    }

    @Test(.enabled(if: nginx != nil || integrationRequired, skipReason), .timeLimit(.minutes(2)))
    func aSessionMadeOnOneInstanceIsValidOnTheOther() throws {
        guard Self.nginx != nil else {
            Issue.record("MICROFLASK_INTEGRATION=1 but nginx is not installed")
            return
        }
        let (a, b, nginx) = try Self.cluster()
        let login = try Self.exchange(
            port: nginx.port,
            "POST /login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 8\r\n\r\nname=ada"
        )
        #expect(login.status == 302, "\(login.rawHead)")
        let cookie = try #require(login.header("Set-Cookie")?.split(separator: ";").first.map(String.init))
        // Round robin: successive requests alternate between the instances; each must know the session.
        var served: Set<String> = []
        for _ in 0..<6 {
            let who = try Self.whoami(port: nginx.port, extra: "Cookie: \(cookie)\r\n")
            #expect(who["name"] == "ada", "\(who)")
            let pid = Int32(who["pid"] ?? "") ?? 0
            if try a.workerPIDs().contains(pid) { served.insert("A") }
            if try b.workerPIDs().contains(pid) { served.insert("B") }
        }
        #expect(served == ["A", "B"], "requests were served by \(served)")
    }

    @Test(.enabled(if: nginx != nil || integrationRequired, skipReason), .timeLimit(.minutes(2)))
    func theAppSeesTheClientsAddressSchemeAndHostThroughNginx() throws {
        guard Self.nginx != nil else {
            Issue.record("MICROFLASK_INTEGRATION=1 but nginx is not installed")
            return
        }
        let (a, b, nginx) = try Self.cluster()
        // The test client is the outer proxy: it says who its client was, nginx appends itself.
        let outer = """
            X-Forwarded-For: 198.51.100.7\r
            X-Forwarded-Proto: https\r
            X-Forwarded-Host: shop.example.test\r
            Forwarded: for="[2001:db8::7]:4711";proto=https;host=shop.example.test\r

            """
        var seen: Set<String> = []
        for _ in 0..<4 {
            let who = try Self.whoami(port: nginx.port, extra: outer)
            let pid = Int32(who["pid"] ?? "") ?? 0
            if try a.workerPIDs().contains(pid) {
                seen.insert("X-Forwarded")
                #expect(who["remote_addr"] == "198.51.100.7", "\(who)")
            } else if try b.workerPIDs().contains(pid) {
                seen.insert("Forwarded")
                #expect(who["remote_addr"] == "2001:db8::7", "\(who)")
            }
            #expect(who["scheme"] == "https", "\(who)")
            #expect(who["host"] == "shop.example.test", "\(who)")
        }
        #expect(seen == ["X-Forwarded", "Forwarded"])
        // Without an outer proxy there is one value fewer than the hops trusted: the app falls
        // back to the peer and plain http, as Werkzeug's ProxyFix does.
        let direct = try Self.whoami(port: nginx.port)
        #expect(direct["remote_addr"] == "127.0.0.1" && direct["scheme"] == "http", "\(direct)")
        // A Host that TRUSTED_HOSTS does not list is refused, whichever instance answers.
        for _ in 0..<2 {
            let refused = try Self.exchange(
                port: nginx.port, "GET /whoami HTTP/1.1\r\nHost: evil.test\r\nConnection: close\r\n\r\n")
            #expect(refused.status == 400)
            #expect(refused.text.contains("is not trusted"))
        }
    }

    @Test(.enabled(if: nginx != nil || integrationRequired, skipReason), .timeLimit(.minutes(2)))
    func nginxReachesAnInstanceOnAUnixSocketOnly() throws {
        guard Self.nginx != nil else {
            Issue.record("MICROFLASK_INTEGRATION=1 but nginx is not installed")
            return
        }
        let folder = NSTemporaryDirectory() + "mf-sock-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/app.sock"
        // A file left by a crashed server must not stop the next one.
        let stale = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(stale, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        #expect(bound == 0)
        close(stale)  // bound, never listened, closed: the file stays, nothing answers on it
        #expect(FileManager.default.fileExists(atPath: path))

        // In its own network namespace when the machine allows it (a "box" with no network at
        // all): nginx can reach it only through the socket file.
        let isolated = Self.canUnshareNetwork
        let instance = try Instance(
            unixSocket: path, arguments: ["--workers", "2", "--trusted-proxies", "1"], isolated: isolated)
        let nginx = try NginxProcess(upstreams: ["server unix:\(path);"])
        for _ in 0..<3 {
            let who = try Self.whoami(port: nginx.port)
            #expect(who["remote_addr"] == "127.0.0.1", "\(who)")
            #expect(who["scheme"] == "http")
        }
        #expect(instance.terminate() == 0, "\(instance.output)")
        #expect(!FileManager.default.fileExists(atPath: path), "the socket file was left behind")
        if !isolated {
            print("NginxTests: unshare -n is not available here; the Unix-socket instance shares the network")
        }
    }

    // MARK: - Helpers

    /// Whether `unshare -n` can give a process its own network namespace here.
    static let canUnshareNetwork: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = ["-n", "true"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    static func exchange(port: Int, _ request: String) throws -> RawResponse {
        let client = try RawClient(port: port, timeout: 10)
        try client.send(request)
        return try client.readResponse()
    }

    /// `GET /whoami` through nginx, as a dictionary.
    static func whoami(port: Int, extra: String = "") throws -> [String: String] {
        let response = try exchange(
            port: port, "GET /whoami HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\(extra)\r\n")
        #expect(response.status == 200, "\(response.rawHead)\(response.text)")
        return (try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: String]) ?? [:]
    }
}

/// One demo instance: `App` on a TCP address or a Unix socket, with the shared secret key.
final class Instance {
    let process = Process()
    private(set) var upstream = ""
    private let errors = Pipe()
    private let collected = CollectedText()

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }
    var output: String { collected.text }

    convenience init(host: String, arguments: [String]) throws {
        try self.init(launch: ["--host", host, "--port", "0"] + arguments, isolated: false)
    }

    convenience init(unixSocket path: String, arguments: [String], isolated: Bool) throws {
        try self.init(launch: ["--unix-socket", path] + arguments, isolated: isolated)
    }

    private init(launch arguments: [String], isolated: Bool) throws {
        let binary = DemoAppTests.binary("App").path
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        if isolated {
            // unshare execs the program in place: the pid is the demo's own.
            process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
            process.arguments = ["-n", binary] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
        }
        process.currentDirectoryURL = root
        var environment = ProcessInfo.processInfo.environment
        environment["PORT"] = nil
        environment["HOST"] = nil
        environment["MICROFLASK_SECRET_KEY"] = NginxTests.secretKey
        process.environment = environment
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        // Drained all the time: a full pipe would stall the demo's log writes.
        errors.fileHandleForReading.readabilityHandler = { [collected] handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            collected.append(text)
        }
        try process.run()
        let process = self.process
        let collected = self.collected
        let ready = waitUntil(seconds: 20) {
            collected.text.contains("(Press CTRL+C") || !process.isRunning
        }
        let banner = output
        if let range = banner.range(of: #"http://127\.0\.0\.\d+:\d+"#, options: .regularExpression) {
            upstream = "server \(banner[range].dropFirst("http://".count)) max_fails=0;"
        } else if banner.contains("unix:"), let path = arguments.firstIndex(of: "--unix-socket") {
            upstream = "server unix:\(arguments[path + 1]) max_fails=0;"
        }
        guard ready, process.isRunning, !upstream.isEmpty else {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            throw NginxTestError(message: "the demo did not start: \(banner)")
        }
    }

    /// The supervisor's worker processes (none for a single process).
    func workerPIDs() throws -> [Int32] { try DemoAppTests.workerPIDs(of: pid) }

    /// SIGTERM, then the exit status (-1 if it had to be killed after 20 s).
    func terminate() -> Int32 {
        kill(pid, SIGTERM)
        if !waitUntil(seconds: 20, { !process.isRunning }) {
            kill(pid, SIGKILL)
            process.waitUntilExit()
            return -1
        }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning {
            let workers = (try? workerPIDs()) ?? []
            kill(pid, SIGKILL)
            for worker in workers { kill(worker, SIGKILL) }
            process.waitUntilExit()
        }
        errors.fileHandleForReading.readabilityHandler = nil
    }
}

/// nginx with `docs/deploy/nginx.conf`, its upstream servers and listen port replaced, in its
/// own prefix (temporary folders, pid file, error log), in the foreground, stopped by its PID.
final class NginxProcess {
    let process = Process()
    let port: Int
    let prefix: String

    var errorLog: String { (try? String(contentsOfFile: prefix + "/error.log", encoding: .utf8)) ?? "" }

    init(upstreams: [String]) throws {
        prefix = NSTemporaryDirectory() + "microflask-nginx-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: prefix + "/temp", withIntermediateDirectories: true)
        port = try NginxProcess.freePort()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let shipped = try String(
            contentsOf: root.appendingPathComponent("docs/deploy/nginx.conf"), encoding: .utf8)
        try NginxProcess.render(shipped, upstreams: upstreams, port: port)
            .write(toFile: prefix + "/microflask.conf", atomically: true, encoding: .utf8)
        let temp = prefix + "/temp"
        let main = """
            \(getuid() == 0 ? "user root;" : "")
            worker_processes 1;
            pid \(prefix)/nginx.pid;
            error_log \(prefix)/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path \(temp)/body;
                proxy_temp_path \(temp)/proxy;
                fastcgi_temp_path \(temp)/fastcgi;
                uwsgi_temp_path \(temp)/uwsgi;
                scgi_temp_path \(temp)/scgi;
                include \(prefix)/microflask.conf;
            }

            """
        try main.write(toFile: prefix + "/nginx.conf", atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: NginxTests.nginx ?? "/usr/sbin/nginx")
        process.arguments = ["-p", prefix, "-c", prefix + "/nginx.conf", "-g", "daemon off;"]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let up = waitUntil(seconds: 10) { [port] in
            !process.isRunning || (try? RawClient(port: port, timeout: 1)) != nil
        }
        guard up, process.isRunning else {
            throw NginxTestError(message: "nginx did not start: \(errorLog)")
        }
    }

    /// The shipped file with the lines between the upstream markers replaced, and `listen 80;`
    /// on the loopback port.
    static func render(_ shipped: String, upstreams: [String], port: Int) throws -> String {
        guard let begin = shipped.range(of: "# BEGIN upstream servers\n"),
            let end = shipped.range(of: "# END upstream servers", range: begin.upperBound..<shipped.endIndex),
            shipped.contains("listen 80;")
        else { throw NginxTestError(message: "docs/deploy/nginx.conf lost its markers or its listen line") }
        var text = shipped
        text.replaceSubrange(begin.upperBound..<end.lowerBound, with: upstreams.map { "    \($0)\n    " }.joined())
        return text.replacingOccurrences(of: "listen 80;", with: "listen 127.0.0.1:\(port);")
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard ok else { throw NginxTestError(message: "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGQUIT)  // graceful: finish, then exit
            if !waitUntil(seconds: 10, { !process.isRunning }) { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: prefix)
    }
}

/// A bounded load: `connections` keep-alive clients sending `GET /plaintext` through nginx,
/// each at most one request per half millisecond, counting answers and failures.
final class Load: Sendable {
    // `Locked` (an NSLock), not `Mutex`: ThreadSanitizer does not see a contended `Mutex` handed over.
    private let state = Locked((succeeded: 0, failures: [String](), stopped: false))
    private let finished = DispatchGroup()

    init(port: Int, connections: Int) {
        for _ in 0..<connections {
            finished.enter()
            Thread.detachNewThread { [self] in
                run(port: port)
                finished.leave()
            }
        }
    }

    var succeeded: Int { state.value.succeeded }
    var failures: [String] { state.value.failures }
    var summary: String {
        let state = state.value
        return "\(state.succeeded) answered, \(state.failures.count) failed"
    }

    /// Waits until `count` more requests succeeded (at most 30 s).
    func waitForMore(_ count: Int) -> Bool {
        let target = succeeded + count
        return waitUntil(seconds: 30) { succeeded >= target }
    }

    func stop() {
        state.mutate { $0.stopped = true }
        finished.wait()
    }

    private func run(port: Int) {
        var client: RawClient?
        while !state.value.stopped {
            do {
                let connection = try client ?? RawClient(port: port, timeout: 15)
                client = connection
                try connection.send("GET /plaintext HTTP/1.1\r\nHost: localhost\r\n\r\n")
                let response = try connection.readResponse()
                if response.status == 200 && response.text == "Hello, World!" {
                    state.mutate { $0.succeeded += 1 }
                } else {
                    let line = response.statusLine
                    state.mutate { $0.failures.append(line) }
                }
                if response.saysClose { client = nil }
            } catch {
                let text = "\(error)"
                state.mutate { $0.failures.append(text) }
                client = nil
            }
            usleep(500)
        }
    }
}

/// Text gathered from a pipe's handler thread.
final class CollectedText: Sendable {
    private let storage = Locked("")
    var text: String { storage.value }
    func append(_ more: String) { storage.mutate { $0 += more } }
}

struct NginxTestError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
