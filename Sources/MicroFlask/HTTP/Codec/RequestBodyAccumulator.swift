/// Where a request body is gathered while it arrives: the one place bodies are kept.
///
/// It grows only with the bytes received (never by a length the client declares), so a
/// client that announces 16 MB and sends 10 bytes costs 10 bytes. In memory up to the spooling
/// threshold and within the shared budget, then in an unlinked temporary file
/// (``BodyAccumulator``); a connection between requests holds nothing.
struct RequestBodyAccumulator {
    private let spooling: BodySpooling
    private var accumulator: BodyAccumulator?

    init(spooling: BodySpooling = BodySpooling()) {
        self.spooling = spooling
    }

    /// The number of bytes gathered so far.
    var count: Int { accumulator?.count ?? 0 }

    /// The memory reserved so far (tests check it follows the bytes received).
    var capacity: Int { accumulator?.reservedBytes ?? 0 }

    /// Whether the body has gone to a temporary file.
    var isSpooled: Bool { accumulator?.isSpooled ?? false }

    /// Begins a body whose length the head declared (nil for chunked): only a hint, never
    /// allocated, that lets a body larger than the threshold go to disk from its first byte.
    mutating func start(declaredLength: Int?) {
        accumulator = BodyAccumulator(
            budget: spooling.budget, spoolThreshold: spooling.threshold,
            temporaryDirectory: spooling.temporaryDirectory, declaredLength: declaredLength)
    }

    /// Appends received body bytes.
    mutating func append(_ received: UnsafeBufferPointer<UInt8>) throws(BodyStorageError) {
        if accumulator == nil { start(declaredLength: nil) }
        try accumulator!.append(received)
    }

    /// Hands the gathered body over and starts empty for the next request.
    mutating func finish() throws(BodyStorageError) -> RequestBody {
        defer { accumulator = nil }
        return try accumulator?.finish() ?? RequestBody()
    }

    /// Drops a body that will not be answered (its memory and file go with it).
    mutating func discard() { accumulator = nil }
}
