/// An unlinked temporary file holding one request body.
///
/// The file has no name (it was unlinked right after `mkstemp`), so nothing is left on disk when
/// the last reference goes away and the descriptor closes. Reads use `pread`, which does not move a
/// shared offset, so the object is immutable and safe to share between threads.
final class SpooledFile: Sendable {
    /// The open descriptor; closed in `deinit`.
    let descriptor: Int32
    /// How many bytes the file holds.
    let size: Int

    init(descriptor: Int32, size: Int) {
        self.descriptor = descriptor
        self.size = size
    }

    deinit {
        FileCalls.close(descriptor)
    }

    /// Reads up to `buffer.count` bytes at `offset`; 0 at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(SystemError) -> Int {
        try FileCalls.read(descriptor, into: buffer, at: offset)
    }
}
