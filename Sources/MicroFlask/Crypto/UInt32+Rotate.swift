extension UInt32 {
    // `@_transparent` rather than `@inline(__always)`: it is inlined in debug builds too, which
    // halves the time a debug build (`swift run`, `swift test`) takes to hash a password.

    /// The value rotated right by `count` bits (0 < count < 32), as used by SHA-256.
    @_transparent
    func rotatedRight(_ count: UInt32) -> UInt32 {
        (self >> count) | (self << (32 &- count))
    }

    /// The value rotated left by `count` bits (0 < count < 32), as used by Salsa20.
    @_transparent
    func rotatedLeft(_ count: UInt32) -> UInt32 {
        (self << count) | (self >> (32 &- count))
    }
}
