/// Random bytes and tokens from the kernel's secure source, like Python's
/// `secrets.token_bytes`, `token_hex` and `token_urlsafe`.
///
/// ```swift
/// let key = SecureToken.hex()            // 64 hex digits: a good SECRET_KEY
/// let reset = SecureToken.urlSafe(16)    // 22 characters for a link
/// ```
public enum SecureToken {
    /// Python's `secrets` default: 32 bytes.
    public static let defaultByteCount = 32

    /// `count` random bytes.
    ///
    /// They come from `SystemRandomNumberGenerator`, which the Swift runtime implements on Linux
    /// with `getrandom(2)` (the kernel's CSPRNG, as Python's `os.urandom`) and which stops the
    /// program rather than return weaker bytes if the kernel cannot supply them.
    public static func bytes(_ count: Int = defaultByteCount) -> [UInt8] {
        precondition(count >= 0, "cannot make a negative number of random bytes")
        var generator = SystemRandomNumberGenerator()
        var output: [UInt8] = []
        output.reserveCapacity(count + 7)
        while output.count < count {
            let word = generator.next()
            for shift in stride(from: 0, to: 64, by: 8) {
                output.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
            }
        }
        output.removeLast(output.count - count)
        return output
    }

    /// `byteCount` random bytes as lower-case hex (Python's `secrets.token_hex`).
    public static func hex(_ byteCount: Int = defaultByteCount) -> String {
        Hex.encode(bytes(byteCount))
    }

    /// `byteCount` random bytes as unpadded base64url text (Python's `secrets.token_urlsafe`).
    public static func urlSafe(_ byteCount: Int = defaultByteCount) -> String {
        Base64URL.encode(bytes(byteCount))
    }

    /// Werkzeug's `gen_salt`: `length` characters drawn uniformly from `[a-zA-Z0-9]`.
    static func salt(length: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
        // 248 = 4 * 62: bytes at or above it are dropped so every character is equally likely.
        let limit = UInt8(256 - 256 % alphabet.count)
        var output: [UInt8] = []
        output.reserveCapacity(length)
        while output.count < length {
            for byte in bytes(length) where byte < limit && output.count < length {
                output.append(alphabet[Int(byte) % alphabet.count])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
