/// Parses a `multipart/form-data` body as its bytes arrive, chunk by chunk.
///
/// Only a small window of the body is held at a time: the bytes of an unfinished delimiter line
/// or part header block. Field values are collected up to ``MultipartLimits/maxMemoryPartSize``;
/// a file part stays in memory while it is small, then goes straight to a temporary file in the
/// request's private upload directory. Feeding the whole body at once and feeding it one byte at a
/// time give the same form (see ``MultipartParser`` for the syntax accepted).
///
/// ```swift
/// var stream = try MultipartStreamParser(boundary: "XyZ")
/// try stream.feed(chunk)            // as often as bytes arrive
/// let form = try stream.finish()    // the caller owns form.cleanup()
/// ```
/// After an error, call ``discard()`` to remove what was spooled.
public struct MultipartStreamParser {
    private enum Phase {
        case preamble, headers, content, epilogue
    }

    /// The limits applied to the body.
    public let limits: MultipartLimits
    private let scanner: MultipartDelimiterScanner
    private var spool: UploadSpool

    /// The unconsumed bytes; `discarded` bytes of the body were dropped before its first.
    private var window: [UInt8] = []
    private var discarded = 0
    private var phase = Phase.preamble
    /// Where the delimiter search resumes (a window index).
    private var scanFrom = 0
    /// Content: the first byte not yet given to the current part.
    private var dataFrom = 0
    /// Headers: where the block starts, where its current line starts, where the search for a line feed resumes.
    private var headerStart = 0
    private var lineStart = 0
    private var lineScan = 0
    private var partNumber = 0
    private var part: MultipartPartSink?
    private var fields: [(String, String)] = []
    private var files: [UploadedFile] = []
    private var memoryFileBytes = 0

    /// Creates a parser for parts separated by `boundary` (without the leading `--`).
    ///
    /// - Throws: ``FormError`` of kind ``FormError/Kind/missingBoundary`` when the boundary is empty,
    ///   over 200 bytes, or contains a line break.
    public init(boundary: String, limits: MultipartLimits = MultipartLimits(), temporaryDirectory: String? = nil)
        throws(FormError)
    {
        let boundaryBytes = Array(boundary.utf8)
        guard !boundaryBytes.isEmpty, boundaryBytes.count <= 200,
            !boundaryBytes.contains(UInt8(ascii: "\r")), !boundaryBytes.contains(UInt8(ascii: "\n"))
        else {
            throw FormError(.missingBoundary, "the multipart boundary must be 1 to 200 bytes without line breaks")
        }
        self.limits = limits
        scanner = MultipartDelimiterScanner(delimiter: Array("--".utf8) + boundaryBytes)
        spool = UploadSpool(parent: temporaryDirectory ?? FileCalls.defaultTemporaryDirectory)
    }

    /// How many received bytes the parser holds (the unfinished delimiter line or part head).
    var bufferedByteCount: Int { window.count }

    /// Parses the next bytes of the body.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) throws(FormError) {
        guard phase != .epilogue, !bytes.isEmpty else { return }
        window.append(contentsOf: bytes)
        try process(isFinal: false)
    }

    /// Ends the body and returns the form. The caller owns its temporary files (``MultipartForm/cleanup()``).
    ///
    /// - Throws: ``FormError`` when the body ended before its closing delimiter was complete.
    public mutating func finish() throws(FormError) -> MultipartForm {
        try process(isFinal: true)
        return MultipartForm(fields: fields, files: files, temporaryDirectory: spool.directory)
    }

    /// Removes every temporary file written so far (after an error).
    public mutating func discard() {
        part = nil
        files = []
        spool.removeAll()
    }

    private mutating func process(isFinal: Bool) throws(FormError) {
        while true {
            switch phase {
            case .preamble:
                switch scanner.scan(window, from: scanFrom, isFirst: discarded == 0, isFinal: isFinal) {
                case .delimiter(let delimiter):
                    try begin(after: delimiter)
                case .needMore(_, let resumeAt):
                    if isFinal { throw FormError(.malformedPart, "the body contains no multipart boundary delimiter") }
                    scanFrom = resumeAt
                    compact(keepingFrom: resumeAt - 2)
                    return
                }
            case .headers:
                guard try readHeaders(isFinal: isFinal) else {
                    compact(keepingFrom: headerStart)
                    return
                }
            case .content:
                switch scanner.scan(window, from: scanFrom, isFirst: false, isFinal: isFinal) {
                case .delimiter(let delimiter):
                    try emit(upTo: delimiter.dataEnd)
                    try endPart()
                    try begin(after: delimiter)
                case .needMore(let safeEnd, let resumeAt):
                    if isFinal {
                        throw FormError(.malformedPart, "part \(partNumber) is not followed by a boundary delimiter")
                    }
                    try emit(upTo: safeEnd)
                    scanFrom = resumeAt
                    compact(keepingFrom: min(dataFrom, resumeAt - 2))
                    return
                }
            case .epilogue:
                window = []
                return
            }
        }
    }

    /// Starts the part that follows a delimiter, or the epilogue after the closing one.
    private mutating func begin(after delimiter: MultipartDelimiterScanner.Delimiter) throws(FormError) {
        if delimiter.isClose {
            phase = .epilogue
            return
        }
        partNumber += 1
        guard partNumber <= limits.maxParts else {
            throw FormError(.tooManyParts, "the body has more than \(limits.maxParts) parts")
        }
        phase = .headers
        headerStart = delimiter.next
        lineStart = delimiter.next
        lineScan = delimiter.next
    }

    /// Looks for the blank line ending the part's headers; false when more bytes are needed.
    private mutating func readHeaders(isFinal: Bool) throws(FormError) -> Bool {
        let limitEnd = min(window.count, headerStart + limits.maxPartHeaderSize)
        while lineScan < limitEnd, let lineFeed = window[lineScan..<limitEnd].firstIndex(of: UInt8(ascii: "\n")) {
            var contentEnd = lineFeed
            if contentEnd > lineStart, window[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
            if contentEnd == lineStart {
                let head = try MultipartPartHead(
                    window, from: headerStart, maxSize: limits.maxPartHeaderSize, partNumber: partNumber)
                part = MultipartPartSink(head: head)
                phase = .content
                scanFrom = head.blankLineStart
                dataFrom = head.bodyStart
                return true
            }
            lineStart = lineFeed + 1
            lineScan = lineFeed + 1
        }
        lineScan = max(lineScan, limitEnd)
        if window.count > headerStart + limits.maxPartHeaderSize {
            throw FormError(
                .malformedPart, "the headers of part \(partNumber) exceed \(limits.maxPartHeaderSize) bytes")
        }
        if isFinal {
            throw FormError(.malformedPart, "the headers of part \(partNumber) do not end with an empty line")
        }
        return false
    }

    /// Gives the window's bytes from `dataFrom` up to `end` to the current part.
    private mutating func emit(upTo end: Int) throws(FormError) {
        guard end > dataFrom, let part else { return }
        let count = end - dataFrom
        if part.filename == nil {
            guard part.size + count <= limits.maxMemoryPartSize else {
                throw FormError(
                    .fieldTooLarge,
                    "the form field \"\(part.name)\" is larger than \(limits.maxMemoryPartSize) bytes")
            }
            part.bytes.append(contentsOf: window[dataFrom..<end])
        } else {
            if part.writer == nil
                && (part.size + count > limits.spoolThreshold
                    || memoryFileBytes + part.size + count > limits.maxMemoryFileBytes)
            {
                let writer = try spool.createFile(filename: part.filename ?? "")
                try part.bytes.withUnsafeBytes { bytes in
                    Result { () throws(FormError) in try writer.write(bytes, filename: part.filename ?? "") }
                }.get()
                part.bytes = []
                part.writer = writer
            }
            if let writer = part.writer {
                try window.withUnsafeBytes { bytes in
                    Result { () throws(FormError) in
                        try writer.write(
                            UnsafeRawBufferPointer(rebasing: bytes[dataFrom..<end]), filename: part.filename ?? "")
                    }
                }.get()
            } else {
                part.bytes.append(contentsOf: window[dataFrom..<end])
            }
        }
        part.size += count
        dataFrom = end
    }

    /// Files the finished part as a field or a file.
    private mutating func endPart() throws(FormError) {
        guard let part else { return }
        self.part = nil
        guard let filename = part.filename else {
            fields.append((part.name, String(decoding: part.bytes, as: UTF8.self)))
            return
        }
        let storage: UploadedFile.Storage
        if let writer = part.writer {
            writer.close()
            storage = .temporaryFile(writer.path)
        } else {
            storage = .memory(part.bytes)
            memoryFileBytes += part.size
        }
        files.append(
            UploadedFile(
                fieldName: part.name, filename: filename, contentType: part.contentType, size: part.size,
                storage: storage))
    }

    /// Drops the window's bytes before `index` (clamped to what is there), shifting the positions.
    private mutating func compact(keepingFrom index: Int) {
        let drop = min(max(0, index), window.count)
        guard drop > 0 else { return }
        window.removeFirst(drop)
        discarded += drop
        scanFrom -= drop
        dataFrom -= drop
        headerStart -= drop
        lineStart -= drop
        lineScan -= drop
    }
}
