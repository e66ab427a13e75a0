import Foundation

/// Every open connection, in the pooled slots its epoll events name, so the sweeper can time
/// them out and shutdown can close idle ones.
///
/// Taken only at accept and close, never per request. The rule that makes it race-free: the
/// owner removes a connection here *before* closing its descriptor, and others act on a
/// descriptor only while holding the lock, so they never touch a reused descriptor number.
/// A slot goes back to the free list only after its descriptor is closed (`recycle`).
///
/// `@unchecked Sendable` by its lock: `slots`, `free`, `count` and the slots' `connection` are
/// written only under `lock`.
final class ConnectionRegistry: @unchecked Sendable {
    private let lock = NSLock()
    /// Never shrinks while the server runs: a late event may still name any slot.
    private var slots: [PollSlot] = []
    private var free: [Int] = []
    private var count = 0

    /// Puts `connection` in a free slot, ready to be claimed; returns the slot to register.
    func add(_ connection: Connection) -> PollSlot {
        lock.withLock {
            let slot: PollSlot
            if let index = free.popLast() {
                slot = slots[index]
            } else {
                slot = PollSlot(index: slots.count)
                slots.append(slot)
            }
            slot.connection = connection
            connection.slot = slot.index
            connection.pollKey = slot.key
            count += 1
            // Releasing: the claimer that acquires the state sees `connection`.
            slot.state.store(PollSlot.waiting, ordering: .releasing)
            return slot
        }
    }

    /// Takes `connection` out (its owner calls this, then closes the descriptor, then `recycle`).
    /// Returns its slot, or nil when it was not here.
    func remove(_ connection: Connection) -> PollSlot? {
        lock.withLock {
            let index = connection.slot
            guard index >= 0, index < slots.count, slots[index].connection === connection else { return nil }
            let slot = slots[index]
            slot.state.store(PollSlot.closed, ordering: .relaxed)
            slot.connection = nil
            connection.slot = -1
            count -= 1
            return slot
        }
    }

    /// Makes a slot whose descriptor is closed available to the next connection.
    func recycle(_ slot: PollSlot) {
        lock.withLock { free.append(slot.index) }
    }

    var openCount: Int { lock.withLock { count } }

    /// Shuts down connections past their deadline (and, when `idleToo`, every idle one).
    /// Returns how many were shut down.
    @discardableResult
    func sweep(now: Int, idleToo: Bool = false, all: Bool = false) -> Int {
        lock.withLock {
            var swept = 0
            for slot in slots {
                guard let connection = slot.connection else { continue }
                let expired = connection.deadline.load(ordering: .relaxed) <= now
                if all || expired || (idleToo && connection.isIdle.load(ordering: .relaxed)) {
                    // Pushed to the deadline's far side so it is not shut down twice; the shutdown
                    // wakes the connection's poller, which reads the end and closes it.
                    connection.deadline.store(Int.max - 1, ordering: .relaxed)
                    connection.socket.shutdown()
                    swept += 1
                }
            }
            return swept
        }
    }
}
