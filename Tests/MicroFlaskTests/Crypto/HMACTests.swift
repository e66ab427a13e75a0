import Testing

@testable import MicroFlask

extension CryptoTests {
    /// All seven HMAC-SHA-256 test cases of RFC 4231 §4.
    @Suite struct HMACTests {
        private static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

        @Test func rfc4231Case1() {
            let tag = HMACSHA256.authenticate(Self.bytes("Hi There"), key: [UInt8](repeating: 0x0b, count: 20))
            #expect(HexBytes.string(tag) == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        }

        @Test func rfc4231Case2KeyShorterThanOutput() {
            let tag = HMACSHA256.authenticate(Self.bytes("what do ya want for nothing?"), key: Self.bytes("Jefe"))
            #expect(HexBytes.string(tag) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        }

        @Test func rfc4231Case3CombinedLengthOverBlock() {
            let tag = HMACSHA256.authenticate(
                [UInt8](repeating: 0xdd, count: 50), key: [UInt8](repeating: 0xaa, count: 20))
            #expect(HexBytes.string(tag) == "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")
        }

        @Test func rfc4231Case4() {
            let key = (1...25).map { UInt8($0) }
            let tag = HMACSHA256.authenticate([UInt8](repeating: 0xcd, count: 50), key: key)
            #expect(HexBytes.string(tag) == "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b")
        }

        @Test func rfc4231Case5TruncatedTo128Bits() {
            let tag = HMACSHA256.authenticate(
                Self.bytes("Test With Truncation"), key: [UInt8](repeating: 0x0c, count: 20))
            #expect(HexBytes.string(Array(tag.prefix(16))) == "a3b6167473100ee06e0c796c2955552b")
        }

        @Test func rfc4231Case6KeyLargerThanBlock() {
            let tag = HMACSHA256.authenticate(
                Self.bytes("Test Using Larger Than Block-Size Key - Hash Key First"),
                key: [UInt8](repeating: 0xaa, count: 131))
            #expect(HexBytes.string(tag) == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
        }

        @Test func rfc4231Case7KeyAndDataLargerThanBlock() {
            let data = Self.bytes(
                "This is a test using a larger than block-size key and a larger than block-size data. "
                    + "The key needs to be hashed before being used by the HMAC algorithm.")
            let tag = HMACSHA256.authenticate(data, key: [UInt8](repeating: 0xaa, count: 131))
            #expect(HexBytes.string(tag) == "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")
        }
    }
}
