import Foundation
import Glibc
import Testing

@testable import MicroFlask

/// Contended critical sections of `OrderedMutex` and of the log sink built on it. Under
/// `swift test --sanitize=thread` (the CI step) these failed with "Swift access race" reports
/// while the sink's shards used `Synchronization.Mutex`, whose contended hand-over ThreadSanitizer
/// does not see; in every build they check that no update and no line is lost.
struct OrderedMutexTests {
    @Test("contended updates from several threads are all kept")
    func contendedUpdates() {
        let shared = OrderedMutexBox()
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            for index in 0..<5_000 {
                shared.state.withLock { state in
                    state.count += 1
                    state.recent.append(thread * 10_000 + index)
                    if state.recent.count > 64 { state.recent.removeAll(keepingCapacity: true) }
                }
            }
        }
        #expect(shared.state.withLock { $0.count } == 20_000)
    }

    @Test("lines appended from several threads while the writer drains all arrive, each whole")
    func logSinkUnderContention() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        // One shard, so every appending thread contends with the others and with the writer.
        let sink = LogSink(descriptor: fds[1], ownsDescriptor: true, shards: 1, interval: 0.0005)
        // Read while writing, so the pipe never fills and no line is dropped.
        let reader = DispatchGroup()
        let collected = OrderedMutexBox()
        let readEnd = fds[0]
        DispatchQueue.global().async(group: reader) {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = read(readEnd, &buffer, buffer.count)
                if count <= 0 { break }
                collected.state.withLock { $0.bytes += buffer[0..<count] }
            }
        }
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            for index in 0..<2_000 { sink.append(line: "t\(thread) \(index)") }
        }
        sink.close()
        reader.wait()
        let lines = String(decoding: collected.state.withLock { $0.bytes }, as: UTF8.self).split(separator: "\n").map(
            String.init)
        #expect(sink.dropped == 0)
        #expect(lines.count == 8_000)
        #expect(Set(lines) == Set((0..<4).flatMap { thread in (0..<2_000).map { "t\(thread) \($0)" } }))
    }
}

/// A counter, a short history and collected bytes under one `OrderedMutex`.
final class OrderedMutexBox: Sendable {
    struct State {
        var count = 0
        var recent: [Int] = []
        var bytes: [UInt8] = []
    }

    let state = OrderedMutex(State())
}
