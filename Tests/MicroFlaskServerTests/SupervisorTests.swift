import Foundation
import Glibc
import Testing

@testable import MicroFlask

/// The pre-fork supervisor, live: the demo binary with `--workers`, its test routes on
/// (`MICROFLASK_DEMO_TEST_ROUTES=1`: `/crash` traps, `/sleep/<ms>` logs then sleeps).
@Suite(.serialized)
struct SupervisorTests {
    static let testRoutes: [String: String?] = ["MICROFLASK_DEMO_TEST_ROUTES": "1"]

    static func demo(_ arguments: [String]) throws -> (LoggedProcess, Int) {
        let process = try LoggedProcess(
            DemoAppTests.binary("App").path, arguments: ["--port", "0", "--quiet"] + arguments,
            environment: testRoutes)
        guard let port = process.bannerPort() else {
            throw DemoAppTests.DemoError(message: "no banner: \(process.output)")
        }
        return (process, port)
    }

    /// The connections a stopped process holds that a client still waits on: its sockets in
    /// state ESTABLISHED in /proc/net/tcp (not the listener, not those whose client has already
    /// read its answer and closed, which are in CLOSE_WAIT).
    static func connectionsHeld(by pid: pid_t) -> Int {
        let folder = "/proc/\(pid)/fd"
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let inodes = Set(
            entries.compactMap { entry -> String? in
                let link = (try? FileManager.default.destinationOfSymbolicLink(atPath: "\(folder)/\(entry)")) ?? ""
                guard link.hasPrefix("socket:[") else { return nil }
                return String(link.dropFirst(8).dropLast())
            })
        let table = String(
            decoding: FileHandle(forReadingAtPath: "/proc/net/tcp")?.readDataToEndOfFile() ?? Data(), as: UTF8.self)
        return table.split(separator: "\n").dropFirst().filter { line in
            let fields = line.split(separator: " ")
            return fields.count > 9 && fields[3] == "01" && inodes.contains(String(fields[9]))
        }.count
    }

    /// Whether `pid` is stopped (state T in /proc/PID/stat).
    static func isStopped(_ pid: pid_t) -> Bool {
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        guard let close = stat.lastIndex(of: ")") else { return false }
        return stat[close...].dropFirst(2).first == "T"
    }

    @Test func aWorkerKilledUnderLoadLosesOnlyItsOwnConnectionsAndIsReplacedWithinASecond() throws {
        let (supervisor, port) = try Self.demo(["--workers", "2", "--threads", "2"])
        let load = ClientLoad(port: port, clients: 8)
        #expect(load.waitForSuccesses(300), "the load did not get going: \(load.summary)")
        let victim = try #require(supervisor.children.first)
        // Stopped first, so the connections it holds can be counted: it accepts no more.
        kill(victim, SIGSTOP)
        while !Self.isStopped(victim) { sched_yield() }
        let held = Self.connectionsHeld(by: victim)
        let before = supervisor.output.endIndex
        let killed = Date()
        kill(victim, SIGKILL)
        #expect(supervisor.waitFor("worker \(victim) died (signal 9)", after: before), "\(supervisor.output)")
        #expect(supervisor.waitFor(" * Worker ", after: before), "no replacement serves")
        let replaced = Date().timeIntervalSince(killed)
        let total = load.successes
        #expect(load.waitForSuccesses(total + 300), "the load stalled after the kill: \(load.summary)")
        load.stop()
        print(
            "kill -9 under load: \(load.summary); the killed worker held \(held) connection(s); replaced in \(String(format: "%.3f", replaced)) s"
        )
        #expect(load.failures["refused"] == nil, "connections refused: \(load.summary)")
        #expect(load.failureCount <= held, "more failures than the killed worker held: \(load.summary), held \(held)")
        // The supervisor starts the replacement as soon as it reaps the dead one (no back-off for
        // a worker that served); it then takes the new process's start-up, 0.06-0.7 s here, once
        // 2.4 s when the machine was loaded: the bound leaves room for that.
        #expect(
            supervisor.output[before...].contains("died (signal 9) serving no request; starting a new one")
                || supervisor.output[before...].contains("; starting a new one\n"))
        #expect(replaced < 3, "replaced after \(replaced) s")
        #expect(supervisor.children.count == 2 && !supervisor.children.contains(victim))
        supervisor.send(SIGTERM)
        #expect(supervisor.waitForExit() == .exited(0))
    }

    @Test func sighupRestartsEveryWorkerOneByOneWithoutAFailedRequest() throws {
        let (supervisor, port) = try Self.demo(["--workers", "2", "--threads", "2"])
        let old = supervisor.children
        #expect(old.count == 2)
        let load = ClientLoad(port: port, clients: 8)
        #expect(load.waitForSuccesses(200), "the load did not get going: \(load.summary)")
        let before = supervisor.output.endIndex
        supervisor.send(SIGHUP)
        #expect(supervisor.waitFor(" * Restart done: 2 worker(s) serving", after: before), "\(supervisor.output)")
        let total = load.successes
        #expect(load.waitForSuccesses(total + 200))
        load.stop()
        print("SIGHUP under load: \(load.summary)")
        #expect(load.failureCount == 0, "\(load.summary)")
        // The retired workers finish and are reaped; the two new ones are others.
        let now = supervisor.children
        #expect(Set(now).isDisjoint(with: old), "old \(old), now \(now)")
        supervisor.send(SIGTERM)
        #expect(supervisor.waitForExit() == .exited(0))
    }

    @Test func sigtermLetsTheRequestInFlightFinishThenEveryWorkerStops() throws {
        let (supervisor, port) = try Self.demo(["--workers", "2"])
        let workers = supervisor.children
        let client = try RawClient(port: port, timeout: 20)
        try client.send("GET /sleep/1500 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        #expect(supervisor.waitFor("sleeping 1500 ms"), "the slow view did not start: \(supervisor.output)")
        supervisor.send(SIGTERM)
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "slept 1500 ms")
        #expect(supervisor.waitForExit() == .exited(0))
        for worker in workers { #expect(kill(worker, 0) != 0, "worker \(worker) outlived the supervisor") }
        #expect(throws: (any Error).self) { try RawClient(port: port, timeout: 2) }
    }

    @Test func aTrapInAViewIsLoggedWithItsRequestLineAndBacktraceAndTheServiceGoesOn() throws {
        let (supervisor, port) = try Self.demo(["--workers", "1"])
        let before = supervisor.output.endIndex
        #expect(throws: (any Error).self) { try DemoAppTests.get(port, "/crash?index=3") }
        #expect(
            supervisor.waitFor("died (signal 4) while serving GET /crash?index=3 HTTP/1.1", after: before, timeout: 60),
            "\(supervisor.output)")
        #expect(supervisor.output.contains("Fatal error: Index out of range"))
        #expect(supervisor.output.contains("Program crashed"), "no backtrace from the Swift runtime")
        #expect(supervisor.output.contains("TestRoutes.swift"), "the backtrace names no frame of the view")
        #expect(supervisor.waitFor(" * Worker ", after: before))
        #expect(try DemoAppTests.get(port, "/plaintext").hasSuffix("Hello, World!"))
        supervisor.send(SIGTERM)
        #expect(supervisor.waitForExit() == .exited(0))
    }

    @Test func theSingleProcessServerSaysWhichRequestKilledIt() throws {
        let (server, port) = try Self.demo([])
        #expect(throws: (any Error).self) { try DemoAppTests.get(port, "/crash") }
        #expect(server.waitFor("MicroFlask: crashed while serving GET /crash HTTP/1.1"), "\(server.output)")
        #expect(server.waitForExit(timeout: 60) == .signaled(SIGILL))
        #expect(server.output.contains("Program crashed"), "the Swift backtrace should still run")
    }

    @Test(arguments: [[], ["--workers", "2"]])
    func aListenerFromSocketActivationIsServed(_ arguments: [String]) throws {
        let listener = try Socket.listen(on: try SocketAddress(host: "127.0.0.1", port: 0))
        let port = listener.localAddress.port
        // systemd sets LISTEN_PID to the service's pid: sh knows its own, and exec keeps it.
        let server = try LoggedProcess(
            "/bin/sh",
            arguments: [
                "-c", #"LISTEN_PID=$$ LISTEN_FDS=1 exec "$0" "$@""#, DemoAppTests.binary("App").path, "--quiet",
            ]
                + arguments,
            descriptors: [(listener.fd, 3)])
        listener.close()
        #expect(server.bannerPort() == port, "\(server.output)")
        #expect(try DemoAppTests.get(port, "/plaintext").hasSuffix("Hello, World!"))
        server.send(SIGTERM)
        #expect(server.waitForExit() == .exited(0))
    }
}
