import Foundation

/// A file received in a multipart/form-data body.
///
/// Small files are held in memory. Files larger than ``MultipartLimits/spoolThreshold`` live in a
/// temporary file, which exists until ``MultipartForm/cleanup()`` runs at the end of the request;
/// call ``bytes()`` or ``save(to:)`` before then.
///
/// ```swift
/// if let avatar = form.files.first(where: { $0.fieldName == "avatar" }) {
///     try avatar.save(to: "uploads/\(UUID().uuidString).png")
/// }
/// ```
public struct UploadedFile: Sendable {
    /// The `name` of the form field that carried the file.
    public let fieldName: String

    /// The file name the client sent, unchanged: it may be empty, contain path separators or `..`.
    /// Never use it as a path without sanitising it.
    public let filename: String

    /// The part's `Content-Type` as sent, or `""` when the client sent none.
    public let contentType: String

    /// The size of the file in bytes.
    public var size: Int

    /// Where the bytes are.
    let storage: Storage

    /// Creates an in-memory file, for tests and for building request bodies.
    public init(fieldName: String, filename: String, contentType: String, bytes: [UInt8]) {
        self.init(
            fieldName: fieldName, filename: filename, contentType: contentType, size: bytes.count,
            storage: .memory(bytes))
    }

    init(fieldName: String, filename: String, contentType: String, size: Int, storage: Storage) {
        self.fieldName = fieldName
        self.filename = filename
        self.contentType = contentType
        self.size = size
        self.storage = storage
    }

    /// The path of the temporary file holding the bytes, or `nil` when they are in memory.
    public var temporaryPath: String? {
        if case .temporaryFile(let path) = storage { return path }
        return nil
    }

    /// Returns the file's contents.
    ///
    /// - Throws: The Foundation error if a spooled file cannot be read (for example after cleanup).
    public func bytes() throws -> [UInt8] {
        switch storage {
        case .memory(let bytes):
            return bytes
        case .temporaryFile(let path):
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        }
    }

    /// Writes the file's contents to `path`, replacing any file there. Spooled files are copied in chunks.
    ///
    /// - Throws: The Foundation error if the file cannot be read or written.
    public func save(to path: String) throws {
        let destination = URL(fileURLWithPath: path)
        switch storage {
        case .memory(let bytes):
            try Data(bytes).write(to: destination)
        case .temporaryFile(let source):
            try Self.copy(from: source, to: destination)
        }
    }

    private static func copy(from source: String, to destination: URL) throws {
        let input = try FileHandle(forReadingFrom: URL(fileURLWithPath: source))
        defer { try? input.close() }
        try Data().write(to: destination)
        let output = try FileHandle(forWritingTo: destination)
        defer { try? output.close() }
        while let chunk = try input.read(upToCount: 256 * 1024), !chunk.isEmpty {
            try output.write(contentsOf: chunk)
        }
    }
}
