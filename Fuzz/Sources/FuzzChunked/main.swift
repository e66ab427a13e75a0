// The chunked decoder: the same bytes whole and cut into reads must decode to the same data and
// end at the same byte, or fail with the same status; the decoded size never passes the limit.
import FuzzSupport
@testable import MicroFlask

struct Outcome: Equatable {
    var data: [UInt8] = []
    /// The offset just after the last byte of the body, or the failure status.
    var end: Int?
    var failure: Int?
}

func decode(_ pieces: [ArraySlice<UInt8>]) -> Outcome {
    var decoder = ChunkedDecoder(maxBodySize: 2048, maxTrailerSize: 128, maxChunkLineLength: 64)
    var outcome = Outcome()
    var offset = 0
    for piece in pieces {
        let done = piece.withUnsafeBufferPointer { bytes -> Bool in
            var position = 0
            while true {
                switch decoder.next(bytes, at: &position) {
                case .failure(let error):
                    outcome.failure = error.status.code
                    return true
                case .success(.data(let range)):
                    check(range.lowerBound >= 0 && range.upperBound <= bytes.count, "a span outside the input")
                    outcome.data.append(contentsOf: bytes[range])
                case .success(.end):
                    check(position <= bytes.count, "ended past the end of the input")
                    outcome.end = offset + position
                    return true
                case .success(.needMore):
                    check(position == bytes.count, "needMore before the end of the input")
                    return false
                }
            }
        }
        offset += piece.count
        check(outcome.data.count <= 2048, "decoded more than the body limit")
        if done { break }
    }
    return outcome
}

runFuzzer { data in
    let input = CutInput(data)
    let whole = decode([input.payload[...]])
    let cut = decode(input.pieces)
    check(whole == cut, "cut at \(input.cuts): \(whole) != \(cut)")
}
