// The HTTP/1.1 codec on a stream of requests: the same bytes fed whole, cut into the reads the
// input's first bytes choose, and with a `.pause` after every request must give the same
// transcript (heads, body bytes, ends, the failure status); nothing may crash or hang.
import FuzzSupport
@testable import MicroFlask

/// Small limits, so the fuzzer reaches every limit check.
let limits: HTTPLimits = {
    var limits = HTTPLimits()
    limits.maxRequestLineLength = 256
    limits.maxHeaderSize = 1024
    limits.maxHeaderCount = 16
    limits.maxBodySize = 4096
    return limits
}()

/// What the codec reported, with body spans joined (their split depends on the reads).
func transcript(_ pieces: [ArraySlice<UInt8>], pausing: Bool) -> [String] {
    var codec = HTTP1Codec(limits: limits)
    var lines: [String] = []
    var body: [UInt8] = []
    var bodyBytes = 0
    func handle(_ event: HTTP1Event) -> HTTP1Directive {
        switch event {
        case .head(let head):
            check(head.isChunked || head.contentLength > 0, "a head event for a request without a body")
            lines.append("head \(head.method) \(head.target) \(head.contentLength) \(head.isChunked)")
        case .continueExpected(let head):
            lines.append("continue \(head.method)")
        case .body(let span):
            body.append(contentsOf: span)
            bodyBytes += span.count
            check(bodyBytes <= limits.maxBodySize, "more body bytes than the limit")
        case .end(let head):
            check(head.isChunked || body.count == head.contentLength, "a body of the wrong length")
            lines.append("end \(head.method) \(head.target) \(head.keepAlive) \(body)")
            body = []
            bodyBytes = 0
            return pausing ? .pause : (head.keepAlive ? .proceed : .close)
        case .failure(let error):
            check(error.status.code >= 400 && error.status.code < 600, "a failure that is not an error status")
            lines.append("failure \(error.status.code)")
        }
        return .proceed
    }
    var closed = false
    for piece in pieces where !closed {
        var directive = piece.withUnsafeBufferPointer { codec.feed($0, handle) }
        while directive == .pause { directive = codec.resume(handle) }
        closed = directive == .close
    }
    if !closed, !body.isEmpty { lines.append("partial \(body)") }
    return lines
}

runFuzzer { data in
    let input = CutInput(data)
    let whole = transcript([input.payload[...]], pausing: false)
    let cut = transcript(input.pieces, pausing: false)
    check(whole == cut, "cut at \(input.cuts): \(whole) != \(cut)")
    let paused = transcript(input.pieces, pausing: true)
    // A pause answers each request before the next is parsed; without `Connection: close` handling
    // the transcript is the same up to the first request that closes.
    let upToClose = whole.firstIndex { $0.hasPrefix("end ") && $0.contains(" false [") }.map { Array(whole[...$0]) }
    if let upToClose {
        check(paused.starts(with: upToClose), "paused: \(paused) vs \(whole)")
    } else {
        check(paused == whole, "paused: \(paused) vs \(whole)")
    }
}
