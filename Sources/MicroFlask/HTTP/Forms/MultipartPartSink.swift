/// The part being received: its head, and its bytes so far (in memory, or in a temporary file).
///
/// A class so that appending to `bytes` mutates in place rather than copying an optional's payload.
final class MultipartPartSink {
    let name: String
    let filename: String?
    let contentType: String
    var bytes: [UInt8] = []
    var size = 0
    var writer: UploadFileWriter?

    init(head: MultipartPartHead) {
        name = head.name
        filename = head.filename
        contentType = head.contentType
    }
}
