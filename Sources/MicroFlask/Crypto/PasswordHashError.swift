/// Why a password hash could not be made or checked.
///
/// A hash that is merely wrong or malformed makes ``checkPasswordHash(_:_:)`` return `false`;
/// these errors are for hashes (or `method` strings) that name something MicroFlask cannot
/// compute, which Werkzeug also refuses with a `ValueError`, so that a misconfiguration is loud.
public enum PasswordHashError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The method is not `pbkdf2` or `scrypt`, or `pbkdf2` names a hash other than `sha256`.
    case unsupportedMethod(String)
    /// The method's parameters are not numbers, or not values the algorithm accepts.
    case invalidParameters(String)
    /// The salt length is below 1.
    case invalidSaltLength(Int)

    /// A sentence naming the bad value and the forms MicroFlask accepts.
    public var description: String {
        switch self {
        case .unsupportedMethod(let method):
            "Unsupported password hash method '\(method)': MicroFlask computes 'scrypt[:N:R:P]' and 'pbkdf2[:sha256[:ITERATIONS]]'."
        case .invalidParameters(let reason):
            "Invalid password hash parameters: \(reason)."
        case .invalidSaltLength(let length):
            "Salt length must be at least 1, not \(length)."
        }
    }
}
