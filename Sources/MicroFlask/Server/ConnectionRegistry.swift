import Foundation

/// Every open connection, so the sweeper can time them out and shutdown can close idle ones.
///
/// Taken only at accept and close, never per request. The rule that makes it race-free: the
/// owner removes a connection here *before* closing its descriptor, and others act on a
/// descriptor only while holding the lock, so they never touch a reused descriptor number.
///
/// `@unchecked Sendable` by its lock: `slots`, `free` and `count` are used only under `lock`.
final class ConnectionRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Connection?] = []
    private var free: [Int] = []
    private var count = 0

    func add(_ connection: Connection) {
        lock.withLock {
            if let slot = free.popLast() {
                slots[slot] = connection
                connection.slot = slot
            } else {
                connection.slot = slots.count
                slots.append(connection)
            }
            count += 1
        }
    }

    func remove(_ connection: Connection) {
        lock.withLock {
            guard connection.slot >= 0, connection.slot < slots.count, slots[connection.slot] === connection else {
                return
            }
            slots[connection.slot] = nil
            free.append(connection.slot)
            connection.slot = -1
            count -= 1
        }
    }

    var openCount: Int { lock.withLock { count } }

    /// Shuts down connections past their deadline (and, when `idleToo`, every idle one).
    /// Returns how many were shut down.
    @discardableResult
    func sweep(now: Int, idleToo: Bool = false, all: Bool = false) -> Int {
        lock.withLock {
            var swept = 0
            for case let connection? in slots {
                let expired = connection.deadline.load(ordering: .relaxed) <= now
                if all || expired || (idleToo && connection.isIdle.load(ordering: .relaxed)) {
                    // Pushed to the deadline's far side so it is not shut down twice.
                    // An exchange, not a store: it keeps the worker's release (`rearm`) visible
                    // to the acquiring exchange in `serve`.
                    _ = connection.deadline.exchange(Int.max - 1, ordering: .relaxed)
                    connection.socket.shutdown()
                    swept += 1
                }
            }
            return swept
        }
    }
}
