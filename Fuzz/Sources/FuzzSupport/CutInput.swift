/// An input split into a payload and the points where it is cut into reads.
///
/// The first byte gives the number of cuts (0 to 7), the next bytes their places as fractions
/// of the payload (byte / 256), so the fuzzer mutates the split as well as the bytes. Parsers
/// must give the same result for the payload whole and in these pieces.
public struct CutInput {
    /// The bytes after the cut header.
    public let payload: [UInt8]
    /// Ascending offsets into `payload`, each in 0...payload.count.
    public let cuts: [Int]

    /// Splits `data` as described above.
    public init(_ data: [UInt8]) {
        guard let first = data.first else {
            payload = []
            cuts = []
            return
        }
        let count = min(Int(first % 8), data.count - 1)
        let rest = Array(data[(1 + count)...])
        payload = rest
        cuts = data[1..<(1 + count)].map { Int($0) * rest.count / 256 }.sorted()
    }

    /// The payload as consecutive pieces (some may be empty).
    public var pieces: [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var start = 0
        for cut in cuts {
            result.append(payload[start..<cut])
            start = cut
        }
        result.append(payload[start...])
        return result
    }
}
