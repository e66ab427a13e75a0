/// Comparisons whose running time does not depend on where two secrets differ.
///
/// Use it to check signatures, MACs and tokens that come from a client, so that an attacker
/// cannot learn a valid value byte by byte from response timing.
public enum ConstantTime {
    /// Returns whether `lhs` and `rhs` hold the same bytes.
    ///
    /// The time taken depends only on the lengths, which are not treated as secret:
    /// collections of different lengths compare unequal.
    public static func isEqual(_ lhs: some Collection<UInt8>, _ rhs: some Collection<UInt8>) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(lhs, rhs) {
            difference |= left ^ right
        }
        return difference == 0
    }
}
