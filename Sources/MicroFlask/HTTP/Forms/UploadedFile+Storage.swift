extension UploadedFile {
    /// Where an uploaded file's bytes are kept.
    enum Storage: Sendable {
        /// In memory.
        case memory([UInt8])
        /// In a temporary file at this path, removed by ``MultipartForm/cleanup()``.
        case temporaryFile(String)
    }
}
