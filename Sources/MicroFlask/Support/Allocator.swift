import CMicroFlaskSystem

/// Tuning of glibc's allocator, so that memory freed after large request bodies goes back to the system.
///
/// glibc keeps freed memory in its arenas for reuse, and by default raises its mmap threshold each
/// time a large mapped block is freed (up to 32 MiB), so that later large buffers come from the
/// arenas too and stay resident after they are freed. See docs/ARCHITECTURE.md.
enum Allocator {
    /// Serves allocations of at least `bytes` with their own `mmap`, returned to the system when
    /// freed. Setting it also turns off glibc's dynamic raising of the threshold.
    static func setMmapThreshold(_ bytes: Int) {
        _ = mallopt(M_MMAP_THRESHOLD, Int32(clamping: bytes))
    }

    /// Returns the free memory of every malloc arena to the system (`malloc_trim(0)`).
    static func trimHeap() {
        _ = malloc_trim(0)
    }
}
