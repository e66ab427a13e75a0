/// The eight working words of SHA-256 and its compression function over one 64-byte block.
///
/// ``SHA256Hasher`` feeds it arbitrary messages; PBKDF2 and scrypt feed it fixed-size blocks
/// straight from words, with no byte buffers and no allocation per block.
struct SHA256State: Sendable {
    var h0, h1, h2, h3, h4, h5, h6, h7: UInt32

    /// FIPS 180-4 §5.3.3: the first 32 bits of the fractional parts of the square roots of the first 8 primes.
    static let initial = SHA256State(
        h0: 0x6a09_e667, h1: 0xbb67_ae85, h2: 0x3c6e_f372, h3: 0xa54f_f53a,
        h4: 0x510e_527f, h5: 0x9b05_688c, h6: 0x1f83_d9ab, h7: 0x5be0_cd19)

    /// Runs the compression function over the block held as 16 big-endian words in `schedule[0..<16]`.
    ///
    /// `schedule` must have room for 64 words: words 16...63 are overwritten with the message
    /// schedule, words 0...15 are left as they were, so a caller may change only what differs
    /// between two blocks.
    @inline(__always)
    mutating func compress(_ schedule: UnsafeMutablePointer<UInt32>) {
        for t in 16..<64 {
            let w15 = schedule[t - 15]
            let w2 = schedule[t - 2]
            let sigma0 = w15.rotatedRight(7) ^ w15.rotatedRight(18) ^ (w15 >> 3)
            let sigma1 = w2.rotatedRight(17) ^ w2.rotatedRight(19) ^ (w2 >> 10)
            schedule[t] = sigma1 &+ schedule[t - 7] &+ sigma0 &+ schedule[t - 16]
        }
        var a = h0
        var b = h1
        var c = h2
        var d = h3
        var e = h4
        var f = h5
        var g = h6
        var h = h7
        // Unrolled, with the roles of the eight variables rotating instead of the values moving.
        SHA256State.roundConstants.withUnsafeBufferPointer { k in
            Self.round(a, b, c, &d, e, f, g, &h, k[0] &+ schedule[0])
            Self.round(h, a, b, &c, d, e, f, &g, k[1] &+ schedule[1])
            Self.round(g, h, a, &b, c, d, e, &f, k[2] &+ schedule[2])
            Self.round(f, g, h, &a, b, c, d, &e, k[3] &+ schedule[3])
            Self.round(e, f, g, &h, a, b, c, &d, k[4] &+ schedule[4])
            Self.round(d, e, f, &g, h, a, b, &c, k[5] &+ schedule[5])
            Self.round(c, d, e, &f, g, h, a, &b, k[6] &+ schedule[6])
            Self.round(b, c, d, &e, f, g, h, &a, k[7] &+ schedule[7])
            Self.round(a, b, c, &d, e, f, g, &h, k[8] &+ schedule[8])
            Self.round(h, a, b, &c, d, e, f, &g, k[9] &+ schedule[9])
            Self.round(g, h, a, &b, c, d, e, &f, k[10] &+ schedule[10])
            Self.round(f, g, h, &a, b, c, d, &e, k[11] &+ schedule[11])
            Self.round(e, f, g, &h, a, b, c, &d, k[12] &+ schedule[12])
            Self.round(d, e, f, &g, h, a, b, &c, k[13] &+ schedule[13])
            Self.round(c, d, e, &f, g, h, a, &b, k[14] &+ schedule[14])
            Self.round(b, c, d, &e, f, g, h, &a, k[15] &+ schedule[15])
            Self.round(a, b, c, &d, e, f, g, &h, k[16] &+ schedule[16])
            Self.round(h, a, b, &c, d, e, f, &g, k[17] &+ schedule[17])
            Self.round(g, h, a, &b, c, d, e, &f, k[18] &+ schedule[18])
            Self.round(f, g, h, &a, b, c, d, &e, k[19] &+ schedule[19])
            Self.round(e, f, g, &h, a, b, c, &d, k[20] &+ schedule[20])
            Self.round(d, e, f, &g, h, a, b, &c, k[21] &+ schedule[21])
            Self.round(c, d, e, &f, g, h, a, &b, k[22] &+ schedule[22])
            Self.round(b, c, d, &e, f, g, h, &a, k[23] &+ schedule[23])
            Self.round(a, b, c, &d, e, f, g, &h, k[24] &+ schedule[24])
            Self.round(h, a, b, &c, d, e, f, &g, k[25] &+ schedule[25])
            Self.round(g, h, a, &b, c, d, e, &f, k[26] &+ schedule[26])
            Self.round(f, g, h, &a, b, c, d, &e, k[27] &+ schedule[27])
            Self.round(e, f, g, &h, a, b, c, &d, k[28] &+ schedule[28])
            Self.round(d, e, f, &g, h, a, b, &c, k[29] &+ schedule[29])
            Self.round(c, d, e, &f, g, h, a, &b, k[30] &+ schedule[30])
            Self.round(b, c, d, &e, f, g, h, &a, k[31] &+ schedule[31])
            Self.round(a, b, c, &d, e, f, g, &h, k[32] &+ schedule[32])
            Self.round(h, a, b, &c, d, e, f, &g, k[33] &+ schedule[33])
            Self.round(g, h, a, &b, c, d, e, &f, k[34] &+ schedule[34])
            Self.round(f, g, h, &a, b, c, d, &e, k[35] &+ schedule[35])
            Self.round(e, f, g, &h, a, b, c, &d, k[36] &+ schedule[36])
            Self.round(d, e, f, &g, h, a, b, &c, k[37] &+ schedule[37])
            Self.round(c, d, e, &f, g, h, a, &b, k[38] &+ schedule[38])
            Self.round(b, c, d, &e, f, g, h, &a, k[39] &+ schedule[39])
            Self.round(a, b, c, &d, e, f, g, &h, k[40] &+ schedule[40])
            Self.round(h, a, b, &c, d, e, f, &g, k[41] &+ schedule[41])
            Self.round(g, h, a, &b, c, d, e, &f, k[42] &+ schedule[42])
            Self.round(f, g, h, &a, b, c, d, &e, k[43] &+ schedule[43])
            Self.round(e, f, g, &h, a, b, c, &d, k[44] &+ schedule[44])
            Self.round(d, e, f, &g, h, a, b, &c, k[45] &+ schedule[45])
            Self.round(c, d, e, &f, g, h, a, &b, k[46] &+ schedule[46])
            Self.round(b, c, d, &e, f, g, h, &a, k[47] &+ schedule[47])
            Self.round(a, b, c, &d, e, f, g, &h, k[48] &+ schedule[48])
            Self.round(h, a, b, &c, d, e, f, &g, k[49] &+ schedule[49])
            Self.round(g, h, a, &b, c, d, e, &f, k[50] &+ schedule[50])
            Self.round(f, g, h, &a, b, c, d, &e, k[51] &+ schedule[51])
            Self.round(e, f, g, &h, a, b, c, &d, k[52] &+ schedule[52])
            Self.round(d, e, f, &g, h, a, b, &c, k[53] &+ schedule[53])
            Self.round(c, d, e, &f, g, h, a, &b, k[54] &+ schedule[54])
            Self.round(b, c, d, &e, f, g, h, &a, k[55] &+ schedule[55])
            Self.round(a, b, c, &d, e, f, g, &h, k[56] &+ schedule[56])
            Self.round(h, a, b, &c, d, e, f, &g, k[57] &+ schedule[57])
            Self.round(g, h, a, &b, c, d, e, &f, k[58] &+ schedule[58])
            Self.round(f, g, h, &a, b, c, d, &e, k[59] &+ schedule[59])
            Self.round(e, f, g, &h, a, b, c, &d, k[60] &+ schedule[60])
            Self.round(d, e, f, &g, h, a, b, &c, k[61] &+ schedule[61])
            Self.round(c, d, e, &f, g, h, a, &b, k[62] &+ schedule[62])
            Self.round(b, c, d, &e, f, g, h, &a, k[63] &+ schedule[63])
        }
        h0 &+= a
        h1 &+= b
        h2 &+= c
        h3 &+= d
        h4 &+= e
        h5 &+= f
        h6 &+= g
        h7 &+= h
    }

    /// One SHA-256 round (FIPS 180-4 §6.2.2 step 3) where `h` becomes the new `a` and `d` the new `e`.
    @inline(__always)
    private static func round(
        _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32, _ g: UInt32,
        _ h: inout UInt32, _ constantPlusWord: UInt32
    ) {
        let bigSigma1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
        let choose = (e & f) ^ (~e & g)
        let temp1 = h &+ bigSigma1 &+ choose &+ constantPlusWord
        let bigSigma0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
        let majority = (a & b) ^ (a & c) ^ (b & c)
        d &+= temp1
        h = temp1 &+ bigSigma0 &+ majority
    }

    /// Writes the eight words into `words[0..<8]`, as the start of the next block to hash.
    @inline(__always)
    func store(into words: UnsafeMutablePointer<UInt32>) {
        words[0] = h0
        words[1] = h1
        words[2] = h2
        words[3] = h3
        words[4] = h4
        words[5] = h5
        words[6] = h6
        words[7] = h7
    }

    /// XORs another state's words into this one (PBKDF2's running sum of HMAC outputs).
    @inline(__always)
    mutating func formXor(_ other: SHA256State) {
        h0 ^= other.h0
        h1 ^= other.h1
        h2 ^= other.h2
        h3 ^= other.h3
        h4 ^= other.h4
        h5 ^= other.h5
        h6 ^= other.h6
        h7 ^= other.h7
    }

    /// The 32-byte digest: the words in big-endian order.
    var bytes: [UInt8] {
        var digest: [UInt8] = []
        digest.reserveCapacity(SHA256.digestByteCount)
        for word in [h0, h1, h2, h3, h4, h5, h6, h7] {
            digest.append(UInt8(truncatingIfNeeded: word >> 24))
            digest.append(UInt8(truncatingIfNeeded: word >> 16))
            digest.append(UInt8(truncatingIfNeeded: word >> 8))
            digest.append(UInt8(truncatingIfNeeded: word))
        }
        return digest
    }

    /// FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes.
    static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]
}
