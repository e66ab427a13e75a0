import Glibc

/// What `stat(2)` says about a file to be sent: its size, modification time and kind.
struct FileInfo: Sendable, Equatable {
    /// The size in bytes.
    let size: Int
    /// The modification time, whole seconds since the epoch.
    let modifiedSeconds: Int
    /// The nanoseconds part of the modification time.
    let modifiedNanoseconds: Int
    /// Whether it is a regular file (not a directory, device, socket or FIFO).
    let isRegularFile: Bool
    /// A weak entity tag from the modification time and size, such as `W/"674417c0.1a2b3c-1f4"`;
    /// made once, as the response and the precondition checks both need it.
    ///
    /// Weak, because equal time and size do not prove equal bytes.
    let entityTag: String

    /// Stats `path`, following symlinks; nil when it does not exist or cannot be read.
    init?(path: String) {
        var info = stat()
        guard !path.utf8.contains(0), stat(path, &info) == 0 else { return nil }
        size = Int(info.st_size)
        modifiedSeconds = Int(info.st_mtim.tv_sec)
        modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
        isRegularFile = (info.st_mode & S_IFMT) == S_IFREG
        entityTag =
            "W/\"\(String(modifiedSeconds, radix: 16)).\(String(modifiedNanoseconds, radix: 16))-\(String(size, radix: 16))\""
    }

    /// `Last-Modified`: the modification time as an IMF-fixdate.
    var lastModified: String { HTTPDate.format(epochSeconds: modifiedSeconds) }

}
