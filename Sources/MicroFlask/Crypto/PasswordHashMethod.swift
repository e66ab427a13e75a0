/// A parsed Werkzeug hash method: `scrypt[:N:R:P]` or `pbkdf2[:sha256[:ITERATIONS]]`.
///
/// Defaults are Werkzeug 3.1's: scrypt `32768:8:1`, PBKDF2-SHA256 with 1,000,000 iterations.
enum PasswordHashMethod: Equatable {
    case scrypt(n: Int, r: Int, p: Int)
    case pbkdf2SHA256(iterations: Int)

    /// Werkzeug 3.1's `DEFAULT_PBKDF2_ITERATIONS`.
    static let defaultPBKDF2Iterations = 1_000_000

    /// Parses `text` as Werkzeug's `_hash_internal` does.
    init(_ text: some StringProtocol) throws(PasswordHashError) {
        let parts = String(text).split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let arguments = parts.dropFirst()
        switch parts[0] {
        case "scrypt":
            if arguments.isEmpty {
                self = .scrypt(n: 1 << 15, r: 8, p: 1)
                return
            }
            let numbers = arguments.compactMap { Int($0) }
            guard arguments.count == 3, numbers.count == 3 else { throw .invalidParameters("'scrypt' takes 3 numbers") }
            self = .scrypt(n: numbers[0], r: numbers[1], p: numbers[2])
        case "pbkdf2":
            guard arguments.count <= 2 else { throw .invalidParameters("'pbkdf2' takes 2 arguments") }
            let hashName = arguments.first ?? "sha256"
            guard hashName == "sha256" else { throw .unsupportedMethod("pbkdf2:\(hashName)") }
            var iterations = Self.defaultPBKDF2Iterations
            if arguments.count == 2 {
                guard let count = Int(arguments.last!), count >= 1 else {
                    throw .invalidParameters("the PBKDF2 iteration count must be a number above 0")
                }
                iterations = count
            }
            self = .pbkdf2SHA256(iterations: iterations)
        default:
            throw .unsupportedMethod(String(text))
        }
    }

    /// The method as Werkzeug writes it before the first `$`, with every parameter spelled out.
    var text: String {
        switch self {
        case .scrypt(let n, let r, let p): "scrypt:\(n):\(r):\(p)"
        case .pbkdf2SHA256(let iterations): "pbkdf2:sha256:\(iterations)"
        }
    }

    /// The derived key of `password` with `salt`, in lower-case hex as Werkzeug stores it.
    func hexDigest(password: String, salt: String) throws(PasswordHashError) -> String {
        let key: [UInt8]
        switch self {
        case .scrypt(let n, let r, let p):
            key = try Scrypt.derive(password: Array(password.utf8), salt: Array(salt.utf8), n: n, r: r, p: p)
        case .pbkdf2SHA256(let iterations):
            key = PBKDF2.sha256(password: Array(password.utf8), salt: Array(salt.utf8), iterations: iterations)
        }
        return Hex.encode(key)
    }
}
