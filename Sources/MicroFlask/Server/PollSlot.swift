import Synchronization

/// A connection's place in the epoll: the key its events carry, and the claim that lets one
/// thread at a time serve it.
///
/// Connections are registered edge-triggered and stay armed, so no `epoll_ctl` is needed between
/// requests. Any poller may receive an event for a connection another thread is serving; the
/// claim settles it: the first poller takes the connection, a later one only leaves a note
/// (`ownedAndNotified`) that makes the owner read again before letting go, so no edge is lost.
///
/// Slots are pooled by `ConnectionRegistry` and live as long as the server. An event can reach a
/// poller after its connection closed (it was taken from the kernel just before the close); the
/// slot it names is then closed, or serves a newer connection, and a claim on it is at worst a
/// spurious wake-up, never a use of freed memory.
///
/// `@unchecked Sendable`: `connection` is written by the registry under its lock while the slot
/// is closed, and read by a thread only after its claim (an acquire) succeeded or under that lock.
final class PollSlot: @unchecked Sendable {
    /// The slot's index in the registry.
    let index: Int
    /// The connection in the slot, nil while the slot is free for reuse.
    @exclusivity(unchecked) var connection: Connection?
    /// One of the four states below.
    let state = Atomic<Int>(PollSlot.closed)

    /// No connection; events are ignored.
    static let closed = 0
    /// A connection waits in the epoll; the next event's poller claims it.
    static let waiting = 1
    /// A thread serves the connection.
    static let owned = 2
    /// A thread serves it, and an event came meanwhile: the owner reads again before releasing.
    static let ownedAndNotified = 3

    init(index: Int) { self.index = index }

    /// The epoll key: the slot's address (the registry keeps every slot alive).
    var key: UInt64 { UInt64(UInt(bitPattern: Unmanaged.passUnretained(self).toOpaque())) }

    static func from(key: UInt64) -> PollSlot {
        Unmanaged<PollSlot>.fromOpaque(UnsafeRawPointer(bitPattern: UInt(key))!).takeUnretainedValue()
    }

    /// Takes the connection for serving. False when the slot is closed, or when another thread
    /// serves it: that thread is told to read again.
    func claim() -> Bool {
        var current = state.load(ordering: .relaxed)
        while true {
            let desired: Int
            switch current {
            case PollSlot.waiting: desired = PollSlot.owned
            case PollSlot.owned: desired = PollSlot.ownedAndNotified
            default: return false
            }
            // Acquiring: the previous owner's writes to the connection are visible to the new one.
            let (exchanged, original) = state.compareExchange(
                expected: current, desired: desired, ordering: .acquiring)
            if exchanged { return desired == PollSlot.owned }
            current = original
        }
    }

    /// Lets the connection wait in the epoll again. False when an event came while it was
    /// served: the caller still owns it and must serve it again (the data may be unread).
    func release() -> Bool {
        // Releasing: publishes this owner's writes to the next claimer.
        if state.compareExchange(expected: PollSlot.owned, desired: PollSlot.waiting, ordering: .releasing).exchanged {
            return true
        }
        state.store(PollSlot.owned, ordering: .relaxed)
        return false
    }
}
