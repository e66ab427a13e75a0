import Testing

@testable import MicroFlask

extension CryptoTests {
    /// FIPS 180-4 / NIST CSRC example vectors for SHA-256, plus streaming behaviour.
    @Suite struct SHA256Tests {
        @Test func abcMatchesNISTVector() {
            let digest = SHA256.hash(Array("abc".utf8))
            #expect(HexBytes.string(digest) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        }

        @Test func emptyMessageMatchesNISTVector() {
            let digest = SHA256.hash([UInt8]())
            #expect(HexBytes.string(digest) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        }

        @Test func twoBlock448BitMessageMatchesNISTVector() {
            let message = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
            #expect(message.count * 8 == 448)
            #expect(
                HexBytes.string(SHA256.hash(message))
                    == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        }

        @Test func oneMillionAsMatchesNISTVector() {
            let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
            #expect(
                HexBytes.string(SHA256.hash(message))
                    == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        }

        @Test func oneMillionAsFedInOddChunksGivesSameDigest() {
            var hasher = SHA256Hasher()
            let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 999)
            var remaining = 1_000_000
            while remaining > 0 {
                let count = min(remaining, chunk.count)
                hasher.update(chunk[0..<count])
                remaining -= count
            }
            #expect(
                HexBytes.string(hasher.finalize())
                    == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        }

        @Test func eightHundredNinetySixBitMessageMatchesNISTVector() {
            let message = Array(
                ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                    + "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu").utf8)
            #expect(
                HexBytes.string(SHA256.hash(message))
                    == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        }

        @Test func byteAtATimeMatchesOneShotAcrossPaddingEdges() {
            // Lengths around 55/56/64 bytes exercise the one-block and two-block padding paths.
            for length in [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 200] {
                let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
                var hasher = SHA256Hasher()
                for byte in message {
                    hasher.update(CollectionOfOne(byte))
                }
                #expect(hasher.finalize() == SHA256.hash(message), "length \(length)")
            }
        }

        @Test func nonContiguousCollectionsAreHashed() {
            let message = Array("abc".utf8)
            let lazy = message.lazy.map { $0 }
            #expect(SHA256.hash(lazy) == SHA256.hash(message))
        }

        @Test func finalizeLeavesHasherUsable() {
            var hasher = SHA256Hasher()
            hasher.update(Array("ab".utf8))
            _ = hasher.finalize()
            hasher.update(Array("c".utf8))
            #expect(hasher.finalize() == SHA256.hash(Array("abc".utf8)))
        }
    }
}
