/// An incremental SHA-256 computation: feed bytes with ``update(_:)``, then call ``finalize()``.
///
/// ```swift
/// var hasher = SHA256Hasher()
/// hasher.update(Array("ab".utf8))
/// hasher.update(Array("c".utf8))
/// let digest = hasher.finalize()   // same as SHA256.hash(Array("abc".utf8))
/// ```
///
/// A value type: copying a hasher forks the computation.
public struct SHA256Hasher: Sendable {
    /// The eight working hash words H0...H7.
    private(set) var state = SHA256State.initial
    /// Bytes of an incomplete block, always fewer than 64 between calls.
    private var pending: [UInt8] = []
    /// Total number of message bytes seen so far.
    private var messageLength: UInt64 = 0

    /// Creates a hasher for an empty message.
    public init() {
        pending.reserveCapacity(SHA256.blockByteCount)
    }

    /// Resumes a computation after whole blocks: `state` after `messageLength` bytes, a multiple of 64.
    ///
    /// HMAC uses it to start from a key's precomputed pad state instead of hashing the pad again.
    init(resuming state: SHA256State, messageLength: UInt64) {
        precondition(messageLength % UInt64(SHA256.blockByteCount) == 0, "resume only after whole blocks")
        self.state = state
        self.messageLength = messageLength
        pending.reserveCapacity(SHA256.blockByteCount)
    }

    /// Appends `bytes` to the message being hashed.
    public mutating func update(_ bytes: some Collection<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { absorb($0) }
        if done == nil {
            Array(bytes).withUnsafeBufferPointer { absorb($0) }
        }
    }

    /// Returns the digest of every byte passed to ``update(_:)`` so far.
    ///
    /// The hasher itself is left unchanged, so more bytes may still be added afterwards.
    public func finalize() -> [UInt8] {
        finalizedState().bytes
    }

    /// The state after the padded message, as words (for HMAC's outer hash without bytes in between).
    func finalizedState() -> SHA256State {
        var copy = self
        let bitLength = messageLength &* 8
        var padding: [UInt8] = [0x80]
        let used = (pending.count + 1) % SHA256.blockByteCount
        let zeroCount = used <= 56 ? 56 - used : 64 + 56 - used
        padding.append(contentsOf: repeatElement(0, count: zeroCount))
        for shift in stride(from: 56, through: 0, by: -8) {
            padding.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        copy.update(padding)
        return copy.state
    }

    private mutating func absorb(_ input: UnsafeBufferPointer<UInt8>) {
        messageLength &+= UInt64(input.count)
        var index = 0
        if !pending.isEmpty {
            let take = min(SHA256.blockByteCount - pending.count, input.count)
            pending.append(contentsOf: input[0..<take])
            index = take
            guard pending.count == SHA256.blockByteCount else { return }
            let block = pending
            pending.removeAll(keepingCapacity: true)
            block.withUnsafeBufferPointer { compress($0, at: 0) }
        }
        while input.count - index >= SHA256.blockByteCount {
            compress(input, at: index)
            index += SHA256.blockByteCount
        }
        pending.append(contentsOf: input[index...])
    }

    /// Runs the compression function over the 64 bytes of `input` that start at `offset`.
    private mutating func compress(_ input: UnsafeBufferPointer<UInt8>, at offset: Int) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
            let words = schedule.baseAddress!
            for t in 0..<16 {
                let base = offset + t * 4
                words[t] =
                    UInt32(input[base]) << 24 | UInt32(input[base + 1]) << 16
                    | UInt32(input[base + 2]) << 8 | UInt32(input[base + 3])
            }
            state.compress(words)
        }
    }
}
