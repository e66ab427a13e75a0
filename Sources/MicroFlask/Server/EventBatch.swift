import CMicroFlaskSystem
import Synchronization

/// One event from the epoll: whose it is, and whether it reports the peer's end.
struct ReadyEvent: Equatable, Sendable {
    let key: UInt64
    let peerEnded: Bool
}

/// The events one `epoll_wait` gave a worker and that it has not served yet.
///
/// Taking up to `capacity` events per wait saves a system call per request under load, as the
/// C server and nginx do. But a handler that blocks would hold the rest of its batch hostage,
/// which one event per wait never did. So what is left of a batch stays where the monitor can
/// reach it: when the worker has been inside one event past the hand-off threshold, the monitor
/// moves the rest to the poll group's `HandOffQueue`, which every poller of the group serves
/// before it waits again. The owner takes events one at a time under a lock that only the
/// monitor ever contends (an `OrderedMutex`, so that ThreadSanitizer sees the hand-over).
final class EventBatch: @unchecked Sendable {
    static let capacity = 32

    /// Where `epoll_wait` writes. Only the owner writes it, and only while `cursor` says the
    /// batch is used up, so the monitor never reads an entry being written.
    private let events: UnsafeMutablePointer<epoll_event>
    private struct Cursor {
        var next = 0
        var count = 0
    }
    private let cursor = OrderedMutex(Cursor())

    init() { events = .allocate(capacity: EventBatch.capacity) }

    deinit { events.deallocate() }

    /// The next event of the batch, or nil when it is used up (or was handed off).
    func take() -> ReadyEvent? {
        cursor.withLock { cursor in
            guard cursor.next < cursor.count else { return nil }
            defer { cursor.next += 1 }
            return event(at: cursor.next)
        }
    }

    /// Waits for a new batch (the last one must be used up) and returns its first event; nil
    /// when the wait was interrupted.
    func refill(from epoll: Epoll) -> ReadyEvent? {
        let count = epoll.wait(into: events, capacity: Int32(EventBatch.capacity), timeoutMilliseconds: -1)
        guard count > 0 else { return nil }
        return cursor.withLock { cursor in
            cursor = Cursor(next: 1, count: count)
            return event(at: 0)
        }
    }

    /// Removes and returns the events not served yet: for the monitor, when the owner is stuck.
    func takeRest() -> [ReadyEvent] {
        cursor.withLock { cursor in
            defer { cursor.next = cursor.count }
            return (cursor.next..<cursor.count).map(event(at:))
        }
    }

    private func event(at index: Int) -> ReadyEvent {
        ReadyEvent(key: events[index].data.u64, peerEnded: events[index].events & Epoll.peerEnded != 0)
    }
}

/// Events taken from a worker stuck in a handler, for the other pollers of its group, and the
/// eventfd that wakes one of them when events arrive here.
final class HandOffQueue: Sendable {
    /// The events, taken from `head` on; emptied once all are taken, so taking one moves nothing.
    private struct Pending {
        var events: [ReadyEvent] = []
        var head = 0
        var waiting: Int { events.count - head }
    }
    private let queue = OrderedMutex(Pending())
    /// How many events wait, so that the check every poller makes before it waits is one load.
    private let waiting = Atomic<Int>(0)
    /// Registered edge-triggered with `Server.handOffKey`: a signal wakes one waiter, not all.
    let wake: WakeEvent

    init() throws(SystemError) { wake = try WakeEvent() }

    /// Queues `events` and wakes a poller of the group.
    func put(_ events: [ReadyEvent]) {
        guard !events.isEmpty else { return }
        queue.withLock { queue in
            queue.events.append(contentsOf: events)
            waiting.store(queue.waiting, ordering: .releasing)
        }
        wake.signal()
    }

    /// The oldest event waiting, or nil.
    func take() -> ReadyEvent? {
        guard waiting.load(ordering: .acquiring) > 0 else { return nil }
        return queue.withLock { queue in
            guard queue.waiting > 0 else { return nil }
            let event = queue.events[queue.head]
            queue.head += 1
            if queue.waiting == 0 { queue = Pending() }
            waiting.store(queue.waiting, ordering: .releasing)
            return event
        }
    }
}
