extension FormError {
    /// The kinds of ``FormError``. An open set: new kinds may be added without breaking callers.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private let name: String

        private init(_ name: String) {
            self.name = name
        }

        /// The Content-Type has no usable `boundary` parameter, or the boundary is invalid.
        public static let missingBoundary = Kind("missingBoundary")
        /// The body does not follow the multipart syntax (no delimiter, no closing delimiter,
        /// a part without headers or without a `Content-Disposition` name, oversized part headers).
        public static let malformedPart = Kind("malformedPart")
        /// The body has more parts than ``MultipartLimits/maxParts``.
        public static let tooManyParts = Kind("tooManyParts")
        /// A non-file field is larger than ``MultipartLimits/maxMemoryPartSize``.
        public static let fieldTooLarge = Kind("fieldTooLarge")
        /// The non-file fields of a multipart body together are larger than ``MultipartLimits/maxFieldsSize``.
        public static let fieldsTooLarge = Kind("fieldsTooLarge")
        /// The server's memory budget for request bodies (``BodyMemoryBudget``) is in use and a
        /// field, which must be kept in memory, did not fit: try again later.
        public static let memoryUnavailable = Kind("memoryUnavailable")
        /// An `application/x-www-form-urlencoded` body is larger than ``FormLimits/maxMemorySize``.
        public static let formTooLarge = Kind("formTooLarge")
        /// A large upload could not be written to a temporary file.
        public static let storageFailed = Kind("storageFailed")

        /// The name of the kind, such as `"tooManyParts"`.
        public var description: String { name }
    }
}
