import CMicroFlaskSystem
import Glibc

/// What the kernel says about CPUs and threads, for sizing and for the hand-off monitor.
enum ThreadInfo {
    /// The CPUs this process may run on (its affinity mask, so `taskset` and cgroup pinning count).
    static var availableCPUs: Int { Int(microflask_available_cpus()) }

    /// The calling thread's kernel id.
    static func currentThreadID() -> Int32 { microflask_gettid() }

    /// Whether a thread of this process is waiting (asleep or in I/O) rather than running or
    /// runnable, from `/proc/self/task/TID/stat`. A thread that is merely preempted is not waiting.
    static func isWaiting(threadID: Int32) -> Bool {
        let fd = open("/proc/self/task/\(threadID)/stat", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = read(fd, &buffer, buffer.count)
        guard count > 0 else { return false }
        // The state follows the command name, which is in parentheses and may contain spaces.
        guard let close = buffer[0..<count].lastIndex(of: UInt8(ascii: ")")), close + 2 < count else { return false }
        let state = buffer[close + 2]
        return state == UInt8(ascii: "S") || state == UInt8(ascii: "D")
    }
}
