import Foundation

/// Writes large uploads of one request into a private temporary directory, created on first use.
struct UploadSpool {
    /// Where the private directory is created, such as `/tmp`.
    let parent: String
    /// The private directory, once created.
    private(set) var directory: String?
    private var fileCount = 0

    init(parent: String) {
        self.parent = parent
    }

    /// Writes `bytes` to a new file and returns its path.
    mutating func store(_ bytes: ArraySlice<UInt8>, filename: String) throws(FormError) -> String {
        do {
            let directory = try directoryCreatingIfNeeded()
            fileCount += 1
            let path = (directory as NSString).appendingPathComponent("upload-\(fileCount)")
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
            return path
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
