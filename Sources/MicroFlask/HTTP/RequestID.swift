import Synchronization

/// Request ids for logs and for following a request across services: the client's (or a
/// proxy's) `X-Request-ID` when it is a sane token, else a new one made from a random
/// per-process prefix and a counter — one atomic add, no system call.
public enum RequestID {
    /// The header a request id is read from and echoed in.
    public static let headerName = "X-Request-ID"

    /// The longest id taken from a client; a longer one is replaced.
    public static let maximumLength = 128

    /// Whether `value` may be used as a request id: 1 to 128 characters from letters, digits
    /// and `-_.:+=/@`. Anything else (spaces, quotes, control characters) could forge log
    /// lines or header syntax downstream, so it is replaced rather than echoed.
    public static func isSane(_ value: String) -> Bool {
        var count = 0
        for byte in value.utf8 {
            count += 1
            guard count <= maximumLength else { return false }
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                continue
            case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "+"),
                UInt8(ascii: "="), UInt8(ascii: "/"), UInt8(ascii: "@"):
                continue
            default: return false
            }
        }
        return count > 0
    }

    /// A new id, such as `5f0c2a9be41d-1f`: unique within the process by the counter, and across
    /// processes and machines with high probability by the 48-bit random prefix.
    public static func next() -> String {
        let number = counter.add(1, ordering: .relaxed).newValue
        var digits = 1
        while number >> (4 * digits) != 0 && digits < 16 { digits += 1 }
        // Written into the string's own storage: one allocation, no interpolation.
        return String(unsafeUninitializedCapacity: prefixBytes.count + digits) { buffer in
            for (index, byte) in prefixBytes.enumerated() { buffer[index] = byte }
            for position in 0..<digits {
                let nibble = Int((number >> (4 * (digits - 1 - position))) & 0xF)
                buffer[prefixBytes.count + position] = hexDigits[nibble]
            }
            return prefixBytes.count + digits
        }
    }

    private static let prefixBytes = Array(prefix.utf8)
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Made on first use, in the process that serves (a forked worker that never made an id
    /// before the fork draws its own).
    private static let prefix: String = {
        var generator = SystemRandomNumberGenerator()
        let random = generator.next() & 0xFFFF_FFFF_FFFF
        let digits = String(random, radix: 16)
        return String(repeating: "0", count: 12 - digits.count) + digits + "-"
    }()

    private static let counter = Atomic<UInt64>(0)
}
