import CMicroFlaskSystem
import Glibc

/// Starting, signalling and reaping child processes without Foundation's `Process`, which
/// closes every inherited descriptor and reaps on its own thread: the supervisor passes the
/// listener and a request slot to each worker, and reaps every child itself with `waitpid(-1)`.
enum ChildProcess {
    /// How a child ended.
    enum Termination: Equatable, CustomStringConvertible {
        case exited(Int32)
        case signaled(Int32)

        var description: String {
            switch self {
            case .exited(let status): "status \(status)"
            case .signaled(let signal): "signal \(signal)"
            }
        }
    }

    /// Starts `path` with `arguments` (the first is the program's name) and `environment`,
    /// placing each pair's first descriptor at its second (`[(listener, 3)]`), in a process group
    /// of its own with `newProcessGroup`. `posix_spawn` execs at once,
    /// so nothing of this multithreaded process runs in the child.
    static func spawn(
        _ path: String, arguments: [String], environment: [String: String], descriptors: [(Int32, Int32)] = [],
        newProcessGroup: Bool = false
    ) throws(SystemError) -> pid_t {
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: Int32 = 0
        let sources = descriptors.map(\.0)
        let targets = descriptors.map(\.1)
        let result = microflask_spawn(
            path, argv, envp, sources, targets, Int32(descriptors.count), newProcessGroup ? 1 : 0, &pid)
        guard result == 0 else { throw SystemError("posix_spawn \(path)", code: result) }
        return pid
    }

    /// Every child that has ended since the last call, without blocking.
    static func reap() -> [(pid: pid_t, termination: Termination)] {
        var ended: [(pid_t, Termination)] = []
        while true {
            var status: Int32 = 0
            guard let pid = try? Syscall.retrying("waitpid", { Int(waitpid(-1, &status, WNOHANG)) }), pid > 0 else {
                break
            }
            // WIFSIGNALED/WTERMSIG are macros Swift does not import: the low 7 bits are the signal.
            let signal = status & 0x7f
            ended.append((pid_t(pid), signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)))
        }
        return ended
    }

    /// Sends `signal` to `pid` (nothing when it is already gone).
    static func send(_ signal: Int32, to pid: pid_t) { _ = kill(pid, signal) }

    /// This process's id and its parent's.
    static var currentID: pid_t { getpid() }
    static var parentID: pid_t { getppid() }

    /// Asks the kernel to send SIGTERM to this process when its parent dies (a worker whose
    /// supervisor was killed does not linger), then checks the parent is still `parent`.
    static func exitWithParent(_ parent: pid_t) {
        _ = microflask_exit_with_parent()
        if getppid() != parent { exit(0) }
    }
}

extension ChildProcess {
    /// A pipe whose two ends are close-on-exec (a child gets one only by `spawn`'s placing).
    static func pipe() throws(SystemError) -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        _ = try Syscall.retrying("pipe2") { Int(microflask_pipe(&ends)) }
        return (ends[0], ends[1])
    }

    /// Reads `fd` to its end (blocking) and closes it.
    static func readToEnd(_ fd: Int32) -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { raw in
                (try? Syscall.retrying("read") { read(fd, raw.baseAddress, raw.count) }) ?? 0
            }
            if count <= 0 { break }
            result += buffer[0..<count]
        }
        close(fd)
        return result
    }

    /// Closes a descriptor this process no longer needs (the child's end of a pipe).
    static func close(_ fd: Int32) { _ = Glibc.close(fd) }
}
