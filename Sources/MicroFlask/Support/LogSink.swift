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
/// `Sendable` with every mutable part behind an `OrderedMutex` or an `Atomic`.
final class LogSink: Sendable {
    /// One shard: its bytes, plus a one-entry cache the line formatter may keep (the timestamp
    /// of the current second, formatted once per shard rather than once per line).
    struct Shard: ~Copyable {
        var buffer = LogBuffer()
        var cache = LineCache()
    }

    /// A formatter's bytes for one key (a second, say), kept from line to line.
    struct LineCache {
        var key = -1
        var bytes: [UInt8] = []

        /// The bytes for `key`, made by `make` when the key changed.
        @inline(__always)
        mutating func bytes(for key: Int, _ make: (Int) -> [UInt8]) -> [UInt8] {
            if self.key != key {
                self.key = key
                bytes = make(key)
            }
            return bytes
        }
    }

    /// Where the lines go.
    let descriptor: Int32
    private let ownsDescriptor: Bool
    /// A shard's bytes past which lines are dropped until the writer has drained it.
    let shardLimit: Int
    private let interval: Double
    private let shards: [LockedShard]
    /// The buffer the writer swaps with a shard's; its lock is held while bytes are written,
    /// so a `flush()` and the writer thread never interleave.
    private let spare = OrderedMutex(LogBuffer())
    private let droppedLines = Atomic<Int>(0)
    private let reportedDrops = Atomic<Int>(0)
    private let running = Atomic<Bool>(true)

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

    /// Appends one line of at most `maxLength` bytes, newline included, written by `body`
    /// (which may keep bytes in the shard's cache). Drops the line, and counts it, when the
    /// shard is full.
    @inline(__always)
    func append(maxLength: Int, _ body: (inout LogLineWriter, inout LineCache) -> Void) {
        let shard = shards[LogSink.shardIndex(count: shards.count)]
        let kept = shard.state.withLock { state -> Bool in
            guard state.buffer.count < shardLimit else { return false }
            state.buffer.appendLine(maxLength: maxLength) { body(&$0, &state.cache) }
            return true
        }
        if !kept { droppedLines.add(1, ordering: .relaxed) }
    }

    /// Appends a ready-made line (a newline is added).
    func append(line: String) {
        var line = line
        line.withUTF8 { bytes in
            append(maxLength: bytes.count + 1) { writer, _ in
                writer.write(bytes)
                writer.write(0x0A)
            }
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
        spare.withLock { drainLocked(&$0) }
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
            spare.withLock { spare in
                guard running.load(ordering: .relaxed) else { return }
                drainLocked(&spare)
            }
        }
    }

    /// Swaps each shard's bytes for the empty `spare` (the shard's lock is held only for the
    /// swap) and writes them; then reports lines dropped since the last report.
    private func drainLocked(_ spare: inout LogBuffer) {
        for shard in shards {
            shard.state.withLock { swap(&$0.buffer, &spare) }
            if spare.count > 0 {
                spare.withBytes { writeAll($0) }
                spare.removeAll(maxCapacity: shardLimit * 2)
            }
        }
        let dropped = droppedLines.load(ordering: .relaxed)
        let reported = reportedDrops.load(ordering: .relaxed)
        if dropped > reported {
            reportedDrops.store(dropped, ordering: .relaxed)
            let warning = Array(
                "warning: \(dropped - reported) log line(s) dropped: the log was not written fast enough\n".utf8)
            warning.withUnsafeBytes { writeAll($0) }
        }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) {
        // A failing log (a closed pipe) must not stop the server; its lines are lost.
        try? FileCalls.writeAll(descriptor, bytes)
    }
}
