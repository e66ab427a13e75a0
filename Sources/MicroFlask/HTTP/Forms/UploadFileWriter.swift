/// An upload's temporary file, open for writing while its part arrives; closed when dropped.
final class UploadFileWriter {
    /// Where the file is (inside the request's private upload directory).
    let path: String
    private var descriptor: Int32?

    init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        close()
    }

    /// Appends `bytes` to the file.
    func write(_ bytes: UnsafeRawBufferPointer, filename: String) throws(FormError) {
        guard let descriptor else { return }
        do {
            try FileCalls.writeAll(descriptor, bytes)
        } catch {
            throw FormError(.storageFailed, "could not write uploaded file \"\(filename)\" to \(path): \(error)")
        }
    }

    /// Closes the file; it stays on disk until the form's cleanup.
    func close() {
        if let descriptor { FileCalls.close(descriptor) }
        descriptor = nil
    }
}
