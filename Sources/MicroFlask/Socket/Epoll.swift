import CMicroFlaskSystem
import Glibc

/// A thin owner of an epoll instance. Registrations carry a caller-chosen 64-bit key
/// (a pointer or a slot number), never a file descriptor.
final class Epoll: Sendable {
    let fd: Int32

    init() throws(SystemError) {
        fd = Int32(try Syscall.retrying("epoll_create1") { Int(epoll_create1(Int32(EPOLL_CLOEXEC))) })
    }

    deinit { close(fd) }

    static let readable = EPOLLIN.rawValue | EPOLLRDHUP.rawValue
    /// Readable, reported to every waiter for as long as it lasts (for the wake event).
    static let readableLevel = EPOLLIN.rawValue
    static let writable = EPOLLOUT.rawValue
    static let oneShot = EPOLLONESHOT.rawValue
    /// Reported once per change (new data, room to write, hang-up) rather than while it lasts.
    static let edgeTriggered = EPOLLET.rawValue
    static let exclusive = EPOLLEXCLUSIVE.rawValue

    func add(_ socket: Int32, events: UInt32, key: UInt64) throws(SystemError) {
        try control(EPOLL_CTL_ADD, socket, events: events, key: key)
    }

    func modify(_ socket: Int32, events: UInt32, key: UInt64) throws(SystemError) {
        try control(EPOLL_CTL_MOD, socket, events: events, key: key)
    }

    func remove(_ socket: Int32) {
        var event = epoll_event()
        _ = epoll_ctl(fd, EPOLL_CTL_DEL, socket, &event)
    }

    private func control(_ op: Int32, _ socket: Int32, events: UInt32, key: UInt64) throws(SystemError) {
        var event = epoll_event()
        event.events = events
        event.data.u64 = key
        _ = try Syscall.retrying("epoll_ctl") { Int(epoll_ctl(fd, op, socket, &event)) }
    }

    /// The events that say the peer will send no more (a hang-up, a half-close or an error).
    static let peerEnded = EPOLLRDHUP.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue

    /// Waits for events; returns how many were written into `events`.
    func wait(into events: UnsafeMutablePointer<epoll_event>, capacity: Int32, timeoutMilliseconds: Int32) -> Int {
        (try? Syscall.retrying("epoll_wait") { Int(epoll_wait(fd, events, capacity, timeoutMilliseconds)) }) ?? 0
    }
}
