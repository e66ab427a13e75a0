import Glibc

/// A file opened read-only for `sendfile(2)`; closed by `close()`.
struct OpenFile {
    let fd: Int32

    init(path: String) throws(SystemError) {
        fd = Int32(try Syscall.retrying("open") { Int(open(path, O_RDONLY | O_CLOEXEC)) })
    }

    func close() { _ = Glibc.close(fd) }
}
