/// Where a request body is gathered while it arrives: the one place bodies are kept.
///
/// It grows only with the bytes received (never by a length the client declares), so a
/// client that announces 16 MB and sends 10 bytes costs 10 bytes. In memory up to the spooling
/// threshold and within the shared budget, then in an unlinked temporary file
/// (``BodyAccumulator``); a connection between requests holds nothing.
///
/// A `multipart/form-data` body the app will parse is not kept at all: each piece received goes
/// through a ``MultipartStreamParser`` at once, its fields into memory (reserved in the budget)
/// and its file parts straight into their own temporary files, so an upload is written to disk
/// once, and a form over a limit or malformed is known before the body ends.
struct RequestBodyAccumulator {
    private let spooling: BodySpooling
    private var accumulator: BodyAccumulator?
    private var form: MultipartStreamParser?
    /// The head of the request whose form is being parsed, to answer it before its body ends.
    private(set) var formHead: RequestHead?

    init(spooling: BodySpooling = BodySpooling()) {
        self.spooling = spooling
    }

    /// The number of bytes kept so far (0 while a form is parsed instead).
    var count: Int { accumulator?.count ?? 0 }

    /// Whether the body has gone to a temporary file.
    var isSpooled: Bool { accumulator?.isSpooled ?? false }

    /// Whether the body now arriving is parsed as a form rather than kept.
    var isParsingForm: Bool { form != nil }

    /// Begins a body whose length the head declared (nil for chunked): only a hint, never
    /// allocated, that lets a body larger than the threshold go to disk from its first byte.
    ///
    mutating func start(declaredLength: Int?) {
        form = nil
        formHead = nil
        accumulator = BodyAccumulator(
            budget: spooling.budget, spoolThreshold: spooling.threshold,
            temporaryDirectory: spooling.temporaryDirectory, declaredLength: declaredLength,
            diskWrites: spooling.diskWrites)
    }

    /// Begins the body of `head`, a `multipart/form-data` request (the caller checked the type)
    /// whose form the app will parse within `limits`: it is parsed as it arrives, not kept. A
    /// boundary the parser refuses makes it an ordinary body (the app's parse then answers).
    mutating func startForm(of head: RequestHead, contentType: String, limits: FormLimits, declaredLength: Int?) {
        guard let boundary = MultipartParser.boundary(fromContentType: contentType),
            let parser = try? MultipartStreamParser(
                boundary: boundary, limits: limits.multipart,
                temporaryDirectory: limits.temporaryDirectory ?? spooling.temporaryDirectory,
                budget: spooling.budget, diskWrites: spooling.diskWrites)
        else {
            return start(declaredLength: declaredLength)
        }
        form = parser
        formHead = head
        accumulator = nil
    }

    /// Appends received body bytes, or parses them when the body is a form.
    ///
    /// - Throws: ``RequestBodyError/form(_:)`` as soon as the form is malformed or over a limit
    ///   (what was spooled of it is removed), ``RequestBodyError/storage(_:)`` when a file fails.
    mutating func append(_ received: UnsafeBufferPointer<UInt8>) throws(RequestBodyError) {
        if form != nil {
            do {
                try form!.feed(UnsafeRawBufferPointer(received))
            } catch {
                // `formHead` stays, for the answer.
                form!.discard()
                form = nil
                throw .form(error)
            }
            return
        }
        if accumulator == nil { start(declaredLength: nil) }
        do {
            try accumulator!.append(received)
        } catch {
            throw .storage(error)
        }
    }

    /// Hands the gathered body (or the parsed form) over and starts empty for the next request.
    mutating func finish() throws(RequestBodyError) -> ReceivedBody {
        defer {
            accumulator = nil
            form = nil
            formHead = nil
        }
        if form != nil {
            do {
                return .form(try form!.finish())
            } catch {
                form!.discard()
                throw .form(error)
            }
        }
        do {
            return .bytes(try accumulator?.finish() ?? RequestBody())
        } catch {
            throw .storage(error)
        }
    }

    /// Drops a body that will not be answered (its memory and files go with it).
    mutating func discard() {
        form?.discard()
        form = nil
        formHead = nil
        accumulator = nil
    }
}
