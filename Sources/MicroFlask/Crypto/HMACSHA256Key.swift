/// An HMAC-SHA256 key with its two pad blocks already hashed (RFC 2104 §4's precomputation).
///
/// Each tag costs the message's blocks plus two, instead of four more for the padded key:
/// PBKDF2, which computes a million tags with one key, hashes the pads once.
struct HMACSHA256Key: Sendable {
    /// The state after the block `key XOR ipad`.
    let inner: SHA256State
    /// The state after the block `key XOR opad`.
    let outer: SHA256State

    /// Prepares `key`; keys longer than the 64-byte block are hashed first, shorter ones padded with zeros.
    init(_ key: some Collection<UInt8>) {
        var blockKey = key.count > SHA256.blockByteCount ? SHA256.hash(key) : Array(key)
        blockKey.append(contentsOf: repeatElement(0, count: SHA256.blockByteCount - blockKey.count))
        var innerHasher = SHA256Hasher()
        innerHasher.update(blockKey.map { $0 ^ 0x36 })
        var outerHasher = SHA256Hasher()
        outerHasher.update(blockKey.map { $0 ^ 0x5c })
        inner = innerHasher.state
        outer = outerHasher.state
    }

    /// The tag of `message`, as the eight words of the outer hash.
    func authenticate(_ message: some Collection<UInt8>) -> SHA256State {
        var hasher = SHA256Hasher(resuming: inner, messageLength: UInt64(SHA256.blockByteCount))
        hasher.update(message)
        var outerHasher = SHA256Hasher(resuming: outer, messageLength: UInt64(SHA256.blockByteCount))
        outerHasher.update(hasher.finalize())
        return outerHasher.finalizedState()
    }

    /// The tag of a 32-byte message that is already in `block[0..<8]` as words, written back
    /// into `block[0..<8]`; `block` holds 64 words and `block[8..<16]` must hold
    /// ``prepareDigestBlock(_:)``'s padding. No allocation: this is PBKDF2's inner loop.
    @inline(__always)
    func authenticateDigest(inPlace block: UnsafeMutablePointer<UInt32>) -> SHA256State {
        var innerState = inner
        innerState.compress(block)
        innerState.store(into: block)
        var outerState = outer
        outerState.compress(block)
        outerState.store(into: block)
        return outerState
    }

    /// Writes the SHA-256 padding of a 32-byte message that follows one 64-byte block
    /// (96 bytes, 768 bits in all) into `block[8..<16]`.
    static func prepareDigestBlock(_ block: UnsafeMutablePointer<UInt32>) {
        block[8] = 0x8000_0000
        for index in 9..<15 { block[index] = 0 }
        block[15] = UInt32((SHA256.blockByteCount + SHA256.digestByteCount) * 8)
    }
}
