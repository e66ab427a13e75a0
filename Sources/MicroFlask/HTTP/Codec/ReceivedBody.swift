/// A complete request body as ``RequestBodyAccumulator`` hands it over.
enum ReceivedBody {
    /// The bytes, in memory or spooled.
    case bytes(RequestBody)
    /// A `multipart/form-data` body parsed as it arrived; its bytes were not kept. The request's
    /// owner removes its upload files (``MultipartForm/cleanup()``).
    case form(MultipartForm)
}
