import Testing

@testable import MicroFlask

extension CryptoTests {
    @Suite struct Base64URLTests {
        @Test func rfc4648VectorsWithoutPadding() {
            let vectors = [
                ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"),
            ]
            for (plain, encoded) in vectors {
                #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
                #expect(Base64URL.decode(encoded) == Array(plain.utf8))
            }
        }

        @Test func usesUrlSafeAlphabet() {
            #expect(Base64URL.encode([0xfb, 0xff, 0xbf]) == "-_-_")
            #expect(Base64URL.decode("-_-_") == [0xfb, 0xff, 0xbf])
        }

        @Test func roundTripsAllLengths() {
            for length in 0..<70 {
                let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 200) }
                #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
            }
        }

        @Test func rejectsPaddingForeignCharactersAndBadLengths() {
            #expect(Base64URL.decode("Zg==") == nil)
            #expect(Base64URL.decode("Zm+v") == nil)
            #expect(Base64URL.decode("Zm/v") == nil)
            #expect(Base64URL.decode("Z") == nil)
            #expect(Base64URL.decode("Zm 9") == nil)
            #expect(Base64URL.decode("Zmé") == nil)
        }

        @Test func rejectsNonCanonicalTrailingBits() {
            #expect(Base64URL.decode("Zh") == nil)  // "Zg" with a low bit set
            #expect(Base64URL.decode("Zm9") == nil)  // "Zm8" with a low bit set
        }
    }
}
