/// Builds a form from a multipart body's events (``MultipartDecoder``), under ``MultipartLimits``.
///
/// Non-file fields are collected in memory, each up to `maxMemoryPartSize` and all together up to
/// `maxFieldsSize` (413 past either). A file part stays in memory while it is under
/// `spoolThreshold` and the form's small files hold less than `maxMemoryFileBytes`; otherwise it
/// is written, as its bytes arrive, to its own file in the request's private upload directory.
/// With a budget (the server's), in-memory bytes are reserved in it: a file that does not fit goes
/// to disk, a field that does not fit answers 503, since fields cannot.
///
/// A class: the decoder calls it back while it is itself being mutated, and it owns open files.
/// Dropped before its form was handed over (a connection closed mid-upload), it removes the
/// files it wrote.
final class MultipartFormBuilder {
    let limits: MultipartLimits
    private var spool: UploadSpool
    /// Budget bytes held by the form's in-memory fields and files, released with the form.
    private let reservation: BudgetReservation?
    private let diskWrites: DiskWriteCounter?
    private var part: MultipartPartSink?
    private var fields: [(String, String)] = []
    private var files: [UploadedFile] = []
    /// The bytes of every non-file field so far.
    private var fieldBytes = 0
    /// The bytes of the small files kept in memory so far.
    private var memoryFileBytes = 0
    /// Set once `finish` gave the files to a form, whose owner then removes them.
    private var handedOver = false

    init(limits: MultipartLimits, temporaryDirectory: String, budget: BodyMemoryBudget?, diskWrites: DiskWriteCounter?)
    {
        self.limits = limits
        spool = UploadSpool(parent: temporaryDirectory)
        reservation = budget.map(BudgetReservation.init(budget:))
        self.diskWrites = diskWrites
    }

    deinit {
        if !handedOver { spool.removeAll() }
    }

    /// Takes one event of the body.
    func handle(_ event: MultipartEvent) throws(FormError) {
        switch event {
        case .partHead(let head): part = MultipartPartSink(head: head)
        case .partData(let bytes): try append(bytes)
        case .partEnd: try endPart()
        }
    }

    /// The form, once the body is complete. The caller owns its temporary files.
    func finish() -> MultipartForm {
        handedOver = true
        return MultipartForm(
            fields: fields, files: files, temporaryDirectory: spool.directory, reservation: reservation)
    }

    /// Removes every temporary file written so far (after an error).
    func discard() {
        part = nil
        files = []
        spool.removeAll()
    }

    private func append(_ bytes: UnsafeRawBufferPointer) throws(FormError) {
        guard let part else { return }
        let count = bytes.count
        if part.filename == nil {
            guard part.size + count <= limits.maxMemoryPartSize else {
                throw FormError(
                    .fieldTooLarge, "the form field \"\(part.name)\" is larger than \(limits.maxMemoryPartSize) bytes")
            }
            guard fieldBytes + count <= limits.maxFieldsSize else {
                throw FormError(.fieldsTooLarge, "the form's fields together pass \(limits.maxFieldsSize) bytes")
            }
            guard reservation?.grow(by: count) ?? true else {
                throw FormError(
                    .memoryUnavailable, "the server's memory for request bodies is in use; the form was not read")
            }
            fieldBytes += count
            part.bytes.append(contentsOf: bytes)
        } else {
            if part.writer == nil, !keepsInMemory(part, adding: count) {
                let writer = try spool.createFile(filename: part.filename ?? "", diskWrites: diskWrites)
                try part.bytes.withUnsafeBytes { bytes in
                    Result { () throws(FormError) in try writer.write(bytes) }
                }.get()
                reservation?.shrink(by: part.bytes.count)
                part.bytes = []
                part.writer = writer
            }
            if let writer = part.writer {
                try writer.write(bytes)
            } else {
                part.bytes.append(contentsOf: bytes)
            }
        }
        part.size += count
    }

    /// Whether a file part may take `count` more bytes in memory (reserving them when it may).
    private func keepsInMemory(_ part: MultipartPartSink, adding count: Int) -> Bool {
        part.size + count <= limits.spoolThreshold
            && memoryFileBytes + part.size + count <= limits.maxMemoryFileBytes
            && reservation?.grow(by: count) ?? true
    }

    /// Files the finished part as a field or a file.
    private func endPart() throws(FormError) {
        guard let part else { return }
        self.part = nil
        guard let filename = part.filename else {
            fields.append((part.name, String(decoding: part.bytes, as: UTF8.self)))
            return
        }
        let storage: UploadedFile.Storage
        if let writer = part.writer {
            try writer.close()
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
}
