/// A cursor over the memory a ``LogBuffer`` reserved for one line. Writes are plain stores,
/// checked only against the reserved end, so a formatter whose length bound was wrong traps
/// rather than writing past it.
struct LogLineWriter {
    private(set) var position: UnsafeMutablePointer<UInt8>
    private let end: UnsafeMutablePointer<UInt8>

    init(start: UnsafeMutablePointer<UInt8>, capacity: Int) {
        position = start
        end = start + capacity
    }

    @inline(__always)
    private mutating func reserve(_ count: Int) -> UnsafeMutablePointer<UInt8> {
        precondition(end - position >= count, "a log line is longer than the bound its formatter gave")
        let start = position
        position += count
        return start
    }

    /// One byte.
    @inline(__always)
    mutating func write(_ byte: UInt8) {
        reserve(1).initialize(to: byte)
    }

    /// A literal's UTF-8 bytes.
    @inline(__always)
    mutating func write(_ text: StaticString) {
        let count = text.utf8CodeUnitCount
        reserve(count).initialize(from: text.utf8Start, count: count)
    }

    /// Bytes copied in one go.
    @inline(__always)
    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        reserve(bytes.count).initialize(from: base, count: bytes.count)
    }

    /// An array's bytes.
    @inline(__always)
    mutating func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write($0) }
    }

    /// A non-negative decimal number.
    mutating func writeDecimal(_ value: Int) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for any Int
        withUnsafeMutableBytes(of: &digits) { raw in
            var index = raw.count
            var remaining = UInt(max(0, value))
            repeat {
                index -= 1
                raw[index] = UInt8(truncatingIfNeeded: 48 + remaining % 10)
                remaining /= 10
            } while remaining > 0
            write(UnsafeRawBufferPointer(rebasing: raw[index...]).bindMemory(to: UInt8.self))
        }
    }
}
