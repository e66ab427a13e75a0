extension UInt32 {
    /// The value rotated right by `count` bits (0 < count < 32), as used by SHA-256.
    @inline(__always)
    func rotatedRight(_ count: UInt32) -> UInt32 {
        (self >> count) | (self << (32 &- count))
    }

    /// The value rotated left by `count` bits (0 < count < 32), as used by Salsa20.
    @inline(__always)
    func rotatedLeft(_ count: UInt32) -> UInt32 {
        (self << count) | (self >> (32 &- count))
    }
}
