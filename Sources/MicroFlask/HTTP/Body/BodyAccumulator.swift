/// Collects a request body as its bytes arrive, in memory while it is small and the budget allows,
/// then in an unlinked temporary file.
///
/// The buffer grows with the bytes received, never from a size the client declares: a
/// `Content-Length` of 16 MB followed by ten bytes costs ten bytes (rounded up to the growth step).
/// The declared length is only a hint that a body will be large, so that it goes to disk from its
/// first byte rather than after a copy.
///
/// The connection owns the accumulator (one owner, not shared between threads):
/// ```swift
/// let accumulator = BodyAccumulator(budget: budget, spoolThreshold: 1 << 20)
/// try accumulator.append(UnsafeRawBufferPointer(received))   // as each read arrives
/// let body = try accumulator.finish()                         // once the body is complete
/// ```
public final class BodyAccumulator {
    /// The default spool threshold: bodies over 1 MiB go to disk.
    public static let defaultSpoolThreshold = 1024 * 1024

    private let spoolThreshold: Int
    private let temporaryDirectory: String
    private let reservation: BudgetReservation
    private let diskWrites: DiskWriteCounter?

    /// In-memory bytes (before spooling), or staged small writes (after).
    private var buffer: [UInt8] = []
    /// The temporary file's descriptor once spooled; this object closes it unless `finish` hands it on.
    private var descriptor: Int32?
    private let spoolFromStart: Bool

    /// The bytes received so far.
    public private(set) var count = 0

    /// Small appends to a spooled body are gathered up to this size before a `write`.
    static let stagingSize = 4 * 1024

    /// Creates an empty accumulator.
    ///
    /// - Parameters:
    ///   - budget: The process-wide budget that in-memory bytes are reserved from.
    ///   - spoolThreshold: Bodies larger than this many bytes go to a temporary file.
    ///   - temporaryDirectory: Where temporary files are created; nil means `$TMPDIR` or `/tmp`.
    ///   - declaredLength: The `Content-Length`, if any: a hint only, never allocated.
    public convenience init(
        budget: BodyMemoryBudget, spoolThreshold: Int = BodyAccumulator.defaultSpoolThreshold,
        temporaryDirectory: String? = nil, declaredLength: Int? = nil
    ) {
        self.init(
            budget: budget, spoolThreshold: spoolThreshold, temporaryDirectory: temporaryDirectory,
            declaredLength: declaredLength, diskWrites: nil)
    }

    /// An accumulator whose file writes are counted in `diskWrites` (the server's).
    init(
        budget: BodyMemoryBudget, spoolThreshold: Int, temporaryDirectory: String?, declaredLength: Int?,
        diskWrites: DiskWriteCounter?
    ) {
        self.diskWrites = diskWrites
        self.spoolThreshold = max(0, spoolThreshold)
        self.temporaryDirectory = temporaryDirectory ?? FileCalls.defaultTemporaryDirectory
        self.reservation = BudgetReservation(budget: budget)
        self.spoolFromStart = (declaredLength ?? 0) > self.spoolThreshold
    }

    deinit {
        // A body abandoned mid-way (its connection closed): its file goes with it.
        if let descriptor { FileCalls.close(descriptor) }
    }

    /// Whether the body has moved to a temporary file.
    public var isSpooled: Bool { descriptor != nil }

    /// The in-memory bytes reserved in the budget for this body.
    var reservedBytes: Int { reservation.bytes }

    /// Adds received bytes.
    ///
    /// - Throws: ``BodyStorageError`` when the temporary file cannot be created or written.
    public func append(_ bytes: UnsafeRawBufferPointer) throws(BodyStorageError) {
        guard !bytes.isEmpty else { return }
        do {
            if let descriptor {
                try appendToFile(descriptor, bytes)
            } else if !spoolFromStart, count + bytes.count <= spoolThreshold, growMemory(toHold: count + bytes.count) {
                buffer.append(contentsOf: bytes)
            } else {
                try appendToFile(try spool(), bytes)
            }
        } catch {
            throw BodyStorageError(error)
        }
        count += bytes.count
    }

    /// Adds received bytes (the connection's read buffer).
    public func append(_ bytes: UnsafeBufferPointer<UInt8>) throws(BodyStorageError) {
        try append(UnsafeRawBufferPointer(bytes))
    }

    /// The complete body. The accumulator must not be used afterwards.
    ///
    /// - Throws: ``BodyStorageError`` when the last staged bytes cannot be written.
    public func finish() throws(BodyStorageError) -> RequestBody {
        if let descriptor {
            do {
                try flushStaged(descriptor)
            } catch {
                throw BodyStorageError(error)
            }
            buffer = []
            self.descriptor = nil
            return RequestBody(storage: .file(SpooledFile(descriptor: descriptor, size: count)), reservation: nil)
        }
        let bytes = buffer
        buffer = []
        return RequestBody(storage: .memory(bytes), reservation: reservation)
    }

    /// Grows the buffer's reserved capacity to hold `needed` bytes, reserving the growth in the budget.
    private func growMemory(toHold needed: Int) -> Bool {
        let capacity = reservation.bytes
        if needed <= capacity { return true }
        // Double, as arrays do, but never past the threshold: the reservation is the real capacity.
        let target = min(max(needed, capacity * 2, 1024), max(spoolThreshold, needed))
        guard reservation.grow(by: target - capacity) else { return false }
        buffer.reserveCapacity(target)
        return true
    }

    /// Moves the in-memory bytes to a new temporary file and gives their memory back.
    private func spool() throws(SystemError) -> Int32 {
        let descriptor = try FileCalls.openUnlinkedTemporaryFile(in: temporaryDirectory)
        self.descriptor = descriptor
        try buffer.withUnsafeBytes { bytes in
            Result { () throws(SystemError) in try write(descriptor, bytes) }
        }.get()
        buffer = []
        reservation.releaseAll()
        return descriptor
    }

    private func appendToFile(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) throws(SystemError) {
        if buffer.count + bytes.count <= Self.stagingSize {
            if buffer.capacity < Self.stagingSize { buffer.reserveCapacity(Self.stagingSize) }
            buffer.append(contentsOf: bytes)
            return
        }
        try flushStaged(descriptor)
        try write(descriptor, bytes)
    }

    private func write(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) throws(SystemError) {
        try FileCalls.writeAll(descriptor, bytes)
        diskWrites?.add(bytes.count)
    }

    private func flushStaged(_ descriptor: Int32) throws(SystemError) {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { bytes in
            Result { () throws(SystemError) in try write(descriptor, bytes) }
        }.get()
        buffer.removeAll(keepingCapacity: true)
    }
}
