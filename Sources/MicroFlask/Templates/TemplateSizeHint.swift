import Synchronization

/// How many bytes a template's last render wrote, so the next render reserves its buffer once
/// instead of growing it several times over.
final class TemplateSizeHint: Sendable {
    private let last = Atomic<Int>(0)

    /// The capacity to reserve: the last size plus a little, at least 1 KiB.
    var capacity: Int { max(last.load(ordering: .relaxed) + 256, 1024) }

    /// Records a finished render's size (capped, so one huge page does not pin a huge reservation).
    func record(_ size: Int) {
        last.store(min(size, 4 << 20), ordering: .relaxed)
    }
}
