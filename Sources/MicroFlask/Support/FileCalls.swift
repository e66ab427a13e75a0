import Glibc

/// The file calls behind spooled request bodies and uploads: unlinked temporary files, writes
/// and positioned reads.
///
/// Kept in `Support/`, with `Syscall`, so that `HTTP/` stays free of Glibc and file descriptors
/// never reach it except through `SpooledFile`. Failures are reported through
/// ``Syscall`` (the one place that reads `errno`).
enum FileCalls {
    /// Creates a file with `mkstemp` in `directory`, unlinks it at once and returns its descriptor.
    ///
    /// Unlinking right after the open means the file has no name left to leak: the kernel frees its
    /// blocks when the descriptor closes, even if the process dies.
    static func openUnlinkedTemporaryFile(in directory: String) throws(SystemError) -> Int32 {
        var template = Array((directory.hasSuffix("/") ? directory : directory + "/").utf8CString.dropLast())
        template.append(contentsOf: Array("microflask-body-XXXXXX".utf8CString))
        let descriptor = try Syscall.retrying("mkstemp") {
            template.withUnsafeMutableBufferPointer { Int(mkstemp($0.baseAddress!)) }
        }
        // Not inherited by processes the app may start.
        _ = fcntl(Int32(descriptor), F_SETFD, FD_CLOEXEC)
        _ = try? Syscall.retrying("unlink") { template.withUnsafeBufferPointer { Int(unlink($0.baseAddress!)) } }
        return Int32(descriptor)
    }

    /// Writes all of `bytes` at the file's current offset.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            let written = try Syscall.retrying("write") {
                write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            }
            offset += written
        }
    }

    /// Reads up to `buffer.count` bytes at `offset` without moving the file offset (safe from any thread).
    static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int)
        throws(SystemError) -> Int
    {
        guard buffer.count > 0 else { return 0 }
        return try Syscall.retrying("pread") { pread(descriptor, buffer.baseAddress!, buffer.count, off_t(offset)) }
    }

    /// Closes a descriptor this code opened; a failure here cannot be acted upon.
    static func close(_ descriptor: Int32) {
        _ = Glibc.close(descriptor)
    }

    /// Whether `path` names an existing directory.
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The default folder for temporary files: `$TMPDIR` when it is a directory, else `/tmp`.
    static var defaultTemporaryDirectory: String {
        if let pointer = getenv("TMPDIR") {
            let value = String(cString: pointer)
            if !value.isEmpty, isDirectory(value) { return value }
        }
        return "/tmp"
    }

    /// Creates a new file at `path` for writing (mode 0600; fails if it exists).
    static func createFile(atPath path: String) throws(SystemError) -> Int32 {
        Int32(try Syscall.retrying("open") { Int(open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)) })
    }
}
