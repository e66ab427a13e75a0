import Foundation
import Glibc
import Synchronization

/// Lines written off the request path: request threads append to one of a few in-memory
/// shards (picked by thread, so two threads rarely share a lock), and one background thread
/// swaps each shard's bytes out and writes them with `write(2)` every `interval`.
///
/// A request thread never waits for the log's descriptor: when the sink is slow (a full pipe,
/// a stalled disk) a shard stops growing at `shardLimit` bytes and further lines are dropped
/// and counted; the writer reports the count in the log once it catches up. The cost of that
/// choice is that the last `interval` of lines is lost if the process is killed.
///
/// `Sendable` with every mutable part behind an `OrderedMutex`, an `Atomic` or `drainLock`.
final class LogSink: Sendable {
    /// One shard's bytes, plus a one-entry cache the line formatter may keep (the timestamp of
    /// the current second, formatted once per shard rather than once per line).
    struct Shard {
        var bytes: [UInt8] = []
        var cachedSecond = -1
        var cachedStamp: [UInt8] = []
    }

    /// Where the lines go.
    let descriptor: Int32
    private let ownsDescriptor: Bool
    /// A shard's bytes past which lines are dropped until the writer has drained it.
    let shardLimit: Int
    private let interval: Double
    private let shards: [LockedShard]
    private let droppedLines = Atomic<Int>(0)
    private let reportedDrops = Atomic<Int>(0)
    private let running = Atomic<Bool>(true)
    /// Held while bytes are written, so a `flush()` and the writer thread never interleave.
    private let drainLock = NSLock()

    private final class LockedShard: Sendable {
        let state = OrderedMutex(Shard())
    }

    /// A sink writing to `descriptor` (standard error by default). `ownsDescriptor` closes it at `close()`.
    init(
        descriptor: Int32 = 2, ownsDescriptor: Bool = false, shards: Int = 16, shardLimit: Int = 256 << 10,
        interval: Double = 0.01
    ) {
        self.descriptor = descriptor
        self.ownsDescriptor = ownsDescriptor
        self.shardLimit = shardLimit
        self.interval = interval
        self.shards = (0..<max(1, shards)).map { _ in LockedShard() }
        let thread = Thread { [self] in writerLoop() }
        thread.name = "microflask-log"
        thread.start()
    }

    /// A sink appending to the file at `path` (created with mode 0644 if missing).
    static func appending(to path: String) throws(SystemError) -> LogSink {
        let descriptor = try Syscall.retrying("open") {
            Int(open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644))
        }
        return LogSink(descriptor: Int32(descriptor), ownsDescriptor: true)
    }

    /// Lines dropped so far because a shard was full.
    var dropped: Int { droppedLines.load(ordering: .relaxed) }

    /// Appends one line: `body` writes its bytes, newline included, to the shard's `bytes`.
    /// Drops the line (and counts it) when the shard is full.
    @inline(__always)
    func append(_ body: (inout Shard) -> Void) {
        let shard = shards[LogSink.shardIndex(count: shards.count)]
        let kept = shard.state.withLock { state -> Bool in
            guard state.bytes.count < shardLimit else { return false }
            body(&state)
            return true
        }
        if !kept { droppedLines.add(1, ordering: .relaxed) }
    }

    /// Appends a ready-made line (a newline is added).
    func append(line: String) {
        append { shard in
            shard.bytes.append(contentsOf: line.utf8)
            shard.bytes.append(0x0A)
        }
    }

    /// The calling thread's shard: its `pthread_t` (an address) hashed, so that the serving
    /// threads spread over the shards without a thread-local variable.
    @inline(__always)
    private static func shardIndex(count: Int) -> Int {
        let mixed = UInt64(UInt(pthread_self())) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 40) % count
    }

    /// Writes out everything appended so far (tests and shutdown use it).
    func flush() {
        drainLock.withLock { drainLocked() }
    }

    /// Stops the writer thread after a last flush; closes the descriptor if the sink owns it.
    func close() {
        guard running.exchange(false, ordering: .relaxed) else { return }
        flush()
        if ownsDescriptor { _ = Glibc.close(descriptor) }
    }

    private func writerLoop() {
        while running.load(ordering: .relaxed) {
            Thread.sleep(forTimeInterval: interval)
            drainLock.withLock {
                guard running.load(ordering: .relaxed) else { return }
                drainLocked()
            }
        }
    }

    /// Swaps each shard's bytes for an empty buffer (the lock is held only for the swap) and
    /// writes them; then reports lines dropped since the last report.
    private func drainLocked() {
        var spare: [UInt8] = []
        for shard in shards {
            shard.state.withLock { swap(&$0.bytes, &spare) }
            if !spare.isEmpty {
                writeAll(spare)
                spare.removeAll(keepingCapacity: spare.capacity <= shardLimit * 2)
            }
        }
        let dropped = droppedLines.load(ordering: .relaxed)
        let reported = reportedDrops.load(ordering: .relaxed)
        if dropped > reported {
            reportedDrops.store(dropped, ordering: .relaxed)
            writeAll(
                Array("warning: \(dropped - reported) log line(s) dropped: the log was not written fast enough\n".utf8))
        }
    }

    private func writeAll(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            // A failing log (a closed pipe) must not stop the server; its lines are lost.
            try? FileCalls.writeAll(descriptor, raw)
        }
    }
}
