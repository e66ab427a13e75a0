/// HMAC (RFC 2104) with SHA-256 as the hash function, as tested by RFC 4231.
///
/// ```swift
/// let tag = HMACSHA256.authenticate(Array("message".utf8), key: Array("secret".utf8))   // 32 bytes
/// ```
///
/// To check a tag received from outside, compare with ``ConstantTime/isEqual(_:_:)``, never with `==`.
public enum HMACSHA256 {
    /// Returns the 32-byte HMAC-SHA256 tag of `message` under `key`.
    ///
    /// Keys longer than the 64-byte block are hashed first; shorter keys are padded with zeros.
    public static func authenticate(_ message: some Collection<UInt8>, key: some Collection<UInt8>) -> [UInt8] {
        var blockKey = key.count > SHA256.blockByteCount ? SHA256.hash(key) : Array(key)
        blockKey.append(contentsOf: repeatElement(0, count: SHA256.blockByteCount - blockKey.count))

        var inner = SHA256Hasher()
        inner.update(blockKey.map { $0 ^ 0x36 })
        inner.update(message)

        var outer = SHA256Hasher()
        outer.update(blockKey.map { $0 ^ 0x5c })
        outer.update(inner.finalize())
        return outer.finalize()
    }
}
