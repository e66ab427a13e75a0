import Synchronization

/// The memory that request bodies may hold at once, across every connection of the process.
///
/// A body buffer reserves its capacity here before it grows; when a reservation would pass the
/// limit, the body moves to a temporary file instead of failing. Reservations are released when the
/// body is dropped (at the end of its request, or when its connection closes mid-body).
///
/// ```swift
/// let budget = BodyMemoryBudget(limit: 64 * 1024 * 1024)
/// let accumulator = BodyAccumulator(budget: budget)
/// ```
public final class BodyMemoryBudget: Sendable {
    /// The default limit: 64 MiB for all bodies together.
    public static let defaultLimit = 64 * 1024 * 1024

    /// The greatest number of bytes that bodies may hold in memory together.
    public let limit: Int

    private let used = Atomic<Int>(0)
    /// Bytes released since the heap was last trimmed.
    private let releasedSinceTrim = Atomic<Int>(0)

    /// Once released bytes pass this, and no body holds memory, the heap is trimmed.
    static let trimAfter = 8 * 1024 * 1024

    /// Creates a budget of `limit` bytes (negative counts as 0: every body then goes to disk).
    ///
    /// The first budget also sets glibc's mmap threshold (see `Allocator.setMmapThreshold(_:)`, internal),
    /// so that freed large buffers go back to the system.
    public init(limit: Int = BodyMemoryBudget.defaultLimit) {
        self.limit = max(0, limit)
        _ = Self.allocatorTuned
    }

    /// Done once per process: buffers of 1 MiB and more get their own mapping.
    private static let allocatorTuned: Void = Allocator.setMmapThreshold(1024 * 1024)

    /// The bytes reserved now.
    public var inUse: Int { used.load(ordering: .relaxed) }

    /// Reserves `bytes` if the total stays within the limit; returns whether it did.
    func tryReserve(_ bytes: Int) -> Bool {
        guard bytes > 0 else { return true }
        var current = used.load(ordering: .relaxed)
        while true {
            guard current <= limit - bytes else { return false }
            let (exchanged, original) = used.compareExchange(
                expected: current, desired: current + bytes, ordering: .relaxed)
            if exchanged { return true }
            current = original
        }
    }

    /// Gives back `bytes` reserved earlier; trims the heap after large releases once bodies hold nothing.
    func release(_ bytes: Int) {
        guard bytes > 0 else { return }
        let remaining = used.subtract(bytes, ordering: .relaxed).newValue
        let released = releasedSinceTrim.add(bytes, ordering: .relaxed).newValue
        if remaining == 0, released >= Self.trimAfter {
            releasedSinceTrim.store(0, ordering: .relaxed)
            Allocator.trimHeap()
        }
    }
}
