import CMicroFlaskSystem
import Glibc

/// A socket file descriptor and the handful of calls the server makes on it.
///
/// A plain value: it does not close itself. Its owner (the listener or a connection) does,
/// exactly once.
struct Socket: Sendable {
    let fd: Int32

    /// Creates a non-blocking TCP listener bound to `address`.
    static func listen(on address: SocketAddress, backlog: Int32 = 1024, reusePort: Bool = false) throws(SocketError)
        -> Socket
    {
        let fd = socket(
            address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue),
            0)
        guard fd >= 0 else { throw SocketError(.system, SystemError("socket").description) }
        let sock = Socket(fd: fd)
        // The seed's lesson: without SO_REUSEADDR a restarted server waits out TIME_WAIT.
        sock.setOption(SOL_SOCKET, SO_REUSEADDR, 1)
        if reusePort { sock.setOption(SOL_SOCKET, SO_REUSEPORT, 1) }
        do {
            _ = try Syscall.retrying("bind") { Int(address.withSockAddr { Glibc.bind(fd, $0, $1) }) }
        } catch {
            sock.close()
            let code = error.code
            switch code {
            case EADDRINUSE:
                throw SocketError(
                    .addressInUse,
                    "Address \(address) is already in use. Another program is listening on port \(address.port); stop it or pick another port with --port (e.g. --port \(address.port + 1)) or the PORT environment variable."
                )
            case EACCES:
                throw SocketError(
                    .permissionDenied,
                    "Permission denied binding \(address): ports below 1024 need privileges; use --port 5000.")
            default:
                throw SocketError(.system, "Cannot bind \(address): \(SystemError("bind", code: code))")
            }
        }
        guard Glibc.listen(fd, backlog) == 0 else {
            let error = SystemError("listen")
            sock.close()
            throw SocketError(.system, error.description)
        }
        return sock
    }

    /// The address the socket is bound to (reads back an ephemeral port).
    var localAddress: SocketAddress {
        var address = SocketAddress()
        address.length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        withUnsafeMutableBytes(of: &address.storage) { raw in
            _ = getsockname(fd, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), &address.length)
        }
        return address
    }

    /// Accepts one pending connection, non-blocking; `nil` when none is waiting.
    func accept() throws(SystemError) -> (Socket, SocketAddress)? {
        var address = SocketAddress()
        address.length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = try withUnsafeMutableBytes(of: &address.storage) { raw throws(SystemError) in
            try Syscall.nonBlocking("accept4") {
                Int(
                    microflask_accept4(
                        fd, raw.baseAddress, &address.length,
                        Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)))
            }
        }
        guard case .done(let client) = result else { return nil }
        return (Socket(fd: Int32(client)), address)
    }

    /// Reads what is available into `buffer`; `.done(0)` means the peer closed.
    @inline(__always)
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> Syscall.IOResult {
        try Syscall.nonBlocking("recv") { Glibc.recv(fd, buffer.baseAddress, buffer.count, 0) }
    }

    /// Sends bytes without raising SIGPIPE.
    @inline(__always)
    func send(_ buffer: UnsafeRawBufferPointer) throws(SystemError) -> Syscall.IOResult {
        try Syscall.nonBlocking("send") { Glibc.send(fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL)) }
    }

    /// How far a non-blocking send got.
    enum SendProgress: Equatable {
        /// Everything was sent.
        case done
        /// The socket is full; the rest waits for it to drain.
        case blocked
        /// The peer is gone or the socket failed.
        case failed
    }

    /// Sends `bytes[offset...]` until done or the socket is full, advancing `offset`.
    func sendAvailable(_ bytes: UnsafeRawBufferPointer, from offset: inout Int) -> SendProgress {
        while offset < bytes.count {
            switch try? send(UnsafeRawBufferPointer(rebasing: bytes[offset...])) {
            case .done(let count)?: offset += count
            case .wouldBlock?: return .blocked
            case nil: return .failed
            }
        }
        return .done
    }

    /// Sends `first` then `second` as one stream, gathering both in each call (`sendmsg(2)`
    /// with two buffers), starting `offset` bytes in and advancing it until done or the socket
    /// is full. Lets a large body go out after its head without being copied next to it.
    func sendAvailable(
        _ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer, from offset: inout Int
    ) -> SendProgress {
        let total = first.count + second.count
        while offset < total {
            var vectors = (iovec(), iovec())
            var count = 0
            if offset < first.count {
                vectors.0 = iovec(
                    iov_base: UnsafeMutableRawPointer(mutating: first.baseAddress! + offset),
                    iov_len: first.count - offset)
                if !second.isEmpty {
                    vectors.1 = iovec(
                        iov_base: UnsafeMutableRawPointer(mutating: second.baseAddress!), iov_len: second.count)
                    count = 2
                } else {
                    count = 1
                }
            } else {
                let start = offset - first.count
                vectors.0 = iovec(
                    iov_base: UnsafeMutableRawPointer(mutating: second.baseAddress! + start),
                    iov_len: second.count - start)
                count = 1
            }
            let result = withUnsafeMutableBytes(of: &vectors) { raw -> Syscall.IOResult? in
                var message = msghdr()
                message.msg_iov = raw.baseAddress!.assumingMemoryBound(to: iovec.self)
                message.msg_iovlen = count
                return try? Syscall.nonBlocking("sendmsg") { Glibc.sendmsg(fd, &message, Int32(MSG_NOSIGNAL)) }
            }
            switch result {
            case .done(let sent)?: offset += sent
            case .wouldBlock?: return .blocked
            case nil: return .failed
            }
        }
        return .done
    }

    /// Sends up to `count` bytes of an open file from `offset`, kernel to kernel.
    func sendFile(_ file: Int32, offset: inout Int, count: Int) throws(SystemError) -> Syscall.IOResult {
        try Syscall.nonBlocking("sendfile") { CMicroFlaskSystem.sendfile(fd, file, &offset, count) }
    }

    func setOption(_ level: Int32, _ name: Int32, _ value: Int32) {
        var value = value
        _ = setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Turns off Nagle's algorithm: a response goes out as soon as it is written.
    func setNoDelay() { setOption(Int32(IPPROTO_TCP), TCP_NODELAY, 1) }

    /// Wakes whoever waits on this socket; used by the sweeper, which never closes.
    func shutdown() { _ = Glibc.shutdown(fd, Int32(SHUT_RDWR)) }

    /// Ends the sending side only: the peer reads what was sent, then end of file.
    func shutdownWrite() { _ = Glibc.shutdown(fd, Int32(SHUT_WR)) }

    /// Waits until the socket can take more bytes; false on timeout or error.
    func waitUntilWritable(timeoutMilliseconds: Int32) -> Bool {
        var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        let ready = try? Syscall.retrying("poll") { Int(poll(&poller, 1, timeoutMilliseconds)) }
        return (ready ?? 0) > 0
    }

    /// A peer that stops reading must not kill the process: writes report EPIPE instead.
    static func ignoreBrokenPipes() { signal(SIGPIPE, SIG_IGN) }

    func close() { _ = Glibc.close(fd) }
}
