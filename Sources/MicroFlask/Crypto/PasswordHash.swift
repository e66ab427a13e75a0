/// Hashes a password for storage, in Werkzeug's format `METHOD$SALT$HEX`
/// (Werkzeug's `generate_password_hash`).
///
/// ```swift
/// let stored = try generatePasswordHash("hunter2")              // "scrypt:32768:8:1$<16 chars>$<128 hex>"
/// let fast = try generatePasswordHash("hunter2", method: "pbkdf2:sha256:600000")
/// try checkPasswordHash(stored, "hunter2")                       // true
/// ```
///
/// The default is Werkzeug 3.1's, scrypt with `N=32768, r=8, p=1`, so the hashes a MicroFlask
/// app stores are the ones a Flask app would store for the same database. `pbkdf2` (or
/// `pbkdf2:sha256`, `pbkdf2:sha256:ITERATIONS`, default 1,000,000) is the other method.
/// The salt is `saltLength` characters from `[A-Za-z0-9]`, from the system's secure random source.
///
/// - Throws: ``PasswordHashError`` for a method other than scrypt or PBKDF2-SHA256, bad
///   parameters or a salt length below 1.
public func generatePasswordHash(
    _ password: String, method: String = "scrypt", saltLength: Int = 16
) throws(PasswordHashError) -> String {
    guard saltLength >= 1 else { throw .invalidSaltLength(saltLength) }
    let parsed = try PasswordHashMethod(method)
    let salt = SecureToken.salt(length: saltLength)
    return "\(parsed.text)$\(salt)$\(try parsed.hexDigest(password: password, salt: salt))"
}

/// Whether `password` matches a hash made by ``generatePasswordHash(_:method:saltLength:)``
/// or by Werkzeug's `generate_password_hash` (Werkzeug's `check_password_hash`).
///
/// A hash without two `$` or with the wrong digest gives `false`; the digests are compared in
/// constant time.
///
/// - Throws: ``PasswordHashError`` when the hash names a method MicroFlask cannot compute
///   (for example `pbkdf2:sha512`), as Werkzeug raises for a method it does not know, so that
///   such a database fails loudly rather than refusing every login in silence.
public func checkPasswordHash(_ hash: String, _ password: String) throws(PasswordHashError) -> Bool {
    let parts = hash.split(separator: "$", maxSplits: 2, omittingEmptySubsequences: false)
    guard parts.count == 3 else { return false }
    let method = try PasswordHashMethod(parts[0])
    let expected = try method.hexDigest(password: password, salt: String(parts[1]))
    return ConstantTime.isEqual(Array(expected.utf8), Array(parts[2].utf8))
}
