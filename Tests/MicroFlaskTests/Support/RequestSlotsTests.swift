import Foundation
import Testing

@testable import MicroFlask

/// The request slots: what a thread writes is what the supervisor reads, and the write is cheap.
@Suite(.serialized)
struct RequestSlotsTests {
    @Test func aSharedSlotHoldsTheLineWhileServedAndNothingAfter() throws {
        let slots = try RequestSlots.shared()
        defer { slots.release() }
        let worker = try RequestSlots.attach(descriptor: dup(slots.descriptor!))
        RequestSlots.begin(method: "GET", target: "/boom?x=1", version: "HTTP/1.1")
        #expect(slots.lines == ["GET /boom?x=1 HTTP/1.1"])
        RequestSlots.end()
        #expect(slots.lines.isEmpty)
        // A line longer than a slot is cut, not spilled into the next slot.
        RequestSlots.begin(method: "GET", target: "/" + String(repeating: "a", count: 1000), version: "HTTP/1.1")
        #expect(slots.lines.first?.count == RequestSlots.slotSize - 4)
        RequestSlots.end()
        withExtendedLifetime(worker) {}
    }

    @Test func writingTheLineCostsLittle() throws {
        let slots = RequestSlots.local()
        let target = "/plaintext?page=1"
        let rounds = 200_000
        let started = Clock.nanoseconds()
        for _ in 0..<rounds {
            RequestSlots.begin(method: "GET", target: target, version: "HTTP/1.1")
            RequestSlots.end()
        }
        let perRequest = Double(Clock.nanoseconds() - started) / Double(rounds)
        print("request slot write: \(String(format: "%.0f", perRequest)) ns per request (begin + end)")
        // A debug build on a loaded machine; a request costs tens of microseconds.
        #expect(perRequest < 5_000)
        withExtendedLifetime(slots) {}
    }
}
