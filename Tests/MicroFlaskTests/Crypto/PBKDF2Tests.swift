import Testing

@testable import MicroFlask

extension CryptoTests {
    /// PBKDF2-HMAC-SHA256 against RFC 7914 §11's vectors.
    @Suite struct PBKDF2Tests {
        @Test func rfc7914OneIteration() {
            let key = PBKDF2.sha256(
                password: Array("passwd".utf8), salt: Array("salt".utf8), iterations: 1, keyByteCount: 64)
            #expect(
                HexBytes.string(key)
                    == "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                    + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783")
        }

        @Test func rfc7914EightyThousandIterations() {
            let key = PBKDF2.sha256(
                password: Array("Password".utf8), salt: Array("NaCl".utf8), iterations: 80_000, keyByteCount: 64)
            #expect(
                HexBytes.string(key)
                    == "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
                    + "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d")
        }

        /// A key longer than one block and not a multiple of 32 bytes, and a password longer than
        /// the 64-byte block (hashed first): both as `hashlib.pbkdf2_hmac` computes them.
        @Test func partialBlockAndLongPassword() {
            let key = PBKDF2.sha256(
                password: [UInt8](repeating: 0x61, count: 100), salt: Array("salt".utf8), iterations: 3,
                keyByteCount: 40)
            #expect(
                HexBytes.string(key)
                    == "338c89a22703aed3e2d593f2febdd48122aedc8ee805d48b5aa2a6b2c2d3db60a5e653c37a22cf6d")
        }
    }
}
