/// SHA-256 as specified in FIPS 180-4, over any collection of bytes.
///
/// ```swift
/// let digest = SHA256.hash(Array("abc".utf8))   // 32 bytes
/// ```
///
/// For input that arrives in pieces, use ``SHA256Hasher``.
public enum SHA256 {
    /// The length of a digest in bytes (32).
    public static let digestByteCount = 32

    /// The block size of the compression function in bytes (64); HMAC pads keys to this length.
    public static let blockByteCount = 64

    /// Returns the 32-byte SHA-256 digest of `bytes`.
    public static func hash(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var hasher = SHA256Hasher()
        hasher.update(bytes)
        return hasher.finalize()
    }
}
