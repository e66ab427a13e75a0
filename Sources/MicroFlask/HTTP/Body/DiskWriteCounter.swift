import Synchronization

/// The bytes one server wrote to temporary files for request bodies and uploads.
///
/// It shows that an upload is written once: a multipart body parsed as it arrives writes its file
/// parts and nothing else, where a body spooled whole and parsed afterwards writes each file twice.
final class DiskWriteCounter: Sendable {
    private let bytes = Atomic<Int>(0)

    /// The bytes written so far.
    var total: Int { bytes.load(ordering: .relaxed) }

    /// Counts `count` more bytes written.
    func add(_ count: Int) {
        bytes.add(count, ordering: .relaxed)
    }
}
