/// JSON text for single values, appended to a byte buffer the way Foundation's `JSONEncoder`
/// writes it; shared by the tree writer and the stream encoder.
enum JSONText {
    @inline(__always)
    static func append(_ text: StaticString, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A node that holds no other: a literal, a number or a string. Containers are the
    /// writers' own business; an empty value is `{}`.
    static func appendScalar(_ node: JSONNode, to bytes: inout [UInt8]) {
        switch node {
        case .null: append("null", to: &bytes)
        case .bool(let value): value ? append("true", to: &bytes) : append("false", to: &bytes)
        case .int(let value): appendInteger(value, to: &bytes)
        case .uint(let value): appendInteger(value, to: &bytes)
        case .double(let value): appendNumber(value.description, to: &bytes)
        case .float(let value): appendNumber(value.description, to: &bytes)
        case .number(let text): bytes.append(contentsOf: text.utf8)
        case .string(let text): appendString(text, to: &bytes)
        case .empty, .array, .object: append("{}", to: &bytes)
        }
    }

    /// A finite double or float as Swift prints it (shortest round-trip), without a trailing `.0`.
    static func appendNumber(_ text: String, to bytes: inout [UInt8]) {
        var utf8 = Substring(text).utf8
        if utf8.count > 2, utf8.last == UInt8(ascii: "0"), utf8.dropLast().last == UInt8(ascii: ".") {
            utf8 = utf8.dropLast(2)
        }
        bytes.append(contentsOf: utf8)
    }

    static func appendInteger<T: BinaryInteger>(_ value: T, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            repeat {
                raw[23 - count] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            bytes.append(contentsOf: raw[(24 - count)...])
        }
    }

    /// A string in quotes, escaped as `appendEscaped` says.
    static func appendString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        let plain = text.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            // Most strings need no escape: one look at each byte, then one copy.
            for index in 0..<utf8.count where needsEscape(utf8[index]) { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if plain != true {
            var text = text
            text.withUTF8 { appendEscaped($0, to: &bytes) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x2F
    }

    /// The string's bytes with `"`, `\` and `/` escaped, control characters as their short
    /// escape or `\u00XX` (lower-case hex), everything else as is.
    private static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        var runStart = 0
        for index in 0..<utf8.count where needsEscape(utf8[index]) {
            let byte = utf8[index]
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            runStart = index + 1
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case 0x22, 0x5C, 0x2F: bytes.append(byte)
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            default:
                append("u00", to: &bytes)
                bytes.append(hexDigits[Int(byte >> 4)])
                bytes.append(hexDigits[Int(byte & 0xF)])
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}

/// The order an object's members are written in: by key when keys are sorted, else the order
/// each key was first encoded in; a key encoded twice keeps its last value, as Foundation's
/// encoder does.
enum JSONMemberOrder {
    /// Whether the members can be written as they are: keys strictly in order when sorting (as
    /// a struct's often are), no key repeated when not. The common case, and it allocates nothing.
    static func isWritten<Keys: RandomAccessCollection<String>>(_ keys: Keys, sortsKeys: Bool) -> Bool
    where Keys.Index == Int {
        guard keys.count > 1 else { return true }
        let first = keys.startIndex
        if sortsKeys {
            for index in (first + 1)..<keys.endIndex where !(keys[index - 1] < keys[index]) { return false }
            return true
        }
        if keys.count <= 8 {
            for i in keys.indices {
                for j in (i + 1)..<keys.endIndex where keys[i] == keys[j] { return false }
            }
            return true
        }
        var seen = Set<String>(minimumCapacity: keys.count)
        return keys.allSatisfy { seen.insert($0).inserted }
    }

    /// Calls `body` with the offset (from the start of `keys`) of each member to write, in the
    /// order to write them, leaving out values a later one with the same key replaced.
    static func forEach<Keys: RandomAccessCollection<String>>(
        _ keys: Keys, sortsKeys: Bool, _ body: (Int) -> Void
    ) where Keys.Index == Int {
        let base = keys.startIndex
        let count = keys.count
        // A stable order, so a key encoded twice keeps the later value (the last of its run).
        let firstIndex: [String: Int] =
            sortsKeys ? [:] : Dictionary((0..<count).map { (keys[base + $0], $0) }) { first, _ in first }
        func precedes(_ a: Int, _ b: Int) -> Bool {
            let (x, y) = (keys[base + a], keys[base + b])
            if sortsKeys { return x < y || (x == y && a < b) }
            let (p, q) = (firstIndex[x]!, firstIndex[y]!)
            return p < q || (p == q && a < b)
        }
        withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { buffer in
            var order = buffer
            for index in 0..<count { order[index] = index }
            if count <= 16 {
                // Insertion sort: no allocation, and few comparisons for the small objects most are.
                for next in 1..<count {
                    let item = order[next]
                    var slot = next
                    while slot > 0 && precedes(item, order[slot - 1]) {
                        order[slot] = order[slot - 1]
                        slot -= 1
                    }
                    order[slot] = item
                }
            } else {
                order.sort(by: precedes)
            }
            for position in 0..<count {
                let index = order[position]
                if position + 1 < count, keys[base + order[position + 1]] == keys[base + index] { continue }
                body(index)
            }
        }
    }
}
