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
    private var state: [UInt32] = Self.initialState
    /// Bytes of an incomplete block, always fewer than 64 between calls.
    private var pending: [UInt8] = []
    /// Total number of message bytes seen so far.
    private var messageLength: UInt64 = 0

    /// Creates a hasher for an empty message.
    public init() {
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
        var digest: [UInt8] = []
        digest.reserveCapacity(SHA256.digestByteCount)
        for word in copy.state {
            digest.append(UInt8(truncatingIfNeeded: word >> 24))
            digest.append(UInt8(truncatingIfNeeded: word >> 16))
            digest.append(UInt8(truncatingIfNeeded: word >> 8))
            digest.append(UInt8(truncatingIfNeeded: word))
        }
        return digest
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
            for t in 0..<16 {
                let base = offset + t * 4
                schedule[t] =
                    UInt32(input[base]) << 24 | UInt32(input[base + 1]) << 16
                    | UInt32(input[base + 2]) << 8 | UInt32(input[base + 3])
            }
            for t in 16..<64 {
                let w15 = schedule[t - 15]
                let w2 = schedule[t - 2]
                let sigma0 = w15.rotatedRight(7) ^ w15.rotatedRight(18) ^ (w15 >> 3)
                let sigma1 = w2.rotatedRight(17) ^ w2.rotatedRight(19) ^ (w2 >> 10)
                schedule[t] = sigma1 &+ schedule[t - 7] &+ sigma0 &+ schedule[t - 16]
            }
            var a = state[0]
            var b = state[1]
            var c = state[2]
            var d = state[3]
            var e = state[4]
            var f = state[5]
            var g = state[6]
            var h = state[7]
            for t in 0..<64 {
                let bigSigma1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
                let choose = (e & f) ^ (~e & g)
                let temp1 = h &+ bigSigma1 &+ choose &+ Self.roundConstants[t] &+ schedule[t]
                let bigSigma0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
                let majority = (a & b) ^ (a & c) ^ (b & c)
                let temp2 = bigSigma0 &+ majority
                h = g
                g = f
                f = e
                e = d &+ temp1
                d = c
                c = b
                b = a
                a = temp1 &+ temp2
            }
            state[0] &+= a
            state[1] &+= b
            state[2] &+= c
            state[3] &+= d
            state[4] &+= e
            state[5] &+= f
            state[6] &+= g
            state[7] &+= h
        }
    }

    /// FIPS 180-4 §5.3.3: the first 32 bits of the fractional parts of the square roots of the first 8 primes.
    private static let initialState: [UInt32] = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]

    /// FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes.
    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]
}
