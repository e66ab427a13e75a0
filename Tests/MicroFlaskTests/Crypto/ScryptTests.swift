import Testing

@testable import MicroFlask

extension CryptoTests {
    /// scrypt against RFC 7914 §12's vectors, and its parameter checks.
    @Suite struct ScryptTests {
        @Test func rfc7914EmptyPasswordAndSalt() throws {
            let key = try Scrypt.derive(password: [], salt: [], n: 16, r: 1, p: 1)
            #expect(
                HexBytes.string(key)
                    == "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
                    + "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906")
        }

        @Test func rfc7914ParallelSixteen() throws {
            let key = try Scrypt.derive(
                password: Array("password".utf8), salt: Array("NaCl".utf8), n: 1024, r: 8, p: 16)
            #expect(
                HexBytes.string(key)
                    == "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                    + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640")
        }

        @Test func rfc7914SixteenThousand() throws {
            let key = try Scrypt.derive(
                password: Array("pleaseletmein".utf8), salt: Array("SodiumChloride".utf8), n: 16384, r: 8, p: 1)
            #expect(
                HexBytes.string(key)
                    == "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"
                    + "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887")
        }

        @Test(arguments: [(0, 8, 1), (1, 8, 1), (1000, 8, 1), (16, 0, 1), (16, 1, 0), (1 << 30, 8, 1)])
        func refusesBadParameters(n: Int, r: Int, p: Int) {
            #expect(throws: PasswordHashError.self) {
                _ = try Scrypt.derive(password: [], salt: [], n: n, r: r, p: p)
            }
        }
    }
}
