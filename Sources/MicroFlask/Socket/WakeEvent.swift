import CMicroFlaskSystem
import Glibc

/// An eventfd that wakes every thread waiting in `epoll_wait` when signalled (used to stop).
final class WakeEvent: Sendable {
    let fd: Int32

    init() throws(SystemError) {
        fd = Int32(try Syscall.retrying("eventfd") { Int(eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))) })
    }

    deinit { close(fd) }

    /// Makes the descriptor readable; it stays readable (it is never read), so level-triggered
    /// waiters all see it.
    func signal() {
        var one: UInt64 = 1
        _ = Glibc.write(fd, &one, 8)
    }
}
