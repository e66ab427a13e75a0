import Testing

@testable import MicroFlask

extension CryptoTests {
    @Suite struct ConstantTimeTests {
        @Test func equalBytesCompareEqual() {
            #expect(ConstantTime.isEqual([1, 2, 3], [1, 2, 3]))
            #expect(ConstantTime.isEqual([UInt8](), [UInt8]()))
        }

        @Test func anyDifferingByteCompareUnequal() {
            let base: [UInt8] = [9, 8, 7, 6]
            for index in base.indices {
                var other = base
                other[index] ^= 0x01
                #expect(!ConstantTime.isEqual(base, other))
            }
        }

        @Test func differentLengthsCompareUnequal() {
            #expect(!ConstantTime.isEqual([1, 2, 3], [1, 2]))
            #expect(!ConstantTime.isEqual([UInt8](), [0]))
        }
    }
}
