/// Writes a `JSONNode` tree as JSON text in UTF-8, the way Foundation's `JSONEncoder` does.
struct JSONByteWriter {
    let sortsKeys: Bool
    private(set) var bytes: [UInt8] = []

    init(sortsKeys: Bool) {
        self.sortsKeys = sortsKeys
        bytes.reserveCapacity(64)
    }

    mutating func write(_ node: JSONNode) {
        switch node {
        case .null: append("null")
        case .bool(let value): append(value ? "true" : "false")
        case .int(let value): writeInteger(value)
        case .uint(let value): writeInteger(value)
        case .double(let value): writeNumber(value.description)
        case .float(let value): writeNumber(value.description)
        case .number(let text): bytes.append(contentsOf: text.utf8)
        case .string(let text): writeString(text)
        case .empty: append("{}")
        case .array(let box):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in box.elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let box):
            writeObject(box.members)
        }
    }

    private mutating func writeObject(_ members: [JSONMember]) {
        bytes.append(UInt8(ascii: "{"))
        var first = true
        func member(_ key: String, _ value: JSONNode) {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            writeString(key)
            bytes.append(UInt8(ascii: ":"))
            write(value)
        }
        if members.count <= 1 || (sortsKeys && JSONByteWriter.isStrictlySorted(members)) {
            for each in members { member(each.key, each.value) }
        } else if sortsKeys || JSONByteWriter.hasRepeatedKey(members) {
            // A stable order, so a key encoded twice keeps the later value (the last of its run).
            let firstIndex: [String: Int] =
                sortsKeys ? [:] : Dictionary(members.indices.map { (members[$0].key, $0) }) { first, _ in first }
            func precedes(_ a: Int, _ b: Int) -> Bool {
                if sortsKeys {
                    let (x, y) = (members[a].key, members[b].key)
                    return x < y || (x == y && a < b)
                }
                let (x, y) = (firstIndex[members[a].key]!, firstIndex[members[b].key]!)
                return x < y || (x == y && a < b)
            }
            withUnsafeTemporaryAllocation(of: Int.self, capacity: members.count) { buffer in
                var order = buffer
                for index in members.indices { order[index] = index }
                if members.count <= 16 {
                    // Insertion sort: no allocation, and few comparisons for the small objects most are.
                    for next in 1..<members.count {
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
                for position in 0..<members.count {
                    let index = order[position]
                    if position + 1 < members.count, members[order[position + 1]].key == members[index].key { continue }
                    member(members[index].key, members[index].value)
                }
            }
        } else {
            for each in members { member(each.key, each.value) }
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// Whether the keys are in order already, none repeated (often so for small objects).
    private static func isStrictlySorted(_ members: [JSONMember]) -> Bool {
        for index in 1..<members.count where !(members[index - 1].key < members[index].key) { return false }
        return true
    }

    /// Whether a key appears twice (only then does the unsorted order need a pass).
    private static func hasRepeatedKey(_ members: [JSONMember]) -> Bool {
        if members.count <= 8 {
            for i in members.indices {
                for j in members.indices where j > i && members[i].key == members[j].key { return true }
            }
            return false
        }
        var seen = Set<String>(minimumCapacity: members.count)
        return !members.allSatisfy { seen.insert($0.key).inserted }
    }

    private mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A finite double or float as Swift prints it (shortest round-trip), without a trailing `.0`.
    private mutating func writeNumber(_ text: String) {
        var utf8 = Substring(text).utf8
        if utf8.count > 2, utf8.last == UInt8(ascii: "0"), utf8.dropLast().last == UInt8(ascii: ".") {
            utf8 = utf8.dropLast(2)
        }
        bytes.append(contentsOf: utf8)
    }

    private mutating func writeInteger<T: BinaryInteger>(_ value: T) {
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

    /// A string in quotes, escaped as `writeEscaped` says.
    private mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        let plain = text.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            // Most strings need no escape: one look at each byte, then one copy.
            for index in 0..<utf8.count where JSONByteWriter.needsEscape(utf8[index]) { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if plain != true {
            var text = text
            text.withUTF8 { writeEscaped($0) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x2F
    }

    /// The string's bytes with `"`, `\` and `/` escaped, control characters as their short
    /// escape or `\u00XX` (lower-case hex), everything else as is.
    private mutating func writeEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for index in 0..<utf8.count where JSONByteWriter.needsEscape(utf8[index]) {
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
                append("u00")
                bytes.append(JSONByteWriter.hexDigits[Int(byte >> 4)])
                bytes.append(JSONByteWriter.hexDigits[Int(byte & 0xF)])
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
