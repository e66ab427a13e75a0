/// Bytes reserved in a ``BodyMemoryBudget``, released when the reservation is dropped.
///
/// A class so that the release happens exactly once, in `deinit`, whichever path the body takes
/// (answered, refused, or its connection closed mid-way).
final class BudgetReservation: @unchecked Sendable {
    // @unchecked: `bytes` changes only while the accumulator that owns the reservation fills its
    // body (one owner); once a RequestBody holds it, nothing mutates it.
    let budget: BodyMemoryBudget
    private(set) var bytes = 0

    init(budget: BodyMemoryBudget) {
        self.budget = budget
    }

    deinit {
        budget.release(bytes)
    }

    /// Reserves `more` bytes; false (and nothing reserved) when the budget is full.
    func grow(by more: Int) -> Bool {
        guard budget.tryReserve(more) else { return false }
        bytes += more
        return true
    }

    /// Gives back `fewer` of the bytes reserved (memory that moved to disk).
    func shrink(by fewer: Int) {
        let released = min(max(0, fewer), bytes)
        budget.release(released)
        bytes -= released
    }

    /// Releases everything reserved so far.
    func releaseAll() {
        budget.release(bytes)
        bytes = 0
    }
}
