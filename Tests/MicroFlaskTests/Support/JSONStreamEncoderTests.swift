import Foundation
import Testing

@testable import MicroFlask

/// `JSONStreamEncoder` writes common shapes in one pass with the bytes `JSONEncoder` gives, and
/// declines (nil) the container orders it cannot follow, which `JSONBytesEncoder` then encodes
/// through the tree.
@Suite("JSONStreamEncoder")
struct JSONStreamEncoderTests {
    static func stream(_ value: some Encodable, sortsKeys: Bool = true) throws -> String? {
        try JSONStreamEncoder.encode(value, sortsKeys: sortsKeys).map { String(decoding: $0, as: UTF8.self) }
    }

    static func foundation(_ value: some Encodable) throws -> String {
        try JSONBytesEncoderTests.foundation(value)
    }

    /// The tree encoder's bytes, which `JSONBytesEncoder` falls back to.
    static func tree(_ value: some Encodable, sortsKeys: Bool) throws -> String {
        let encoder = JSONTreeEncoder(codingPath: [], destination: .root)
        try value.encode(to: encoder)
        var writer = JSONByteWriter(sortsKeys: sortsKeys)
        writer.write(try #require(encoder.root))
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    enum Shape: Codable {
        case circle(radius: Double)
        case polygon(sides: [Int], name: String?)
        case none
    }

    struct Row: Codable {
        var zeta: Int
        var alpha: [String: [String: Int]]
        var shapes: [Shape]
        var id: UUID
    }

    /// Asks for its keyed container twice, as some hand-written conformances do.
    struct AskedTwice: Encodable {
        enum Keys: String, CodingKey { case b, a, c }
        func encode(to encoder: any Encoder) throws {
            var first = encoder.container(keyedBy: Keys.self)
            try first.encode(1, forKey: .b)
            var second = encoder.container(keyedBy: Keys.self)
            try second.encode(2, forKey: .a)
            try first.encode(3, forKey: .c)
        }
    }

    /// Writes into a nested container after its parent wrote a later member.
    struct Interleaved: Encodable {
        enum Keys: String, CodingKey { case inner, after, late }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            var inner = container.nestedContainer(keyedBy: Keys.self, forKey: .inner)
            try inner.encode(1, forKey: .after)
            try container.encode("x", forKey: .after)
            try inner.encode(2, forKey: .late)
        }
    }

    /// Encodes the coding path it is given, as text, at every depth.
    struct PathProbe: Encodable {
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(encoder.codingPath.map(\.stringValue).joined(separator: "."))
        }
    }

    struct Paths: Encodable {
        var top = PathProbe()
        var list = [PathProbe(), PathProbe()]
        var map = ["k": [PathProbe()]]
        var nested = Nested()

        struct Nested: Encodable {
            enum Keys: String, CodingKey { case deep, more }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                var deep = container.nestedContainer(keyedBy: Keys.self, forKey: .deep)
                try deep.encode(PathProbe(), forKey: .more)
                var list = deep.nestedUnkeyedContainer(forKey: .deep)
                try list.encode(PathProbe())
                #expect(list.codingPath.map(\.stringValue) == ["nested", "deep", "deep"])
            }
        }
    }

    @Test("common shapes stream, with Foundation's bytes")
    func commonShapes() throws {
        let row = Row(
            zeta: -1, alpha: ["y": ["b": 2, "a": 1], "x": [:]],
            shapes: [.circle(radius: 1.5), .polygon(sides: [3], name: nil), .none],
            id: UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!)
        #expect(try Self.stream(row) == Self.foundation(row))
        #expect(try Self.stream([row, row]) == Self.foundation([row, row]))
        #expect(
            try Self.stream(JSONBytesEncoderTests.Everything()) == Self.foundation(JSONBytesEncoderTests.Everything()))
        #expect(try Self.stream(["b": 1, "a": 2]) == #"{"a":2,"b":1}"#)
        #expect(try Self.stream(AskedTwice()) == Self.foundation(AskedTwice()))
    }

    @Test("out-of-order and repeated keys inside nested objects, sorted and not")
    func reordering() throws {
        let repeated = JSONBytesEncoderTests.Repeated()
        let value = ["m": [repeated, repeated], "a": [repeated]]
        #expect(try Self.stream(value) == Self.foundation(value))
        for sorts in [true, false] {
            #expect(try Self.stream(repeated, sortsKeys: sorts) == Self.tree(repeated, sortsKeys: sorts))
            #expect(try Self.stream([repeated], sortsKeys: sorts) == Self.tree([repeated], sortsKeys: sorts))
        }
        #expect(try Self.stream(repeated, sortsKeys: false) == #"{"b":3,"a":2}"#)
    }

    @Test("random nested dictionaries give Foundation's bytes")
    func randomDictionaries() throws {
        var generator = SystemRandomNumberGenerator()
        let letters = Array("abcXYZé_0")
        func key() -> String {
            String(
                (0..<Int.random(in: 0...3, using: &generator)).map { _ in letters.randomElement(using: &generator)! })
        }
        for _ in 0..<200 {
            var value: [String: [String: Int]] = [:]
            for _ in 0..<Int.random(in: 0...6, using: &generator) {
                var inner: [String: Int] = [:]
                for _ in 0..<Int.random(in: 0...6, using: &generator) {
                    inner[key()] = Int.random(in: -99...99, using: &generator)
                }
                value[key()] = inner
            }
            #expect(try Self.stream(value) == Self.foundation(value))
        }
    }

    /// Compared with the tree encoder's: inside a nested container Foundation's encoder leaves
    /// that container's own key out of the path (`nested.more` for `nested.deep.more`).
    @Test("coding paths name every key and index down to the value")
    func codingPaths() throws {
        #expect(try Self.stream(Paths()) == Self.tree(Paths(), sortsKeys: true))
        #expect(try Self.stream(Paths())?.contains(#""more":"nested.deep.more""#) == true)
    }

    @Test("orders it cannot follow decline, and the bytes encoder still matches Foundation")
    func declines() throws {
        #expect(try Self.stream(Interleaved()) == nil)
        #expect(try Self.stream(JSONBytesEncoderTests.Custom()) == nil)
        #expect(try Self.stream(["x": Interleaved()]) == nil)
        let bytes = try JSONBytesEncoder().encode(Interleaved())
        #expect(String(decoding: bytes, as: UTF8.self) == (try Self.foundation(Interleaved())))
    }

    /// `depth` objects, one inside the other, each with its keys out of order (every level is
    /// put in order, moving the bytes of those inside it).
    struct Deep: Encodable {
        enum Keys: String, CodingKey { case b, a }
        let depth: Int
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            if depth > 1 { try container.encode(Deep(depth: depth - 1), forKey: .b) }
            try container.encode(depth, forKey: .a)
        }
    }

    @Test("values nested past maxDepth go to the tree encoder, so reordering stays linear")
    func deepNesting() throws {
        let deepest = JSONStreamEncoder.maxDepth
        #expect(try Self.stream(Deep(depth: deepest)) == Self.foundation(Deep(depth: deepest)))
        #expect(try Self.stream(Deep(depth: deepest + 1)) == nil)
        let bytes = try JSONBytesEncoder().encode(Deep(depth: 300))
        #expect(String(decoding: bytes, as: UTF8.self) == (try Self.foundation(Deep(depth: 300))))
    }

    @Test("errors are JSONEncoder's, wherever the value is")
    func errors() throws {
        #expect(throws: EncodingError.self) { try Self.stream(["a": [Double.nan]]) }
        #expect(throws: EncodingError.self) { try Self.stream(JSONBytesEncoderTests.Silent()) }
        #expect(try Self.stream([JSONBytesEncoderTests.Silent()]) == "[{}]")
    }
}
