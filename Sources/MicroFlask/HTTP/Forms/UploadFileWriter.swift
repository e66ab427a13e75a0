/// An upload's temporary file, open for writing while its part arrives; closed when dropped.
///
/// Pieces smaller than ``stagingSize`` (a part cut by many small reads) are gathered before a
/// `write`; larger ones are written straight from the caller's buffer.
final class UploadFileWriter {
    /// Where the file is (inside the request's private upload directory).
    let path: String
    /// The client's name for the file, for error messages.
    private let filename: String
    private var descriptor: Int32?
    private let diskWrites: DiskWriteCounter?
    private var staged: [UInt8] = []

    /// Small writes are gathered up to this size.
    static let stagingSize = 16 * 1024

    init(path: String, descriptor: Int32, filename: String, diskWrites: DiskWriteCounter?) {
        self.path = path
        self.descriptor = descriptor
        self.filename = filename
        self.diskWrites = diskWrites
    }

    deinit {
        if let descriptor { FileCalls.close(descriptor) }
    }

    /// Appends `bytes` to the file.
    func write(_ bytes: UnsafeRawBufferPointer) throws(FormError) {
        guard !bytes.isEmpty else { return }
        if staged.count + bytes.count <= Self.stagingSize {
            if staged.capacity < Self.stagingSize { staged.reserveCapacity(Self.stagingSize) }
            staged.append(contentsOf: bytes)
            return
        }
        try flush()
        try writeAll(bytes)
    }

    /// Writes what is staged and closes the file; it stays on disk until the form's cleanup.
    func close() throws(FormError) {
        defer {
            if let descriptor { FileCalls.close(descriptor) }
            descriptor = nil
        }
        try flush()
    }

    private func flush() throws(FormError) {
        guard !staged.isEmpty else { return }
        try staged.withUnsafeBytes { bytes in Result { () throws(FormError) in try writeAll(bytes) } }.get()
        staged.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(FormError) {
        guard let descriptor else { return }
        do {
            try FileCalls.writeAll(descriptor, bytes)
        } catch {
            throw FormError(.storageFailed, "could not write uploaded file \"\(filename)\" to \(path): \(error)")
        }
        diskWrites?.add(bytes.count)
    }
}
