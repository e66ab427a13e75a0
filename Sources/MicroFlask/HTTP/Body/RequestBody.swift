/// The bytes of a request body: in memory, or in a temporary file once it is large
/// (like Werkzeug's `SpooledTemporaryFile`).
///
/// Small bodies stay in memory. A body larger than the spool threshold, or one that would pass the
/// process-wide ``BodyMemoryBudget``, is written to an unlinked temporary file while it arrives; the
/// form parsers read such a body in chunks, never whole. Dropping the body (at the end of its
/// request) closes the file and gives its memory back to the budget.
///
/// ```swift
/// let body = RequestBody(Array("a=1".utf8))
/// body.count          // 3
/// try body.bytes()    // the whole body, read from disk if it was spooled
/// ```
public struct RequestBody: Sendable {
    enum Storage: Sendable {
        case memory([UInt8])
        case file(SpooledFile)
    }

    let storage: Storage
    /// The budget bytes held by an in-memory body, released when the last copy is dropped.
    let reservation: BudgetReservation?

    /// The size of one chunk read from a spooled body.
    static let chunkSize = 64 * 1024

    /// An in-memory body, outside any budget (tests, the test client, requests built by hand).
    public init(_ bytes: [UInt8] = []) {
        storage = .memory(bytes)
        reservation = nil
    }

    init(storage: Storage, reservation: BudgetReservation?) {
        self.storage = storage
        self.reservation = reservation
    }

    /// The number of bytes.
    public var count: Int {
        switch storage {
        case .memory(let bytes): bytes.count
        case .file(let file): file.size
        }
    }

    /// Whether the body is empty.
    public var isEmpty: Bool { count == 0 }

    /// Whether the body is in a temporary file rather than in memory.
    public var isSpooled: Bool {
        if case .file = storage { return true }
        return false
    }

    /// The whole body in memory. For a spooled body this reads the file: prefer the form parsers,
    /// which stream it, when the body may be large.
    public func bytes() throws(BodyStorageError) -> [UInt8] {
        switch storage {
        case .memory(let bytes):
            return bytes
        case .file(let file):
            var result = [UInt8](repeating: 0, count: file.size)
            var offset = 0
            do {
                while offset < file.size {
                    let read = try result.withUnsafeMutableBytes { buffer in
                        Result { () throws(SystemError) in
                            try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[offset...]), at: offset)
                        }
                    }.get()
                    if read == 0 { break }
                    offset += read
                }
            } catch {
                throw BodyStorageError(error)
            }
            result.removeLast(result.count - offset)
            return result
        }
    }

    /// Calls `body` with successive pieces of the body, in order: the whole array when in memory,
    /// chunks of ``chunkSize`` read into one reused buffer when spooled.
    func forEachChunk<E: Error>(
        _ body: (UnsafeRawBufferPointer) throws(E) -> Void, readFailed: (BodyStorageError) -> E
    ) throws(E) {
        switch storage {
        case .memory(let bytes):
            try bytes.withUnsafeBytes { buffer in Result { () throws(E) in try body(buffer) } }.get()
        case .file(let file):
            var buffer = [UInt8](repeating: 0, count: Self.chunkSize)
            var offset = 0
            while offset < file.size {
                let read: Int
                do {
                    read = try buffer.withUnsafeMutableBytes { bytes in
                        Result { () throws(SystemError) in try file.read(into: bytes, at: offset) }
                    }.get()
                } catch {
                    throw readFailed(BodyStorageError(error))
                }
                if read == 0 { break }
                offset += read
                try buffer.withUnsafeBytes { bytes in
                    Result { () throws(E) in try body(UnsafeRawBufferPointer(rebasing: bytes[0..<read])) }
                }.get()
            }
        }
    }
}
