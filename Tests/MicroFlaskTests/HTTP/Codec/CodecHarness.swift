import Testing

@testable import MicroFlask

/// One thing the codec reported, in a form tests compare across ways of feeding the bytes.
enum CodecRecord: Equatable, CustomStringConvertible {
    /// A complete request: its head's essentials, its header fields and its whole body.
    case request(method: String, target: String, minor: Int, keepAlive: Bool, headers: [String], body: [UInt8])
    /// `continueExpected` for the request with this target.
    case continueExpected(String)
    /// `failure` with this status code.
    case failure(Int)
    /// The feeding ended with the connection closed (after a failure or a `.close`).
    case closed
    /// The feeding ended with the codec waiting in this phase.
    case waiting(HTTP1Codec.Phase)

    var description: String {
        switch self {
        case .request(let method, let target, let minor, let keepAlive, let headers, let body):
            "\(method) \(target) HTTP/1.\(minor) keepAlive=\(keepAlive) \(headers) body=\(String(decoding: body, as: UTF8.self).prefix(40))(\(body.count))"
        case .continueExpected(let target): "continue \(target)"
        case .failure(let code): "failure \(code)"
        case .closed: "closed"
        case .waiting(let phase): "waiting \(phase)"
        }
    }

    /// The body of a request record (empty for others).
    var body: [UInt8] {
        if case .request(_, _, _, _, _, let body) = self { return body }
        return []
    }

    var text: String { String(decoding: body, as: UTF8.self) }
}

/// How the test driver answers the codec, like the server would.
struct CodecPolicy {
    /// Pause after each request and resume, as the server does when output backs up.
    var pausesAfterEachRequest = false
    /// Refuse every `continueExpected` with `.close` (the app's expectation hook said no).
    var refusesContinue = false
    /// Close after a request that does not keep the connection alive (the server's rule).
    var closesWhenNotKeptAlive = true
}

/// Collects the codec's events into records; a class so the codec's callback can use it.
final class CodecRecorder {
    var records: [CodecRecord] = []
    /// The recorder's own budget, so what it holds is this recorder's bodies alone.
    let spooling = BodySpooling()
    lazy var body = RequestBodyAccumulator(spooling: spooling)
    /// The largest storage the body accumulator reserved (for the no-reservation rule).
    var largestBodyCapacity = 0
    let policy: CodecPolicy

    init(policy: CodecPolicy) { self.policy = policy }

    func handle(_ event: HTTP1Event) -> HTTP1Directive {
        switch event {
        case .head:
            return .proceed
        case .continueExpected(let head):
            records.append(.continueExpected(head.target))
            return policy.refusesContinue ? .close : .proceed
        case .body(let bytes):
            // In-process bodies stay far below the spooling threshold; storage cannot fail here.
            try! body.append(bytes)
            largestBodyCapacity = max(largestBodyCapacity, spooling.budget.inUse)
            return .proceed
        case .end(let head):
            let headers = RequestParser.headers(from: head.rawHeaders).fields.map { "\($0.name): \($0.value)" }
            records.append(
                .request(
                    method: head.method.rawValue, target: head.target, minor: head.version.minor,
                    keepAlive: head.keepAlive, headers: headers, body: try! body.finishBytes().bytes()))
            if policy.closesWhenNotKeptAlive && !head.keepAlive { return .close }
            return policy.pausesAfterEachRequest ? .pause : .proceed
        case .failure(let error):
            records.append(.failure(error.status.code))
            return .close
        }
    }
}

/// Drives a codec over `pieces` as the server's read loop does and returns what it reported.
func codecTranscript(
    _ pieces: [ArraySlice<UInt8>], limits: HTTPLimits = HTTPLimits(), policy: CodecPolicy = CodecPolicy()
) -> [CodecRecord] {
    codecRun(pieces, limits: limits, policy: policy).records
}

/// `codecTranscript`, also returning the recorder for further checks.
func codecRun(
    _ pieces: [ArraySlice<UInt8>], limits: HTTPLimits = HTTPLimits(), policy: CodecPolicy = CodecPolicy()
) -> CodecRecorder {
    var codec = HTTP1Codec(limits: limits)
    let recorder = CodecRecorder(policy: policy)
    var closed = false
    for piece in pieces {
        var directive = piece.withUnsafeBufferPointer { codec.feed($0, recorder.handle) }
        while directive == .pause { directive = codec.resume(recorder.handle) }
        if directive == .close {
            closed = true
            break
        }
    }
    recorder.records.append(closed ? .closed : .waiting(codec.phase))
    return recorder
}

/// The ways a byte string is fed: whole, one byte at a time, and split in two at every offset.
/// Inputs longer than 4 KiB are split at every offset within 1 KiB of either end and at 64
/// offsets between, to keep the run quadratic only in a bounded size.
func feedings(of bytes: [UInt8]) -> [(name: String, pieces: [ArraySlice<UInt8>])] {
    var result: [(String, [ArraySlice<UInt8>])] = [("whole", [bytes[...]])]
    result.append(("byte by byte", bytes.indices.map { bytes[$0..<($0 + 1)] }))
    let count = bytes.count
    var offsets: [Int] = []
    if count <= 4096 {
        offsets = Array(0...count)
    } else {
        offsets =
            Array(0...1024) + Array(stride(from: 1025, to: count - 1024, by: max(61, count / 64)))
            + Array((count - 1024)...count)
    }
    for offset in offsets {
        result.append(("split at \(offset)", [bytes[0..<offset], bytes[offset...]]))
    }
    return result
}

/// Feeds `bytes` every way (see `feedings`), also pausing after each request, and expects the
/// same records each time; returns them.
@discardableResult
func expectSameEveryWay(
    _ bytes: [UInt8], limits: HTTPLimits = HTTPLimits(), policy: CodecPolicy = CodecPolicy(),
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> [CodecRecord] {
    let reference = codecTranscript([bytes[...]], limits: limits, policy: policy)
    var paused = policy
    paused.pausesAfterEachRequest = true
    let pausedRecords = codecTranscript([bytes[...]], limits: limits, policy: paused)
    #expect(pausedRecords == reference, "paused and resumed", sourceLocation: sourceLocation)
    for feeding in feedings(of: bytes).dropFirst() {
        let records = codecTranscript(feeding.pieces, limits: limits, policy: policy)
        if records != reference {
            Issue.record(
                "fed \(feeding.name): \(records) instead of \(reference)", sourceLocation: sourceLocation)
            break
        }
    }
    return reference
}

@discardableResult
func expectSameEveryWay(
    _ text: String, limits: HTTPLimits = HTTPLimits(), policy: CodecPolicy = CodecPolicy(),
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> [CodecRecord] {
    expectSameEveryWay(Array(text.utf8), limits: limits, policy: policy, sourceLocation: sourceLocation)
}

/// Expects `bytes`, fed every way, to be refused with `status` and the connection closed,
/// after any requests that came before it.
func expectCodecRejects(
    _ bytes: [UInt8], status: Int, limits: HTTPLimits = HTTPLimits(),
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    let records = expectSameEveryWay(bytes, limits: limits, sourceLocation: sourceLocation)
    #expect(Array(records.suffix(2)) == [.failure(status), .closed], "\(records)", sourceLocation: sourceLocation)
}

func expectCodecRejects(
    _ text: String, status: Int, limits: HTTPLimits = HTTPLimits(),
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    expectCodecRejects(Array(text.utf8), status: status, limits: limits, sourceLocation: sourceLocation)
}

/// A request with a Host header and nothing else, for `path`.
func codecGet(_ path: String = "/", version: String = "HTTP/1.1", headers: String = "") -> String {
    "GET \(path) \(version)\r\nHost: localhost\r\n\(headers)\r\n"
}

/// A POST of `body` to `/echo` with its Content-Length.
func codecPost(_ body: String, path: String = "/echo", headers: String = "") -> String {
    "POST \(path) HTTP/1.1\r\nHost: localhost\r\nContent-Length: \(body.utf8.count)\r\n\(headers)\r\n\(body)"
}

extension RequestBodyAccumulator {
    /// The gathered bytes of a body that is not a form (a test helper).
    mutating func finishBytes() throws -> RequestBody {
        guard case .bytes(let content) = try finish() else { throw CodecHarnessError.notBytes }
        return content
    }
}

/// A body handed over as something other than bytes.
enum CodecHarnessError: Error {
    case notBytes
}
