import Glibc

extension Socket {
    /// Takes over a listening socket this process inherited (from the supervisor, or from
    /// systemd's socket activation): checks that it listens, makes it non-blocking and
    /// close-on-exec. The accept queue stays shared with every process holding it.
    static func inherited(_ fd: Int32) throws(SocketError) -> Socket {
        var listening: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &length) == 0, listening != 0 else {
            throw SocketError(.system, "File descriptor \(fd) is not a listening socket.")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC)
        return Socket(fd: fd)
    }
}
