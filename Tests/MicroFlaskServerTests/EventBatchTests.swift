import Testing

@testable import MicroFlask

/// A worker's batch of ready events, and the queue the monitor hands the rest of it to.
@Suite("Event batches")
struct EventBatchTests {
    /// An epoll with `count` signalled eventfds, keyed 1...count, edge-triggered like connections.
    private func readyEpoll(_ count: Int) throws -> (Epoll, [WakeEvent]) {
        let epoll = try Epoll()
        let events = try (0..<count).map { _ in try WakeEvent() }
        for (index, event) in events.enumerated() {
            try epoll.add(event.fd, events: Epoll.readableLevel | Epoll.edgeTriggered, key: UInt64(index + 1))
            event.signal()
        }
        return (epoll, events)
    }

    @Test func oneWaitGivesEveryReadyEventOnceAndTheRestCanBeTakenAway() throws {
        let (epoll, events) = try readyEpoll(4)
        let batch = EventBatch()
        #expect(batch.take() == nil)
        var keys = [try #require(batch.refill(from: epoll)).key]
        keys.append(try #require(batch.take()).key)
        let rest = batch.takeRest()
        #expect(rest.count == 2)
        #expect(Set(keys + rest.map(\.key)) == [1, 2, 3, 4])
        // What was taken away is gone from the batch: the owner finds it used up.
        #expect(batch.take() == nil)
        #expect(batch.takeRest().isEmpty)
        withExtendedLifetime(events) {}
    }

    @Test func theHandOffQueueGivesEventsInOrderAndWakesAPoller() throws {
        let queue = try HandOffQueue()
        let epoll = try Epoll()
        try epoll.add(queue.wake.fd, events: Epoll.readableLevel | Epoll.edgeTriggered, key: Server.handOffKey)
        #expect(queue.take() == nil)
        queue.put([ReadyEvent(key: 7, peerEnded: false), ReadyEvent(key: 8, peerEnded: true)])
        let batch = EventBatch()
        #expect(batch.refill(from: epoll)?.key == Server.handOffKey)
        #expect(queue.take() == ReadyEvent(key: 7, peerEnded: false))
        queue.put([ReadyEvent(key: 9, peerEnded: false)])
        #expect(queue.take() == ReadyEvent(key: 8, peerEnded: true))
        #expect(queue.take() == ReadyEvent(key: 9, peerEnded: false))
        #expect(queue.take() == nil)
        // Emptied, it starts over.
        queue.put([ReadyEvent(key: 10, peerEnded: false)])
        #expect(queue.take() == ReadyEvent(key: 10, peerEnded: false))
        #expect(queue.take() == nil)
    }
}
