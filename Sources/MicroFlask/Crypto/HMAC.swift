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
        HMACSHA256Key(key).authenticate(message).bytes
    }
}
