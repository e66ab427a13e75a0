import Foundation

/// Signs a cookie payload so that a client can read it but not change it, and checks it when it comes back.
///
/// The design follows Flask's session cookie (itsdangerous `TimestampSigner`) in spirit, without
/// being byte-compatible with it. A token has three base64url parts (RFC 4648 §5, no padding)
/// joined by dots:
///
/// ```
/// base64url(payload) "." base64url(timestamp) "." base64url(HMAC-SHA256(derivedKey, first two parts))
/// ```
///
/// The timestamp is the signing time in seconds since 1970, as big-endian bytes without leading
/// zero bytes. The MAC covers the exact text of the first two parts and their dot. The derived
/// key is `HMAC-SHA256(key: secretKey, message: "microflask-signer:" + salt)`, so one secret can
/// serve several purposes (sessions, CSRF tokens) whose tokens are not interchangeable.
///
/// ```swift
/// let signer = CookieSigner(secretKey: "s3cret", fallbackKeys: ["old-s3cret"])
/// let token = signer.sign(Array("{\"user\":1}".utf8))
/// let payload = signer.unsign(token, maxAge: 31 * 24 * 3600)   // nil if tampered or too old
/// ```
///
/// The payload is signed, not encrypted: anyone holding the cookie can read it.
public struct CookieSigner: Sendable {
    /// Derived keys: the current secret's first, then each fallback's, in order.
    private let derivedKeys: [[UInt8]]

    /// Creates a signer.
    ///
    /// - Parameters:
    ///   - secretKey: The application secret; new tokens are signed with it. Use a long random value.
    ///   - fallbackKeys: Older secrets still accepted by ``unsign(_:maxAge:now:)`` during a key rotation,
    ///     tried after `secretKey`. They are never used to sign.
    ///   - salt: Separates the tokens of different features that share one secret.
    public init(secretKey: String, fallbackKeys: [String] = [], salt: String = "cookie-session") {
        let context = Array("microflask-signer:".utf8) + Array(salt.utf8)
        derivedKeys = ([secretKey] + fallbackKeys).map { secret in
            HMACSHA256.authenticate(context, key: Array(secret.utf8))
        }
    }

    /// Returns the signed token for `payload`.
    ///
    /// - Parameters:
    ///   - payload: The bytes to protect, for example a JSON-encoded session.
    ///   - timestamp: The signing time in seconds since 1970; defaults to now. Negative values are stored as 0.
    public func sign(_ payload: [UInt8], timestamp: Int = Int(Date().timeIntervalSince1970)) -> String {
        let signedPart = Base64URL.encode(payload) + "." + Base64URL.encode(Self.timestampBytes(max(0, timestamp)))
        let mac = HMACSHA256.authenticate(Array(signedPart.utf8), key: derivedKeys[0])
        return signedPart + "." + Base64URL.encode(mac)
    }

    /// Returns the payload of `token` if it was signed by this signer's secret or a fallback secret
    /// and is young enough; otherwise `nil`.
    ///
    /// Any malformed, tampered, foreign or expired token gives `nil`; hostile input never traps.
    ///
    /// - Parameters:
    ///   - token: A value produced by ``sign(_:timestamp:)``, as received from the client.
    ///   - maxAge: The greatest accepted age in seconds, or `nil` to accept any age. When set, a
    ///     token dated in the future is rejected too (as itsdangerous does).
    ///   - now: The current time in seconds since 1970; tests pass a fixed value.
    public func unsign(_ token: String, maxAge: Int?, now: Int = Int(Date().timeIntervalSince1970)) -> [UInt8]? {
        let utf8 = Array(token.utf8)
        guard let firstDot = utf8.firstIndex(of: UInt8(ascii: ".")),
            let secondDot = utf8[(firstDot + 1)...].firstIndex(of: UInt8(ascii: ".")),
            !utf8[(secondDot + 1)...].contains(UInt8(ascii: "."))
        else { return nil }

        let signedPart = utf8[..<secondDot]
        guard let mac = Base64URL.decode(Substring(decoding: utf8[(secondDot + 1)...], as: UTF8.self)),
            mac.count == SHA256.digestByteCount
        else { return nil }
        var matched = false
        for key in derivedKeys {
            let expected = HMACSHA256.authenticate(signedPart, key: key)
            if ConstantTime.isEqual(expected, mac) {
                matched = true
            }
        }
        guard matched else { return nil }

        // Only now, with the signature checked, are the two signed parts trusted and decoded.
        guard let payload = Base64URL.decode(Substring(decoding: utf8[..<firstDot], as: UTF8.self)),
            let stamp = Base64URL.decode(Substring(decoding: utf8[(firstDot + 1)..<secondDot], as: UTF8.self)),
            let timestamp = Self.timestamp(from: stamp)
        else { return nil }

        if let maxAge {
            let (age, overflow) = now.subtractingReportingOverflow(timestamp)
            guard !overflow, age >= 0, age <= maxAge else { return nil }
        }
        return payload
    }

    /// Big-endian bytes of a non-negative value, without leading zero bytes (zero is one byte).
    private static func timestampBytes(_ value: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var remaining = UInt64(value)
        repeat {
            bytes.insert(UInt8(truncatingIfNeeded: remaining), at: 0)
            remaining >>= 8
        } while remaining != 0
        return bytes
    }

    /// The inverse of ``timestampBytes(_:)``; `nil` for empty, over-long or out-of-range input.
    private static func timestamp(from bytes: [UInt8]) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 8 else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            value = value << 8 | UInt64(byte)
        }
        guard value <= UInt64(Int.max) else { return nil }
        return Int(value)
    }
}
