/// PBKDF2 (RFC 8018 §5.2) with HMAC-SHA256 as the pseudo-random function, as Python's
/// `hashlib.pbkdf2_hmac("sha256", ...)` computes it.
///
/// ```swift
/// let key = PBKDF2.sha256(password: Array("pw".utf8), salt: Array("salt".utf8), iterations: 600_000)
/// ```
///
/// The password's HMAC pads are hashed once, and every iteration after the first is two
/// compressions of a fixed block of words: no allocation and no byte conversion in the loop.
public enum PBKDF2 {
    /// Derives `keyByteCount` bytes from `password` and `salt` with `iterations` rounds.
    ///
    /// - Precondition: `iterations` and `keyByteCount` are at least 1.
    public static func sha256(
        password: some Collection<UInt8>, salt: some Collection<UInt8>, iterations: Int,
        keyByteCount: Int = SHA256.digestByteCount
    ) -> [UInt8] {
        precondition(iterations >= 1, "PBKDF2 needs at least one iteration")
        precondition(keyByteCount >= 1, "PBKDF2 derives at least one byte")
        let key = HMACSHA256Key(password)
        let salt = Array(salt)
        var derived: [UInt8] = []
        derived.reserveCapacity(keyByteCount + SHA256.digestByteCount)
        var blockIndex: UInt32 = 1
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { buffer in
            let block = buffer.baseAddress!
            HMACSHA256Key.prepareDigestBlock(block)
            while derived.count < keyByteCount {
                let indexBytes: [UInt8] = [
                    UInt8(truncatingIfNeeded: blockIndex >> 24), UInt8(truncatingIfNeeded: blockIndex >> 16),
                    UInt8(truncatingIfNeeded: blockIndex >> 8), UInt8(truncatingIfNeeded: blockIndex),
                ]
                var sum = key.authenticate(salt + indexBytes)
                sum.store(into: block)
                for _ in 1..<iterations {
                    sum.formXor(key.authenticateDigest(inPlace: block))
                }
                derived.append(contentsOf: sum.bytes)
                blockIndex &+= 1
            }
        }
        return Array(derived.prefix(keyByteCount))
    }
}
