import CMicroFlaskSystem
import Glibc

/// An eventfd that wakes threads waiting in `epoll_wait` when signalled: every one when it is
/// registered level-triggered and never read (to stop), one per signal when it is registered
/// edge-triggered (to hand off events).
final class WakeEvent: Sendable {
    let fd: Int32

    init() throws(SystemError) {
        fd = Int32(try Syscall.retrying("eventfd") { Int(eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))) })
    }

    deinit { close(fd) }

    /// Makes the descriptor readable; it stays readable until `consume`, so level-triggered
    /// waiters all see it.
    func signal() {
        var one: UInt64 = 1
        _ = Glibc.write(fd, &one, 8)
    }

    /// Reads the count back to zero (the descriptor is non-blocking: nothing to read is fine).
    func consume() {
        var count: UInt64 = 0
        _ = Glibc.read(fd, &count, 8)
    }
}
