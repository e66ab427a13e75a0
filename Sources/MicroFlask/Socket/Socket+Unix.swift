import Glibc

/// `--unix-socket PATH`: a listener on a socket file, for a proxy on the same machine (nginx's
/// `proxy_pass http://unix:PATH:`), with no TCP port at all.
extension Socket {
    /// Which file a socket path named when it was bound: removed at stop only if it still is.
    struct FileIdentity: Equatable, Sendable {
        let device: UInt64
        let inode: UInt64
    }

    /// Creates a non-blocking listener on a Unix socket at `path`. A socket file left by a
    /// server that is gone (nothing accepts on it) is removed first; a live one, or a file that
    /// is not a socket, is an error and is left alone. The file is made with the process's
    /// umask: connecting needs write permission on it, so a proxy running as another user
    /// needs a shared group and `UMask=0007` (or systemd's socket unit with `SocketMode=`).
    static func listen(unixPath path: String, backlog: Int32 = 1024) throws(SocketError) -> (Socket, FileIdentity?) {
        let address = try SocketAddress(unixPath: path)
        try removeStaleSocketFile(at: path, address: address)
        let fd = socket(
            AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketError(.system, SystemError("socket").description) }
        let sock = Socket(fd: fd)
        do {
            _ = try Syscall.retrying("bind") { Int(address.withSockAddr { Glibc.bind(fd, $0, $1) }) }
        } catch {
            sock.close()
            switch error.code {
            case EADDRINUSE:
                throw SocketError(.addressInUse, "The Unix socket \(path) is already in use.")
            case EACCES:
                throw SocketError(
                    .permissionDenied,
                    "Permission denied creating the Unix socket \(path): check its folder's permissions.")
            default:
                throw SocketError(
                    .system, "Cannot bind the Unix socket \(path): \(SystemError("bind", code: error.code))")
            }
        }
        guard Glibc.listen(fd, backlog) == 0 else {
            let error = SystemError("listen")
            sock.close()
            throw SocketError(.system, error.description)
        }
        return (sock, fileIdentity(path))
    }

    /// Removes the socket file at `path` if it is still the one bound as `identity` (a newer
    /// server may have replaced it since).
    static func removeSocketFile(at path: String, ifStill identity: FileIdentity?) {
        guard let identity, fileIdentity(path) == identity else { return }
        _ = unlink(path)
    }

    private static func fileIdentity(_ path: String) -> FileIdentity? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFSOCK else { return nil }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    private static func removeStaleSocketFile(at path: String, address: SocketAddress) throws(SocketError) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }  // nothing there
        guard (info.st_mode & S_IFMT) == S_IFSOCK else {
            throw SocketError(
                .addressInUse, "\(path) exists and is not a socket; it is not removed. Pick another --unix-socket path."
            )
        }
        let probe = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard probe >= 0 else { throw SocketError(.system, SystemError("socket").description) }
        defer { _ = Glibc.close(probe) }
        let connected = try? Syscall.retrying("connect") { Int(address.withSockAddr { connect(probe, $0, $1) }) }
        if connected != nil {
            throw SocketError(
                .addressInUse, "Another server is listening on the Unix socket \(path); stop it or pick another path.")
        }
        _ = unlink(path)
    }
}
