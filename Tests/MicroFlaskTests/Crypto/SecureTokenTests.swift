import Testing

@testable import MicroFlask

extension CryptoTests {
    /// The token generator: lengths and alphabets as Python's `secrets`, and no repeats.
    @Suite struct SecureTokenTests {
        @Test func lengthsMatchPythonsSecrets() {
            #expect(SecureToken.bytes().count == 32)
            #expect(SecureToken.bytes(5).count == 5)
            #expect(SecureToken.bytes(0).isEmpty)
            #expect(SecureToken.hex().count == 64)
            #expect(SecureToken.hex(3).count == 6)
            #expect(SecureToken.urlSafe().count == 43)  // len(secrets.token_urlsafe()) == 43
            #expect(SecureToken.urlSafe(16).count == 22)
        }

        @Test func alphabets() {
            #expect(SecureToken.hex(64).allSatisfy { "0123456789abcdef".contains($0) })
            let urlSafe = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
            #expect(SecureToken.urlSafe(64).allSatisfy { urlSafe.contains($0) })
            let salt = SecureToken.salt(length: 2000)
            #expect(salt.count == 2000)
            #expect(salt.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
            // 2000 draws from 62 characters: missing any one has probability about 62 * e^-32.
            #expect(Set(salt).count == 62)
        }

        @Test func tokensDoNotRepeat() {
            let tokens = (0..<200).map { _ in SecureToken.hex(16) }
            #expect(Set(tokens).count == tokens.count)
            let bytes = SecureToken.bytes(4096)
            #expect(Set(bytes).count > 200, "4096 random bytes take nearly every value")
        }
    }
}
