import Glibc

/// The `Encoder` `JSONBytesEncoder` tries first: it writes each value as JSON bytes the moment
/// it is given, with no tree in between.
///
/// An object's members are written in the order they come, then put in key order when the
/// object closes; one whose keys came in order (as a struct's usually do) stays as written.
/// This needs containers used one after another, as synthesized conformances and nearly every
/// hand-written one use them: a container is finished once its parent writes again. A value that
/// writes into a finished container, asks for a super encoder, or asks one value for two kinds of
/// container marks the encoding `unstreamable`; `encode` then returns nil and the value is
/// encoded again through `JSONTreeEncoder`, which takes containers in any order.
///
/// Putting an object in order moves its bytes, nested objects' included, so each level of
/// nesting may move the same bytes again. Values nested deeper than `maxDepth` are therefore
/// declined too, which keeps the work within `maxDepth` times the output (the tree encoder's is
/// linear at any depth).
final class JSONStreamEncoder: Encoder {
    /// The most containers open at once: past it the tree encoder takes the value.
    static let maxDepth = 32

    /// An open container: an object or an array being written.
    struct Frame {
        let id: Int
        let isObject: Bool
        /// Where its members start in `members` (objects).
        let firstMember: Int
        /// Members or elements written so far.
        var count = 0
        /// Whether it put its own key on the coding path (a nested container), to take off when it closes.
        let pushedKey: Bool
    }

    /// A member of an open object: its key, and where its bytes start (at the key's quote).
    struct Member {
        let key: String
        let start: Int
    }

    /// The value being written: the depth of `frames` it began at, and whether it wrote anything.
    struct Slot {
        var depth: Int
        var filled: Bool
    }

    /// Thrown from a container the value may no longer use; never leaves `encode`.
    struct Unstreamable: Error {}

    // The state is `@exclusivity(unchecked)`: an encoder is used by one `encode` call at a time,
    // on its own thread, and the run-time checks on these accesses cost more than the writing.
    @exclusivity(unchecked) private(set) var sortsKeys = true
    @exclusivity(unchecked) private(set) var bytes: [UInt8] = []
    /// The open containers, outermost first.
    @exclusivity(unchecked) private var frames: [Frame] = []
    /// The members of every open object, outermost object's first.
    @exclusivity(unchecked) private var members: [Member] = []
    /// The coding path of the value being written.
    @exclusivity(unchecked) private(set) var keys: [any CodingKey] = []
    @exclusivity(unchecked) private var slot = Slot(depth: 0, filled: false)
    /// Never reset, so a container kept from an earlier value can never pass for a new one.
    @exclusivity(unchecked) private var nextFrameID = 0
    /// Set when a container was used out of order; the bytes are then not used.
    @exclusivity(unchecked) private(set) var unstreamable = false

    var codingPath: [any CodingKey] { keys }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// Whether an `encode` call is using this encoder (one that encodes JSON inside its own
    /// `encode(to:)` gets another).
    @exclusivity(unchecked) private var inUse = false

    private init() {}

    /// Each thread keeps one encoder, so that the encoder and its stacks are not allocated
    /// again for every value; the thread's end releases it.
    private static let threadKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { Unmanaged<JSONStreamEncoder>.fromOpaque($0!).release() }
        return key
    }()

    /// This thread's encoder, emptied, or a new one while that one is in use.
    private static func acquire(sortsKeys: Bool) -> JSONStreamEncoder {
        let encoder: JSONStreamEncoder
        if let kept = pthread_getspecific(threadKey) {
            encoder = Unmanaged<JSONStreamEncoder>.fromOpaque(kept).takeUnretainedValue()
            if encoder.inUse { return JSONStreamEncoder().reset(sortsKeys: sortsKeys) }
        } else {
            encoder = JSONStreamEncoder()
            pthread_setspecific(threadKey, Unmanaged.passRetained(encoder).toOpaque())
        }
        return encoder.reset(sortsKeys: sortsKeys)
    }

    /// Ready for a new value; the stacks keep their capacity unless one value made them large.
    private func reset(sortsKeys: Bool) -> JSONStreamEncoder {
        self.sortsKeys = sortsKeys
        inUse = true
        bytes = []
        bytes.reserveCapacity(64)
        if frames.capacity > 64 || members.capacity > 256 || keys.capacity > 64 {
            frames = []
            members = []
            keys = []
        }
        // Empty already unless the last value threw (`removeAll` costs even on an empty array).
        if !frames.isEmpty { frames.removeAll(keepingCapacity: true) }
        if !members.isEmpty { members.removeAll(keepingCapacity: true) }
        if !keys.isEmpty { keys.removeAll(keepingCapacity: true) }
        slot = Slot(depth: 0, filled: false)
        unstreamable = false
        return self
    }

    /// The JSON bytes of `value`, or nil when it used its containers in an order this encoder
    /// cannot follow (encode it through `JSONTreeEncoder` then).
    ///
    /// Throws what `JSONEncoder` throws: for a non-finite number, or a top-level value that
    /// encodes nothing.
    static func encode<T: Encodable>(_ value: T, sortsKeys: Bool) throws -> [UInt8]? {
        let encoder = acquire(sortsKeys: sortsKeys)
        defer { encoder.inUse = false }
        do {
            if let node = try JSONTreeEncoder.special(value) {
                JSONText.appendScalar(node, to: &encoder.bytes)
                return encoder.takeBytes()
            }
            try value.encode(to: encoder)
        } catch {
            if encoder.unstreamable { return nil }
            throw error
        }
        if encoder.unstreamable { return nil }
        guard encoder.slot.filled else {
            throw JSONTreeEncoder.invalid(value, "Top-level \(T.self) did not encode any values.")
        }
        encoder.close(downTo: 0)
        return encoder.takeBytes()
    }

    /// The bytes written, handed over: the encoder keeps no reference to them.
    private func takeBytes() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }

    // MARK: - Encoder

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let level = openValueContainer(isObject: true)
        return KeyedEncodingContainer(JSONStreamKeyedContainer<Key>(encoder: self, level: level))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        JSONStreamUnkeyedContainer(encoder: self, level: openValueContainer(isObject: false))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONStreamSingleValueContainer(encoder: self)
    }

    // MARK: - Writing, for the containers

    /// Where a container handle points: a frame, known by depth and id (nil for none).
    struct Level {
        let depth: Int
        let id: Int
        /// The coding path's length inside it.
        let pathDepth: Int
    }

    /// Opens the container the value being written asked for, or finds the one it asked for
    /// before (asked twice, a value gets the same container, as from `JSONEncoder`).
    private func openValueContainer(isObject: Bool) -> Level? {
        if frames.count > slot.depth {
            close(downTo: slot.depth + 1)
            let frame = frames[slot.depth]
            guard frame.isObject == isObject else { return markUnstreamable() }
            return Level(depth: slot.depth, id: frame.id, pathDepth: keys.count)
        }
        guard !slot.filled else { return markUnstreamable() }
        slot.filled = true
        return open(isObject: isObject)
    }

    /// Opens a container; nil (and unstreamable) past `maxDepth`. A nested container's key goes
    /// on the coding path while it is open.
    private func open(isObject: Bool, key: (some CodingKey)? = JSONIndexKey?.none) -> Level? {
        guard frames.count < JSONStreamEncoder.maxDepth else { return markUnstreamable() }
        bytes.append(isObject ? UInt8(ascii: "{") : UInt8(ascii: "["))
        if let key { keys.append(key) }
        nextFrameID += 1
        frames.append(Frame(id: nextFrameID, isObject: isObject, firstMember: members.count, pushedKey: key != nil))
        return Level(depth: frames.count - 1, id: nextFrameID, pathDepth: keys.count)
    }

    private func markUnstreamable() -> Level? {
        unstreamable = true
        return nil
    }

    /// Starts the next member (with `key`) or element of the container at `level`, first
    /// finishing the containers opened inside it. Throws when that container is finished.
    func begin(_ level: Level?, key: String?) throws(Unstreamable) {
        guard let level, level.depth < frames.count, frames[level.depth].id == level.id else {
            unstreamable = true
            throw Unstreamable()
        }
        close(downTo: level.depth + 1)
        if frames[level.depth].count > 0 { bytes.append(UInt8(ascii: ",")) }
        frames[level.depth].count += 1
        if let key {
            members.append(Member(key: key, start: bytes.count))
            JSONText.appendString(key, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
        }
    }

    /// Members or elements written so far into the container at `level`.
    func count(at level: Level?) -> Int {
        guard let level, level.depth < frames.count, frames[level.depth].id == level.id else { return 0 }
        return frames[level.depth].count
    }

    /// The coding path inside the container at `level`.
    func path(at level: Level?) -> [any CodingKey] {
        guard let level else { return keys }
        return Array(keys.prefix(level.pathDepth))
    }

    func writeNull() { JSONText.append("null", to: &bytes) }
    func writeBool(_ value: Bool) { value ? JSONText.append("true", to: &bytes) : JSONText.append("false", to: &bytes) }
    func writeString(_ value: String) { JSONText.appendString(value, to: &bytes) }
    func writeInteger(_ value: some FixedWidthInteger) { JSONText.appendInteger(value, to: &bytes) }

    /// A finite number as Foundation writes it; a non-finite one throws as Foundation does.
    func writeNumber<T: BinaryFloatingPoint & CustomStringConvertible>(_ value: T) throws {
        guard value.isFinite else { throw JSONTreeEncoder.invalid(value, "\(value)") }
        JSONText.appendNumber(value.description, to: &bytes)
    }

    /// Writes `value`, just begun in a container: a leaf at once, anything else through its
    /// `encode(to:)` with `key` on the coding path, and `{}` when it encodes nothing.
    func write<T: Encodable>(_ value: T, key: any CodingKey) throws {
        if let node = try JSONTreeEncoder.special(value) { return JSONText.appendScalar(node, to: &bytes) }
        let outer = slot
        slot = Slot(depth: frames.count, filled: false)
        keys.append(key)
        try value.encode(to: self)
        close(downTo: slot.depth)
        if !slot.filled { JSONText.append("{}", to: &bytes) }
        keys.removeLast()
        slot = outer
    }

    /// Begins a member (named `name`) or element of the container at `level` and opens a
    /// container as its value; nil when that container is finished or the nesting too deep.
    func openNested(in level: Level?, name: String?, key: some CodingKey, isObject: Bool) -> Level? {
        guard (try? begin(level, key: name)) != nil else { return nil }
        return open(isObject: isObject, key: key)
    }

    /// Throws unless the value being written has written nothing yet, as a single value must find it.
    private func requireUnwrittenValue() throws(Unstreamable) {
        guard frames.count == slot.depth, !slot.filled else {
            unstreamable = true
            throw Unstreamable()
        }
    }

    /// Claims the value being written for one single value; a second one is out of order.
    func beginSingle() throws(Unstreamable) {
        try requireUnwrittenValue()
        slot.filled = true
    }

    /// A single `Encodable` value for the value being written, through its own `encode(to:)`.
    func writeSingleValue<T: Encodable>(_ value: T) throws {
        if let node = try JSONTreeEncoder.special(value) {
            try beginSingle()
            return JSONText.appendScalar(node, to: &bytes)
        }
        try requireUnwrittenValue()
        try value.encode(to: self)
    }

    /// An encoder for a super class's values: not followed here, so the value is encoded again
    /// through the tree encoder; this one takes what is written and drops it.
    func superEncoder() -> any Encoder {
        unstreamable = true
        return JSONTreeEncoder(codingPath: keys, destination: .root)
    }

    // MARK: - Closing

    /// Closes the innermost containers until `depth` are left open.
    func close(downTo depth: Int) {
        while frames.count > depth {
            let frame = frames.removeLast()
            if frame.pushedKey { keys.removeLast() }
            guard frame.isObject else {
                bytes.append(UInt8(ascii: "]"))
                continue
            }
            let count = members.count - frame.firstMember
            if count > 1 { putInOrder(frame.firstMember..<members.count) }
            // One at a time: `removeLast(_:)` goes through the general range replacement.
            for _ in 0..<count { members.removeLast() }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// Rewrites the members of the innermost object (the last bytes written) in output order.
    private func putInOrder(_ range: Range<Int>) {
        let keys = members[range].lazy.map { $0.key }
        guard !JSONMemberOrder.isWritten(keys, sortsKeys: sortsKeys) else { return }
        let start = members[range.lowerBound].start
        var ordered: [UInt8] = []
        ordered.reserveCapacity(bytes.count - start)
        JSONMemberOrder.forEach(keys, sortsKeys: sortsKeys) { offset in
            let index = range.lowerBound + offset
            // A member ends before the comma that starts the next one, or at the end.
            let end = index + 1 < range.upperBound ? members[index + 1].start - 1 : bytes.count
            if !ordered.isEmpty { ordered.append(UInt8(ascii: ",")) }
            ordered.append(contentsOf: bytes[members[index].start..<end])
        }
        bytes.replaceSubrange(start..., with: ordered)
    }
}
