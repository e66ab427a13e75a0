import Synchronization

/// A `Mutex` whose ordering ThreadSanitizer can follow.
///
/// On Linux, `Synchronization.Mutex` hands a contended lock from one thread to the next inside
/// the kernel (a priority-inheritance futex), with no atomic in user space that ThreadSanitizer
/// sees, so it reported every contended critical section as a data race (docs/RELIABILITY.md,
/// "Sanitizers"). Each critical section here starts with an acquiring load and ends with a
/// releasing store of `handoff`: they state the ordering the mutex already gives, in atomics
/// ThreadSanitizer follows. On x86 both are plain moves.
struct OrderedMutex<Value: ~Copyable & Sendable>: ~Copyable, Sendable {
    private let mutex: Mutex<Value>
    private let handoff = Atomic<Int>(0)

    init(_ value: consuming sending Value) {
        mutex = Mutex(value)
    }

    /// Runs `body` with the value, holding the lock.
    borrowing func withLock<Result: Sendable, Failure: Error>(
        _ body: (inout Value) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try mutex.withLock { (value: inout sending Value) throws(Failure) -> sending Result in
            _ = handoff.load(ordering: .acquiring)
            defer { handoff.store(0, ordering: .releasing) }
            return try body(&value)
        }
    }
}
