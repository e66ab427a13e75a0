import Glibc

/// The static rules by path: which routes (indices into the table, in registration order) a
/// path with no placeholder names, looked up on its UTF-8 bytes.
///
/// An open-addressing table with a fixed FNV-1a hash, not a `Dictionary`: the standard hash
/// (seeded SipHash through `Hasher`) and a `String` comparison cost about 600 instructions per
/// request, this about a tenth of that. A fixed hash is safe here because the keys are the
/// app's own rules, fixed at start: a client chooses only what it looks up, and every look-up
/// probes at most as far as the longest run of occupied slots that the rules themselves made.
struct StaticRouteIndex {
    private struct Entry {
        let hash: UInt64
        let path: [UInt8]
        let routes: [Int]
    }

    private let entries: [Entry]
    /// Slot to entry index, or -1; the count is a power of two at least twice the entries'.
    private let slots: [Int32]

    init(_ routes: [String: [Int]]) {
        entries = routes.map { path, indices in
            let bytes = Array(path.utf8)
            return Entry(hash: bytes.withUnsafeBufferPointer(StaticRouteIndex.hash), path: bytes, routes: indices)
        }
        var capacity = 8
        while capacity < entries.count * 2 { capacity *= 2 }
        var slots = [Int32](repeating: -1, count: capacity)
        for (index, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & (capacity - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = Int32(index)
        }
        self.slots = slots
    }

    /// The routes of the static rule for `path`, or nil.
    subscript(path: String) -> [Int]? {
        path.utf8.withContiguousStorageIfAvailable(lookUp) ?? Array(path.utf8).withUnsafeBufferPointer(lookUp)
    }

    private func lookUp(_ path: UnsafeBufferPointer<UInt8>) -> [Int]? {
        let hash = StaticRouteIndex.hash(path)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let index = Int(slots[slot])
            if index < 0 { return nil }
            if entries[index].hash == hash, StaticRouteIndex.equal(entries[index].path, path) {
                return entries[index].routes
            }
            slot = (slot + 1) & mask
        }
    }

    private static func equal(_ stored: [UInt8], _ path: UnsafeBufferPointer<UInt8>) -> Bool {
        guard stored.count == path.count else { return false }
        guard let base = path.baseAddress, !path.isEmpty else { return true }
        return stored.withUnsafeBufferPointer { memcmp($0.baseAddress!, base, path.count) == 0 }
    }

    /// 64-bit FNV-1a.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}
