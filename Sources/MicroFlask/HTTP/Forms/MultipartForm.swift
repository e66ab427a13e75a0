import Foundation

/// The fields and files of a parsed multipart/form-data body.
///
/// Large uploads are kept in temporary files under ``temporaryDirectory``. **The caller owns them:**
/// run ``cleanup()`` once the request is over (the dispatcher does this for requests it parses),
/// or the files stay on disk.
///
/// ```swift
/// let form = try MultipartParser().parse(body, contentType: contentType)
/// defer { form.cleanup() }
/// ```
public struct MultipartForm: Sendable {
    /// Non-file fields in body order, duplicates kept, values decoded as UTF-8.
    public var fields: [(String, String)]

    /// File parts (those with a `filename` parameter) in body order.
    public var files: [UploadedFile]

    /// The private directory (mode 0700) holding spooled uploads, or `nil` if nothing was spooled.
    public let temporaryDirectory: String?

    /// The server's memory budget bytes held by the in-memory fields and files, released when the
    /// last copy of the form is dropped.
    let reservation: BudgetReservation?

    /// Creates a form; used by the parser and by tests.
    public init(fields: [(String, String)] = [], files: [UploadedFile] = [], temporaryDirectory: String? = nil) {
        self.init(fields: fields, files: files, temporaryDirectory: temporaryDirectory, reservation: nil)
    }

    init(
        fields: [(String, String)], files: [UploadedFile], temporaryDirectory: String?, reservation: BudgetReservation?
    ) {
        self.fields = fields
        self.files = files
        self.temporaryDirectory = temporaryDirectory
        self.reservation = reservation
    }

    /// The first value of the field called `name`, or `nil`.
    public func field(_ name: String) -> String? {
        fields.first { $0.0 == name }?.1
    }

    /// Removes the temporary files of spooled uploads. Safe to call more than once.
    public func cleanup() {
        guard let temporaryDirectory else { return }
        try? FileManager.default.removeItem(atPath: temporaryDirectory)
    }
}
