import Testing

@testable import MicroFlask

extension CryptoTests {
    @Suite struct CookieSignerTests {
        private let payload = Array("{\"user_id\":42}".utf8)
        private let signedAt = 1_700_000_000

        private func parts(_ token: String) -> [String] {
            token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        }

        @Test func roundTripsPayload() {
            let signer = CookieSigner(secretKey: "secret")
            let token = signer.sign(payload, timestamp: signedAt)
            #expect(signer.unsign(token, maxAge: nil) == payload)
            #expect(signer.unsign(token, maxAge: 60, now: signedAt + 60) == payload)
        }

        @Test func tokenHasThreeBase64URLParts() {
            let token = CookieSigner(secretKey: "secret").sign(payload, timestamp: signedAt)
            let pieces = parts(token)
            #expect(pieces.count == 3)
            #expect(Base64URL.decode(pieces[0]) == payload)
            #expect(Base64URL.decode(pieces[1]) == [0x65, 0x53, 0xf1, 0x00])  // 1_700_000_000 big-endian
            #expect(Base64URL.decode(pieces[2])?.count == 32)
            #expect(!token.contains("="))
        }

        @Test func signatureIsHMACOfFirstTwoPartsUnderDerivedKey() {
            let token = CookieSigner(secretKey: "secret", salt: "s").sign(payload, timestamp: signedAt)
            let pieces = parts(token)
            let key = HMACSHA256.authenticate(Array("microflask-signer:s".utf8), key: Array("secret".utf8))
            let mac = HMACSHA256.authenticate(Array((pieces[0] + "." + pieces[1]).utf8), key: key)
            #expect(pieces[2] == Base64URL.encode(mac))
        }

        @Test func emptyPayloadAndZeroTimestampWork() {
            let signer = CookieSigner(secretKey: "secret")
            let token = signer.sign([], timestamp: 0)
            #expect(signer.unsign(token, maxAge: nil) == [])
        }

        @Test func tamperingWithAnyPartIsRejected() {
            let signer = CookieSigner(secretKey: "secret")
            let pieces = parts(signer.sign(payload, timestamp: signedAt))
            let otherPayload = Base64URL.encode(Array("{\"user_id\":1}".utf8))
            let otherStamp = Base64URL.encode([0x7f, 0xff, 0xff, 0xff])
            let flipped = String(pieces[2].dropLast()) + (pieces[2].hasSuffix("A") ? "Q" : "A")
            let tampered = [
                [otherPayload, pieces[1], pieces[2]],
                [pieces[0], otherStamp, pieces[2]],
                [pieces[0], pieces[1], flipped],
                [pieces[0] + "A", pieces[1], pieces[2]],
                [pieces[0], pieces[1], pieces[2] + "AA"],
            ]
            for candidate in tampered {
                #expect(signer.unsign(candidate.joined(separator: "."), maxAge: nil) == nil)
            }
        }

        @Test func everySingleCharacterChangeIsRejected() {
            let signer = CookieSigner(secretKey: "secret")
            let token = Array(signer.sign(payload, timestamp: signedAt).utf8)
            for index in token.indices {
                for replacement in [UInt8(ascii: "A"), UInt8(ascii: "_"), UInt8(ascii: ".")]
                where token[index] != replacement {
                    var changed = token
                    changed[index] = replacement
                    #expect(signer.unsign(String(decoding: changed, as: UTF8.self), maxAge: nil) == nil)
                }
            }
        }

        @Test func wrongKeyOrSaltIsRejected() {
            let token = CookieSigner(secretKey: "secret").sign(payload, timestamp: signedAt)
            #expect(CookieSigner(secretKey: "other").unsign(token, maxAge: nil) == nil)
            #expect(CookieSigner(secretKey: "secret", salt: "csrf").unsign(token, maxAge: nil) == nil)
        }

        @Test func fallbackKeysVerifyButDoNotSign() {
            let old = CookieSigner(secretKey: "old")
            let rotated = CookieSigner(secretKey: "new", fallbackKeys: ["older", "old"])
            let oldToken = old.sign(payload, timestamp: signedAt)
            #expect(rotated.unsign(oldToken, maxAge: nil) == payload)

            let newToken = rotated.sign(payload, timestamp: signedAt)
            #expect(old.unsign(newToken, maxAge: nil) == nil)
            #expect(CookieSigner(secretKey: "new").unsign(newToken, maxAge: nil) == payload)
        }

        @Test func expiredAndFutureTokensAreRejectedWhenMaxAgeIsSet() {
            let signer = CookieSigner(secretKey: "secret")
            let token = signer.sign(payload, timestamp: signedAt)
            #expect(signer.unsign(token, maxAge: 60, now: signedAt + 61) == nil)
            #expect(signer.unsign(token, maxAge: 0, now: signedAt) == payload)
            #expect(signer.unsign(token, maxAge: 60, now: signedAt - 1) == nil)
            #expect(signer.unsign(token, maxAge: nil, now: signedAt + 1_000_000) == payload)
            #expect(signer.unsign(token, maxAge: 60, now: Int.min) == nil)
        }

        @Test func negativeTimestampIsStoredAsZero() {
            let signer = CookieSigner(secretKey: "secret")
            let token = signer.sign(payload, timestamp: -5)
            #expect(signer.unsign(token, maxAge: 10, now: 10) == payload)
        }

        @Test func garbageNeverVerifies() {
            let signer = CookieSigner(secretKey: "secret")
            let pieces = parts(signer.sign(payload, timestamp: signedAt))
            let garbage = [
                "", ".", "..", "...", "a.b.c", "a.b", "abc", "====", "é.é.é", "\u{0}.\u{0}.\u{0}",
                pieces[0] + "." + pieces[1], pieces[0] + "." + pieces[1] + ".",
                pieces.joined(separator: ".") + ".", "." + pieces.joined(separator: "."),
                pieces[0] + ".." + pieces[2], String(repeating: "A", count: 10_000),
                String(repeating: ".", count: 1_000),
            ]
            for token in garbage {
                #expect(signer.unsign(token, maxAge: 100) == nil)
            }
        }

        @Test func randomTokensNeverVerifyOrTrap() {
            let signer = CookieSigner(secretKey: "secret")
            var generator = SystemRandomNumberGenerator()
            let alphabet = Array(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ é".unicodeScalars)
            for _ in 0..<500 {
                let length = Int.random(in: 0..<120, using: &generator)
                var token = String.UnicodeScalarView()
                for _ in 0..<length {
                    token.append(alphabet.randomElement(using: &generator)!)
                }
                #expect(signer.unsign(String(token), maxAge: nil) == nil)
            }
        }

        @Test func validSignatureOverUndecodableTimestampIsRejected() {
            // Sign a hand-made token whose timestamp part is nine bytes long (out of range).
            let key = HMACSHA256.authenticate(Array("microflask-signer:cookie-session".utf8), key: Array("secret".utf8))
            let signed = Base64URL.encode(payload) + "." + Base64URL.encode([UInt8](repeating: 0xff, count: 9))
            let token = signed + "." + Base64URL.encode(HMACSHA256.authenticate(Array(signed.utf8), key: key))
            #expect(CookieSigner(secretKey: "secret").unsign(token, maxAge: nil) == nil)
        }
    }
}
