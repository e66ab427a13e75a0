import Synchronization
import Testing

@testable import MicroFlask

/// The claim that decides which poller serves an edge-triggered connection.
@Suite("Poll slot claims")
struct PollSlotTests {
    @Test func aClosedSlotCannotBeClaimed() {
        let slot = PollSlot(index: 0)
        #expect(!slot.claim())
        #expect(slot.state.load(ordering: .relaxed) == PollSlot.closed)
    }

    /// A slot with a connection waiting in the epoll.
    private func waitingSlot() -> PollSlot {
        let slot = PollSlot(index: 0)
        slot.state.store(PollSlot.waiting, ordering: .relaxed)
        return slot
    }

    @Test func theFirstClaimServesAndASecondOnlyNotifies() {
        let slot = waitingSlot()
        #expect(slot.claim())
        #expect(!slot.claim())
        #expect(slot.state.load(ordering: .relaxed) == PollSlot.ownedAndNotified)
        // Further events while notified change nothing: one more pass covers them all.
        #expect(!slot.claim())
        #expect(slot.state.load(ordering: .relaxed) == PollSlot.ownedAndNotified)
    }

    @Test func releaseAfterANotificationKeepsTheSlotForOneMorePass() {
        let slot = waitingSlot()
        #expect(slot.claim())
        #expect(!slot.claim())
        #expect(!slot.release())
        #expect(slot.state.load(ordering: .relaxed) == PollSlot.owned)
        #expect(slot.release())
        #expect(slot.state.load(ordering: .relaxed) == PollSlot.waiting)
        #expect(slot.claim())
    }

    /// Many threads claiming one slot at once: exactly one owns it at any time, and every claim
    /// that lost while it was owned is answered by one more pass of the owner.
    @Test func concurrentClaimsHaveOneOwner() async {
        let slot = waitingSlot()
        let counts = Counts()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    for _ in 0..<5_000 {
                        guard slot.claim() else { continue }
                        repeat {
                            if counts.owners.add(1, ordering: .relaxed).newValue != 1 {
                                counts.overlaps.add(1, ordering: .relaxed)
                            }
                            counts.passes.add(1, ordering: .relaxed)
                            counts.owners.subtract(1, ordering: .relaxed)
                        } while !slot.release()
                    }
                }
            }
        }
        #expect(counts.overlaps.load(ordering: .relaxed) == 0)
        #expect(counts.passes.load(ordering: .relaxed) > 0)
        #expect(slot.state.load(ordering: .relaxed) == PollSlot.waiting)
    }

    private final class Counts: Sendable {
        let owners = Atomic<Int>(0)
        let overlaps = Atomic<Int>(0)
        let passes = Atomic<Int>(0)
    }
}
