import Foundation

/// Creates the files of large uploads of one request in a private temporary directory, made on first use.
struct UploadSpool {
    /// Where the private directory is created, such as `/tmp`.
    let parent: String
    /// The private directory, once created.
    private(set) var directory: String?
    private var fileCount = 0

    init(parent: String) {
        self.parent = parent
    }

    /// Creates a new empty file for the upload `filename` (used only in error messages), its
    /// writes counted in `diskWrites`.
    mutating func createFile(filename: String, diskWrites: DiskWriteCounter?) throws(FormError) -> UploadFileWriter {
        do {
            let directory = try directoryCreatingIfNeeded()
            fileCount += 1
            let path = (directory as NSString).appendingPathComponent("upload-\(fileCount)")
            return UploadFileWriter(
                path: path, descriptor: try FileCalls.createFile(atPath: path), filename: filename,
                diskWrites: diskWrites)
        } catch {
            throw FormError(.storageFailed, "could not store uploaded file \"\(filename)\" in \(parent): \(error)")
        }
    }

    /// Deletes the directory and everything in it.
    func removeAll() {
        guard let directory else { return }
        try? FileManager.default.removeItem(atPath: directory)
    }

    private mutating func directoryCreatingIfNeeded() throws -> String {
        if let directory { return directory }
        let path = (parent as NSString).appendingPathComponent("microflask-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        directory = path
        return path
    }
}
