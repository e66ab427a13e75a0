import Glibc

extension Socket {
    /// Whether something accepts TCP connections at `address`: a blocking connect, then close
    /// (the worker supervisor waits with it for the first worker to listen).
    static func acceptsConnections(at address: SocketAddress) -> Bool {
        let fd = socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { _ = Glibc.close(fd) }
        let connected = try? Syscall.retrying("connect") { Int(address.withSockAddr { connect(fd, $0, $1) }) }
        return connected != nil
    }
}
