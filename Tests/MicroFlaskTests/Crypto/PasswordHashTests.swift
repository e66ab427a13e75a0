import Testing

@testable import MicroFlask

extension CryptoTests {
    /// `generatePasswordHash` and `checkPasswordHash` against hashes Werkzeug 3.1.8 made.
    @Suite struct PasswordHashTests {
        /// A hash from `werkzeug.security.generate_password_hash`, and its password.
        struct Fixture: Sendable, CustomStringConvertible {
            let hash: String
            let password: String
            var description: String { String(hash.prefix(while: { $0 != "$" })) }
        }

        /// Made with Werkzeug 3.1.8: `generate_password_hash(password, method, salt_length)`.
        static let werkzeugHashes = [
            // generate_password_hash("test"): Werkzeug's default method.
            Fixture(
                hash: "scrypt:32768:8:1$zccrz0o706Jyko1H$0cb9d20091359ff0e697ebb6deebdae843a37217d827931ec4ed3bc3"
                    + "64a970eb8322a5bf8dd732b11c72c6e061749e6317c21df16b33064d4846bf0ba3228f71",
                password: "test"),
            Fixture(
                hash: "scrypt:2048:8:1$tPjg$2268a6a2fae8d72d325983b0107473f85e5ed22dcadefdaeaac7ed937d3b17b0"
                    + "0075a5df9ed2d97a07e6562b2a2f5a18daf5ea4bb2c7c162e4a4e9d8a4a7aef4",
                password: "pässwörd ✓"),
            Fixture(
                hash: "scrypt:1024:8:2$1TExieE1$3185bb32a6b85562e9d021e12c4a392d2825de1a3319390d56090159b4499628"
                    + "12e067d3f0aacebd2d18a5d3460639bafb5783f63b0227fbc6b49d36836a09da",
                password: "secret"),
            Fixture(
                hash:
                    "pbkdf2:sha256:50000$yJ7LE7E3IIzzJ0Ue$97783d165ff2209cac10c2d2703b10598aead6f482e455d54d7d4a3226278291",
                password: "test"),
            Fixture(
                hash:
                    "pbkdf2:sha256:2000$lXlAN0eUGgFe68p9$f283c69c563f5c895d4f093d2148d30c369e43b5310c097474afbeb98e6654bc",
                password: "pässwörd ✓"),
            Fixture(
                hash:
                    "pbkdf2:sha256:10$nqsg73HtihvCYLLj$2d5534f2a69d3224c10216cbcdc6d2b60d77febee6d6dd4a98a66a5a44bc0f1a",
                password: "a$b:c"),
        ]

        @Test(arguments: werkzeugHashes)
        func werkzeugHashesVerify(_ fixture: Fixture) throws {
            #expect(try checkPasswordHash(fixture.hash, fixture.password))
            #expect(try !checkPasswordHash(fixture.hash, fixture.password + "x"))
        }

        /// With the salt fixed, the whole stored string is Werkzeug's (`_hash_internal(method, salt, password)`).
        @Test func sameSaltGivesWerkzeugsDigest() throws {
            let pbkdf2 = try PasswordHashMethod("pbkdf2:sha256:1000")
            #expect(
                try pbkdf2.hexDigest(password: "hunter2", salt: "fixedsalt1234567")
                    == "8ebfe312e992c55e0c785a42435da8ad656cd57e114e9e0048be5e996170c02f")
            let scrypt = try PasswordHashMethod("scrypt:1024:8:1")
            #expect(
                try scrypt.hexDigest(password: "hunter2", salt: "fixedsalt1234567")
                    == "115238de4c80ea40c50aca12f6b01fb002566abe23dd6a556c4c224e3720133039c5eb00c34b57e70242d11257f8bdee3edbf34c3d5d7f0296b737e3ebaadc4d"
            )
        }

        @Test func methodsAreSpelledOutAsWerkzeugDoes() throws {
            #expect(try PasswordHashMethod("scrypt").text == "scrypt:32768:8:1")
            #expect(try PasswordHashMethod("pbkdf2").text == "pbkdf2:sha256:1000000")
            #expect(try PasswordHashMethod("pbkdf2:sha256").text == "pbkdf2:sha256:1000000")
            #expect(try PasswordHashMethod("pbkdf2:sha256:600000").text == "pbkdf2:sha256:600000")
            #expect(try PasswordHashMethod("scrypt:16384:8:2").text == "scrypt:16384:8:2")
        }

        /// The default is Werkzeug 3.1's: scrypt, N=32768, r=8, p=1, a 16-character salt.
        @Test func defaultHashIsWerkzeugsScrypt() throws {
            let stored = try generatePasswordHash("correct horse")
            let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
            #expect(parts.count == 3)
            #expect(parts[0] == "scrypt:32768:8:1")
            #expect(parts[1].count == 16)
            #expect(parts[2].count == 128)
            #expect(try checkPasswordHash(stored, "correct horse"))
        }

        @Test func pbkdf2HashesRoundTrip() throws {
            let stored = try generatePasswordHash("hunter2", method: "pbkdf2:sha256:1000", saltLength: 8)
            #expect(stored.hasPrefix("pbkdf2:sha256:1000$"))
            let parts = stored.split(separator: "$")
            #expect(parts[1].count == 8)
            #expect(parts[2].count == 64)
            #expect(parts[2].allSatisfy { "0123456789abcdef".contains($0) })
            #expect(try checkPasswordHash(stored, "hunter2"))
            #expect(try !checkPasswordHash(stored, "hunter3"))
            #expect(
                try generatePasswordHash("hunter2", method: "pbkdf2:sha256:1000") != stored, "a fresh salt each time")
        }

        /// Like Werkzeug, a hash without its three `$` parts, or with a digest in another case, is just wrong.
        @Test(arguments: [
            "", "plain", "pbkdf2:sha256:10$nqsg73HtihvCYLLj",
            "pbkdf2:sha256:10$nqsg73HtihvCYLLj$2D5534F2A69D3224C10216CBCDC6D2B60D77FEBEE6D6DD4A98A66A5A44BC0F1A",
            "pbkdf2:sha256:10$nqsg73HtihvCYLLj$2d5534",
        ])
        func malformedHashesAreFalse(_ hash: String) throws {
            #expect(try !checkPasswordHash(hash, "a$b:c"))
        }

        /// A method MicroFlask cannot compute is an error naming it, as Werkzeug raises `ValueError`,
        /// never a silent `false` that would lock every user out.
        @Test func unknownMethodsFailLoudly() {
            #expect(throws: PasswordHashError.unsupportedMethod("pbkdf2:sha512")) {
                try checkPasswordHash("pbkdf2:sha512:1000$salt$00", "pw")
            }
            #expect(throws: PasswordHashError.unsupportedMethod("md5")) {
                try checkPasswordHash("md5$salt$00", "pw")
            }
            #expect(throws: PasswordHashError.self) { try checkPasswordHash("pbkdf2:sha256:ten$salt$00", "pw") }
            #expect(throws: PasswordHashError.self) { try checkPasswordHash("pbkdf2:sha256:0$salt$00", "pw") }
            #expect(throws: PasswordHashError.self) { try checkPasswordHash("scrypt:1000:8:1$salt$00", "pw") }
            #expect(throws: PasswordHashError.self) { try checkPasswordHash("scrypt:16:8$salt$00", "pw") }
            #expect(throws: PasswordHashError.unsupportedMethod("argon2")) {
                try generatePasswordHash("pw", method: "argon2")
            }
            #expect(throws: PasswordHashError.invalidSaltLength(0)) {
                try generatePasswordHash("pw", method: "pbkdf2:sha256:1", saltLength: 0)
            }
            let message = PasswordHashError.unsupportedMethod("pbkdf2:sha512").description
            #expect(message.contains("pbkdf2:sha512") && message.contains("scrypt"))
        }
    }
}
