/// A log shard's bytes: memory that lines are written into with plain stores (through a
/// ``LogLineWriter``), grown only when a line's bound does not fit. Noncopyable, so the memory
/// has one owner and is freed once; `@unchecked Sendable` because of that: it moves between a
/// shard and the writer thread (under their locks), it is never shared.
struct LogBuffer: ~Copyable, @unchecked Sendable {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Bytes written so far.
    private(set) var count = 0

    init(capacity: Int = 4096) {
        self.capacity = max(64, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Writes one line of at most `maxLength` bytes with `body`.
    mutating func appendLine(maxLength: Int, _ body: (inout LogLineWriter) -> Void) {
        if capacity - count < maxLength { grow(toFit: count + maxLength) }
        var writer = LogLineWriter(start: base + count, capacity: maxLength)
        body(&writer)
        count = writer.position - base
    }

    /// The bytes written, for `body` to read.
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// Forgets the bytes; memory grown past `maxCapacity` (by a very long line) is given back.
    mutating func removeAll(maxCapacity: Int) {
        count = 0
        if capacity > maxCapacity {
            base.deallocate()
            capacity = 4096
            base = .allocate(capacity: capacity)
        }
    }

    private mutating func grow(toFit needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.initialize(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }
}
