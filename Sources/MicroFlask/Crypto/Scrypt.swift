/// The scrypt key derivation function (RFC 7914), as Python's `hashlib.scrypt` computes it.
///
/// ```swift
/// let key = try Scrypt.derive(password: Array("pw".utf8), salt: Array("salt".utf8), n: 32768, r: 8, p: 1)
/// ```
///
/// It needs `128 * r * n` bytes of memory (32 MiB for Werkzeug's default `n = 32768, r = 8`),
/// which is the point: guessing passwords costs memory as well as time.
public enum Scrypt {
    /// The most memory one derivation may use (1 GiB); larger parameters are refused, not attempted.
    public static let memoryLimit = 1 << 30

    /// Derives `keyByteCount` bytes (64 by default, as `hashlib.scrypt`).
    ///
    /// - Parameters:
    ///   - password: the password's bytes (UTF-8 for text).
    ///   - salt: the salt's bytes; Werkzeug uses 16 random characters.
    ///   - n: the CPU/memory cost, a power of two greater than 1.
    ///   - r: the block size factor, at least 1.
    ///   - p: the parallelisation factor, at least 1.
    ///   - keyByteCount: the length of the derived key, at least 1.
    /// - Throws: ``PasswordHashError/invalidParameters(_:)`` for parameters RFC 7914 forbids or
    ///   that need more than ``memoryLimit`` bytes.
    public static func derive(
        password: some Collection<UInt8>, salt: some Collection<UInt8>, n: Int, r: Int, p: Int, keyByteCount: Int = 64
    ) throws(PasswordHashError) -> [UInt8] {
        guard n > 1, n & (n - 1) == 0 else {
            throw .invalidParameters("scrypt's n must be a power of two greater than 1, not \(n)")
        }
        guard r >= 1, p >= 1, keyByteCount >= 1 else {
            throw .invalidParameters("scrypt's r, p and key length must be at least 1")
        }
        let (blockBytes, overflow1) = r.multipliedReportingOverflow(by: 128)
        let (memory, overflow2) = blockBytes.multipliedReportingOverflow(by: n)
        let (allBlocks, overflow3) = blockBytes.multipliedReportingOverflow(by: p)
        guard !overflow1, !overflow2, !overflow3, memory <= memoryLimit, allBlocks <= memoryLimit else {
            throw .invalidParameters("scrypt with n=\(n), r=\(r), p=\(p) needs more than \(memoryLimit) bytes")
        }
        let password = Array(password)
        var blocks = PBKDF2.sha256(password: password, salt: salt, iterations: 1, keyByteCount: allBlocks)
        let wordsPerBlock = 32 * r
        let memoryWords = UnsafeMutablePointer<UInt32>.allocate(capacity: n * wordsPerBlock)
        // The block being mixed, then BlockMix's output.
        let scratch = UnsafeMutablePointer<UInt32>.allocate(capacity: 2 * wordsPerBlock)
        defer {
            memoryWords.deallocate()
            scratch.deallocate()
        }
        blocks.withUnsafeMutableBufferPointer { bytes in
            for index in 0..<p {
                let start = index * blockBytes
                for word in 0..<wordsPerBlock {
                    let at = start + word * 4
                    scratch[word] =
                        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16
                        | UInt32(bytes[at + 3]) << 24
                }
                mixRandomly(scratch, r: r, n: n, memory: memoryWords, scratch: scratch + wordsPerBlock)
                for word in 0..<wordsPerBlock {
                    let value = scratch[word]
                    let at = start + word * 4
                    bytes[at] = UInt8(truncatingIfNeeded: value)
                    bytes[at + 1] = UInt8(truncatingIfNeeded: value >> 8)
                    bytes[at + 2] = UInt8(truncatingIfNeeded: value >> 16)
                    bytes[at + 3] = UInt8(truncatingIfNeeded: value >> 24)
                }
            }
        }
        return PBKDF2.sha256(password: password, salt: blocks, iterations: 1, keyByteCount: keyByteCount)
    }

    /// scryptROMix (RFC 7914 §5) on the `32 * r` words at `x`, in place; `scratch` holds `32 * r` words.
    private static func mixRandomly(
        _ x: UnsafeMutablePointer<UInt32>, r: Int, n: Int, memory: UnsafeMutablePointer<UInt32>,
        scratch: UnsafeMutablePointer<UInt32>
    ) {
        let wordsPerBlock = 32 * r
        for index in 0..<n {
            (memory + index * wordsPerBlock).update(from: x, count: wordsPerBlock)
            mixBlocks(x, r: r, output: scratch)
        }
        let mask = n - 1
        for _ in 0..<n {
            // Integerify: the first word of the last 64-byte block; n <= 2^23 here, so 32 bits suffice.
            let pick = Int(x[(2 * r - 1) * 16]) & mask
            let chosen = memory + pick * wordsPerBlock
            for word in 0..<wordsPerBlock { x[word] ^= chosen[word] }
            mixBlocks(x, r: r, output: scratch)
        }
    }

    /// scryptBlockMix (RFC 7914 §4) on the `2r` 64-byte blocks at `b`, in place, using `output` as scratch.
    private static func mixBlocks(_ b: UnsafeMutablePointer<UInt32>, r: Int, output: UnsafeMutablePointer<UInt32>) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { buffer in
            let x = buffer.baseAddress!
            x.update(from: b + (2 * r - 1) * 16, count: 16)
            for index in 0..<(2 * r) {
                let block = b + index * 16
                for word in 0..<16 { x[word] ^= block[word] }
                salsa20x8(x)
                // Even blocks go to the first half of the output, odd ones to the second.
                let destination = output + ((index & 1) * r + index / 2) * 16
                destination.update(from: x, count: 16)
            }
        }
        b.update(from: output, count: 32 * r)
    }

    /// The Salsa20/8 core (RFC 7914 §3) on 16 words, in place.
    @inline(__always)
    private static func salsa20x8(_ block: UnsafeMutablePointer<UInt32>) {
        var x0 = block[0]
        var x1 = block[1]
        var x2 = block[2]
        var x3 = block[3]
        var x4 = block[4]
        var x5 = block[5]
        var x6 = block[6]
        var x7 = block[7]
        var x8 = block[8]
        var x9 = block[9]
        var x10 = block[10]
        var x11 = block[11]
        var x12 = block[12]
        var x13 = block[13]
        var x14 = block[14]
        var x15 = block[15]
        for _ in 0..<4 {
            // Columns.
            x4 ^= (x0 &+ x12).rotatedLeft(7)
            x8 ^= (x4 &+ x0).rotatedLeft(9)
            x12 ^= (x8 &+ x4).rotatedLeft(13)
            x0 ^= (x12 &+ x8).rotatedLeft(18)
            x9 ^= (x5 &+ x1).rotatedLeft(7)
            x13 ^= (x9 &+ x5).rotatedLeft(9)
            x1 ^= (x13 &+ x9).rotatedLeft(13)
            x5 ^= (x1 &+ x13).rotatedLeft(18)
            x14 ^= (x10 &+ x6).rotatedLeft(7)
            x2 ^= (x14 &+ x10).rotatedLeft(9)
            x6 ^= (x2 &+ x14).rotatedLeft(13)
            x10 ^= (x6 &+ x2).rotatedLeft(18)
            x3 ^= (x15 &+ x11).rotatedLeft(7)
            x7 ^= (x3 &+ x15).rotatedLeft(9)
            x11 ^= (x7 &+ x3).rotatedLeft(13)
            x15 ^= (x11 &+ x7).rotatedLeft(18)
            // Rows.
            x1 ^= (x0 &+ x3).rotatedLeft(7)
            x2 ^= (x1 &+ x0).rotatedLeft(9)
            x3 ^= (x2 &+ x1).rotatedLeft(13)
            x0 ^= (x3 &+ x2).rotatedLeft(18)
            x6 ^= (x5 &+ x4).rotatedLeft(7)
            x7 ^= (x6 &+ x5).rotatedLeft(9)
            x4 ^= (x7 &+ x6).rotatedLeft(13)
            x5 ^= (x4 &+ x7).rotatedLeft(18)
            x11 ^= (x10 &+ x9).rotatedLeft(7)
            x8 ^= (x11 &+ x10).rotatedLeft(9)
            x9 ^= (x8 &+ x11).rotatedLeft(13)
            x10 ^= (x9 &+ x8).rotatedLeft(18)
            x12 ^= (x15 &+ x14).rotatedLeft(7)
            x13 ^= (x12 &+ x15).rotatedLeft(9)
            x14 ^= (x13 &+ x12).rotatedLeft(13)
            x15 ^= (x14 &+ x13).rotatedLeft(18)
        }
        block[0] &+= x0
        block[1] &+= x1
        block[2] &+= x2
        block[3] &+= x3
        block[4] &+= x4
        block[5] &+= x5
        block[6] &+= x6
        block[7] &+= x7
        block[8] &+= x8
        block[9] &+= x9
        block[10] &+= x10
        block[11] &+= x11
        block[12] &+= x12
        block[13] &+= x13
        block[14] &+= x14
        block[15] &+= x15
    }
}
