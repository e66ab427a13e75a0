import Foundation
import Testing

@testable import MicroFlask

/// `JSONBytesEncoder` gives the bytes Foundation's `JSONEncoder` (sorted keys) gives, on a corpus
/// of nested values, numbers at their edges, Unicode and Foundation's special types.
@Suite("JSONBytesEncoder")
struct JSONBytesEncoderTests {
    struct Inner: Codable, Equatable {
        var z: [Int?] = [1, nil, -3]
        var a: [String: Double] = ["x": 0.5, "w": -0.0]
    }

    enum Kind: String, Codable { case one, two }

    struct Everything: Codable {
        var text = "quote\" backslash\\ slash/ \u{0}\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1F}\u{7F} é 😀 \u{2028}"
        var int = Int.min
        var uint = UInt64.max
        var small: Int8 = -128
        var u16: UInt16 = 65535
        var i32: Int32 = Int32.min
        var doubles = [
            0.0, 1.0, -1.5, 0.1, 1e300, 1e-7, .leastNonzeroMagnitude, 1.7976931348623157e308, 123456789012345678.0,
            1e16, 1e15,
        ]
        var floats: [Float] = [0.1, 3.4028235e38, .leastNonzeroMagnitude, 16_777_216, -0.0]
        var flag = true
        var missing: String? = nil
        var present: String? = "here"
        var nested = Inner()
        var list = [Inner(), Inner(z: [], a: [:])]
        var map: [String: Int] = ["b10": 1, "b9": 2, "B1": 3, "a": 4, "é": 5, "e": 6, "Z": 7, "_": 8, "": 9]
        var intKeys: [Int: String] = [2: "two", 10: "ten"]
        var kind = Kind.two
        var date = Date(timeIntervalSinceReferenceDate: 12.25)
        var data = Data([0, 1, 2, 254, 255])
        var url = URL(string: "https://example.com/a?b=c")!
        var decimal = Decimal(string: "-12.0500")!
        var uuid = UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!
        var empty: [String] = []
        var emptyMap: [String: String] = [:]
        var nestedArrays = [[1, 2], [], [3]]
    }

    /// A type that writes through a nested container, a super encoder and a single value.
    struct Custom: Encodable {
        enum Keys: String, CodingKey { case inner, list, base }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            var inner = container.nestedContainer(keyedBy: Keys.self, forKey: .inner)
            try inner.encode(1, forKey: .list)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try list.encode("a")
            var deeper = list.nestedUnkeyedContainer()
            try deeper.encodeNil()
            try Inner().encode(to: container.superEncoder(forKey: .base))
            try Inner().encode(to: container.superEncoder())
        }
    }

    /// Encodes nothing at all: `{}` when nested, an error at the top.
    struct Silent: Encodable {
        func encode(to encoder: any Encoder) throws {}
    }

    static func foundation(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func native(_ value: some Encodable) throws -> String {
        String(decoding: try JSONBytesEncoder().encode(value), as: UTF8.self)
    }

    @Test("the same bytes as JSONEncoder with sorted keys")
    func sameAsFoundation() throws {
        #expect(try Self.native(Everything()) == Self.foundation(Everything()))
        #expect(try Self.native(Custom()) == Self.foundation(Custom()))
        #expect(try Self.native(["k": Silent()]) == Self.foundation(["k": Silent()]))
        #expect(try Self.native([Silent()]) == Self.foundation([Silent()]))
    }

    @Test("top-level fragments: strings, numbers, null, arrays")
    func fragments() throws {
        #expect(try Self.native("a/b") == Self.foundation("a/b"))
        #expect(try Self.native(42) == "42")
        #expect(try Self.native(2.0) == "2")
        #expect(try Self.native(Int?.none) == "null")
        #expect(try Self.native([true, false]) == "[true,false]")
        #expect(
            try Self.native(Date(timeIntervalSinceReferenceDate: 0))
                == Self.foundation(Date(timeIntervalSinceReferenceDate: 0)))
    }

    @Test("random doubles print as Foundation prints them")
    func randomDoubles() throws {
        var generator = SystemRandomNumberGenerator()
        let values = (0..<2000).map { _ in Double(bitPattern: generator.next()) }.filter(\.isFinite)
        #expect(try Self.native(values) == Self.foundation(values))
        let scaled = (0..<2000).map { _ in Double.random(in: -1e6...1e6, using: &generator) }
        #expect(try Self.native(scaled) == Self.foundation(scaled))
    }

    @Test("non-finite numbers and silent top-level values throw, as JSONEncoder does")
    func errors() {
        #expect(throws: EncodingError.self) { try JSONBytesEncoder().encode(Double.nan) }
        #expect(throws: EncodingError.self) { try JSONBytesEncoder().encode(["x": Float.infinity]) }
        #expect(throws: EncodingError.self) { try JSONBytesEncoder().encode(Silent()) }
        #expect(throws: EncodingError.self) { try JSONBytesEncoder().encode(Decimal.nan) }
    }

    /// Writes one key twice, and keys out of order.
    struct Repeated: Encodable {
        enum Keys: String, CodingKey { case b, a }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(1, forKey: .b)
            try container.encode(2, forKey: .a)
            try container.encode(3, forKey: .b)
        }
    }

    @Test("a key encoded twice keeps its last value; unsorted keys keep the encoding order")
    func repeatedAndUnsorted() throws {
        #expect(try Self.native(Repeated()) == Self.foundation(Repeated()))
        let unsorted = JSONBytesEncoder(sortsKeys: false)
        #expect(String(decoding: try unsorted.encode(Repeated()), as: UTF8.self) == #"{"b":3,"a":2}"#)
        #expect(String(decoding: try unsorted.encode(Inner()), as: UTF8.self).hasPrefix(#"{"z":[1,null,-3],"a":"#))
    }

    @Test("the output decodes back to the value")
    func roundTrip() throws {
        let inner = Inner(z: [7, nil], a: ["k": 2.5])
        #expect(try JSONDecoder().decode(Inner.self, from: Data(JSONBytesEncoder().encode(inner))) == inner)
    }
}
