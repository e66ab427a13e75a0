/// Splits a `multipart/form-data` body into parts as its bytes arrive: bytes in, events out, no I/O.
///
/// A value per body. Feed it each piece of the body as it is received; it calls back with
/// ``MultipartEvent``s. Part content is handed on as spans of the bytes given to `feed`, not
/// copied; what it keeps between calls is only what cannot be decided yet, an unfinished
/// delimiter line (at most the delimiter and `MultipartDelimiterScanner.maxPendingPadding`
/// bytes) or an unfinished part header block (at most ``MultipartLimits/maxPartHeaderSize``), so
/// its memory does not depend on the size of the parts. Whole, byte by byte or split anywhere, a
/// body gives the same events (data spans may be cut differently) and the same errors.
///
/// ```swift
/// var decoder = try MultipartDecoder(boundary: "XyZ")
/// try decoder.feed(received) { event in ... }    // as often as bytes arrive
/// try decoder.finish { event in ... }            // at the end of the body
/// ```
/// It checks the syntax (see ``MultipartParser`` for what is accepted), the part count and the
/// size of part headers; field and file sizes are the sink's business (``MultipartStreamParser``).
public struct MultipartDecoder {
    private enum Phase {
        case preamble, headers, content, epilogue
    }

    /// The most parts accepted; one more throws ``FormError/Kind/tooManyParts``.
    public let maxParts: Int
    /// The largest header block of one part; larger throws ``FormError/Kind/malformedPart``.
    public let maxPartHeaderSize: Int
    private let scanner: MultipartDelimiterScanner
    private var phase = Phase.preamble
    /// How many bytes of the body were dropped before the first byte still held or to come.
    private var dropped = 0
    // Positions relative to that first byte (index 0 of the next `run`):
    /// Where the delimiter search resumes.
    private var scanFrom = 0
    /// Content: the first byte not yet handed on as data.
    private var dataFrom = 0
    /// Headers: where the current line starts, and where the search for its line feed resumes.
    /// The block itself starts at 0: nothing of it is dropped until it is complete.
    private var lineStart = 0
    private var lineScan = 0
    /// The parts begun so far.
    public private(set) var partCount = 0
    /// The bytes of earlier calls still needed (see the type's description).
    private var carry: [UInt8] = []

    /// While bytes are carried over, new bytes join them this many at a time, so that only the
    /// few needed to settle the carried line are copied; the rest is read in place.
    static let carryStep = 4096

    /// The handler of each event; it may throw to stop the body (its error is rethrown).
    public typealias EventHandler = (MultipartEvent) throws(FormError) -> Void

    /// Creates a decoder for parts separated by `boundary` (without the leading `--`).
    ///
    /// - Throws: ``FormError`` of kind ``FormError/Kind/missingBoundary`` when the boundary is empty,
    ///   over 200 bytes, or contains a line break.
    public init(boundary: String, maxParts: Int = 1000, maxPartHeaderSize: Int = 16 * 1024) throws(FormError) {
        let boundaryBytes = Array(boundary.utf8)
        guard !boundaryBytes.isEmpty, boundaryBytes.count <= 200,
            !boundaryBytes.contains(UInt8(ascii: "\r")), !boundaryBytes.contains(UInt8(ascii: "\n"))
        else {
            throw FormError(.missingBoundary, "the multipart boundary must be 1 to 200 bytes without line breaks")
        }
        self.maxParts = maxParts
        self.maxPartHeaderSize = maxPartHeaderSize
        scanner = MultipartDelimiterScanner(delimiter: Array("--".utf8) + boundaryBytes)
    }

    /// Parses the next bytes of the body, calling `handle` for each event they complete.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer, _ handle: EventHandler) throws(FormError) {
        guard phase != .epilogue, !bytes.isEmpty else { return }
        var offset = 0
        // Carried bytes first: add new ones a step at a time until what was carried is settled.
        while !carry.isEmpty, offset < bytes.count {
            // Moved out (not copied) so that `run` may change the state while it reads them.
            var pending = carry
            carry = []
            let carried = pending.count
            let take = min(bytes.count - offset, Self.carryStep)
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + take)]))
            offset += take
            let kept = try pending.withUnsafeBytes { buffer in
                Result { () throws(FormError) in try run(buffer, isFinal: false, handle) }
            }.get()
            if kept >= carried {
                // Settled: the unused rest of this step is read again, in place, from `bytes`.
                offset -= pending.count - kept
                pending.removeAll(keepingCapacity: true)
            } else {
                pending.removeFirst(kept)
            }
            carry = pending
        }
        guard carry.isEmpty, offset < bytes.count, phase != .epilogue else { return }
        let rest = UnsafeRawBufferPointer(rebasing: bytes[offset...])
        let kept = try run(rest, isFinal: false, handle)
        if phase != .epilogue { carry.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest[kept...])) }
    }

    /// Ends the body, calling `handle` for the events its last bytes complete.
    ///
    /// - Throws: ``FormError`` of kind ``FormError/Kind/malformedPart`` when the body ended
    ///   before its closing delimiter was complete.
    public mutating func finish(_ handle: EventHandler) throws(FormError) {
        guard phase != .epilogue else { return }
        let pending = carry
        carry = []
        _ = try pending.withUnsafeBytes { buffer in
            Result { () throws(FormError) in try run(buffer, isFinal: true, handle) }
        }.get()
    }

    /// Parses `input`, whose index 0 is where the last run stopped; returns how many of its bytes
    /// are done with (the rest must come again, followed by newer bytes). With `isFinal`, it ends
    /// in the epilogue or throws.
    private mutating func run(_ input: UnsafeRawBufferPointer, isFinal: Bool, _ handle: EventHandler) throws(FormError)
        -> Int
    {
        // The first byte still needed; in the headers phase, where the block starts.
        var keep = 0
        while true {
            switch phase {
            case .preamble:
                switch scanner.scan(input, from: scanFrom, isFirst: dropped == 0, isFinal: isFinal) {
                case .delimiter(let delimiter):
                    try begin(after: delimiter, keep: &keep)
                case .needMore(_, let resumeAt):
                    if isFinal { throw FormError(.malformedPart, "the body contains no multipart boundary delimiter") }
                    scanFrom = resumeAt
                    // A delimiter must start a line: keep the line break before the resumed search.
                    return settle(keeping: max(0, resumeAt - 2))
                }
            case .headers:
                guard let head = try readHeaders(input, from: keep, isFinal: isFinal) else {
                    return settle(keeping: keep)
                }
                try handle(.partHead(head))
                phase = .content
                // An empty part's delimiter begins with the blank line's own line break.
                scanFrom = head.blankLineStart
                dataFrom = head.bodyStart
            case .content:
                switch scanner.scan(input, from: scanFrom, isFirst: false, isFinal: isFinal) {
                case .delimiter(let delimiter):
                    if delimiter.dataEnd > dataFrom {
                        try handle(.partData(UnsafeRawBufferPointer(rebasing: input[dataFrom..<delimiter.dataEnd])))
                    }
                    try handle(.partEnd)
                    try begin(after: delimiter, keep: &keep)
                case .needMore(let safeEnd, let resumeAt):
                    if isFinal {
                        throw FormError(.malformedPart, "part \(partCount) is not followed by a boundary delimiter")
                    }
                    if safeEnd > dataFrom {
                        try handle(.partData(UnsafeRawBufferPointer(rebasing: input[dataFrom..<safeEnd])))
                        dataFrom = safeEnd
                    }
                    scanFrom = resumeAt
                    return settle(keeping: max(0, min(dataFrom, resumeAt - 2)))
                }
            case .epilogue:
                return settle(keeping: input.count)
            }
        }
    }

    /// Starts the part after a delimiter (its headers begin at `keep`), or the epilogue.
    private mutating func begin(after delimiter: MultipartDelimiterScanner.Delimiter, keep: inout Int)
        throws(FormError)
    {
        if delimiter.isClose {
            phase = .epilogue
            return
        }
        partCount += 1
        guard partCount <= maxParts else {
            throw FormError(.tooManyParts, "the body has more than \(maxParts) parts")
        }
        phase = .headers
        keep = delimiter.next
        lineStart = delimiter.next
        lineScan = delimiter.next
    }

    /// The part's head once the blank line ending its header block (from `start`) is in `input`;
    /// nil while more bytes are needed.
    private mutating func readHeaders(_ input: UnsafeRawBufferPointer, from start: Int, isFinal: Bool)
        throws(FormError) -> MultipartPartHead?
    {
        let limitEnd = min(input.count, start + maxPartHeaderSize)
        while lineScan < limitEnd, let lineFeed = input[lineScan..<limitEnd].firstIndex(of: UInt8(ascii: "\n")) {
            var contentEnd = lineFeed
            if contentEnd > lineStart, input[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
            if contentEnd == lineStart {
                return try MultipartPartHead(input, from: start, maxSize: maxPartHeaderSize, partNumber: partCount)
            }
            lineStart = lineFeed + 1
            lineScan = lineFeed + 1
        }
        lineScan = max(lineScan, limitEnd)
        if input.count > start + maxPartHeaderSize {
            throw FormError(.malformedPart, "the headers of part \(partCount) exceed \(maxPartHeaderSize) bytes")
        }
        if isFinal {
            throw FormError(.malformedPart, "the headers of part \(partCount) do not end with an empty line")
        }
        return nil
    }

    /// Ends a run that is done with the bytes before `keep`: positions become relative to it.
    private mutating func settle(keeping keep: Int) -> Int {
        dropped += keep
        scanFrom = max(0, scanFrom - keep)
        dataFrom = max(0, dataFrom - keep)
        lineStart = max(0, lineStart - keep)
        lineScan = max(0, lineScan - keep)
        return keep
    }
}
