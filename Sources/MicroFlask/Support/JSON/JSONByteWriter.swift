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
        case .array(let box):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in box.elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let box):
            writeObject(box.members)
        default:
            JSONText.appendScalar(node, to: &bytes)
        }
    }

    private mutating func writeObject(_ members: [JSONMember]) {
        bytes.append(UInt8(ascii: "{"))
        var first = true
        func member(_ each: JSONMember) {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            JSONText.appendString(each.key, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            write(each.value)
        }
        let keys = members.lazy.map { $0.key }
        if JSONMemberOrder.isWritten(keys, sortsKeys: sortsKeys) {
            for each in members { member(each) }
        } else {
            JSONMemberOrder.forEach(keys, sortsKeys: sortsKeys) { member(members[$0]) }
        }
        bytes.append(UInt8(ascii: "}"))
    }
}
