import Glibc

/// An IPv4, IPv6 or Unix-domain socket address.
public struct SocketAddress: Sendable, CustomStringConvertible {
    var storage = sockaddr_storage()
    var length: socklen_t = 0

    init() {}

    /// Resolves a numeric host (`127.0.0.1`, `::1`, `0.0.0.0`) or `localhost` and a port.
    public init(host: String, port: Int) throws(SocketError) {
        let name = host == "localhost" ? "127.0.0.1" : host
        var v4 = sockaddr_in()
        var v6 = sockaddr_in6()
        if inet_pton(AF_INET, name, &v4.sin_addr) == 1 {
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
            withUnsafeBytes(of: v4) { raw in
                withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: raw) }
            }
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
        } else if inet_pton(AF_INET6, name, &v6.sin6_addr) == 1 {
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
            withUnsafeBytes(of: v6) { raw in
                withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: raw) }
            }
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        } else {
            throw SocketError(
                .invalidAddress, "'\(host)' is not a numeric IPv4 or IPv6 address; use e.g. 127.0.0.1 or ::1")
        }
    }

    /// The address of a Unix-domain socket file (`--unix-socket`); at most 107 bytes of path.
    public init(unixPath path: String) throws(SocketError) {
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: sockaddr_un().sun_path)
        guard !bytes.isEmpty, bytes.count < capacity, !bytes.contains(0) else {
            throw SocketError(
                .invalidAddress, "'\(path)' cannot be a Unix socket path: it must have 1 to \(capacity - 1) bytes")
        }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
        }
        withUnsafeBytes(of: address) { raw in
            withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: raw) }
        }
        length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + 1)
    }

    /// Whether this is a Unix-domain address.
    public var isUnix: Bool { family == AF_UNIX }

    /// The path of a Unix-domain address ("" for an unnamed one, such as a connected client's).
    public var path: String {
        guard isUnix else { return "" }
        return withUnsafeBytes(of: storage) { raw in
            let offset = MemoryLayout<sa_family_t>.size
            let end = max(offset, min(Int(length), raw.count))
            let bytes = raw[offset..<end].prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The address family (`AF_INET`, `AF_INET6` or `AF_UNIX`).
    var family: Int32 { Int32(storage.ss_family) }

    /// The port, in host byte order.
    public var port: Int {
        withUnsafeBytes(of: storage) { raw in
            switch Int32(storage.ss_family) {
            case AF_INET: Int(UInt16(bigEndian: raw.load(as: sockaddr_in.self).sin_port))
            case AF_INET6: Int(UInt16(bigEndian: raw.load(as: sockaddr_in6.self).sin6_port))
            default: 0
            }
        }
    }

    /// The numeric host, such as `127.0.0.1` or `::1`; `<local>` for a Unix-domain peer, as
    /// Werkzeug names clients of a Unix socket.
    public var host: String {
        if isUnix { return "<local>" }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        return withUnsafeBytes(of: storage) { raw -> String in
            switch Int32(storage.ss_family) {
            case AF_INET:
                var addr = raw.load(as: sockaddr_in.self).sin_addr
                inet_ntop(AF_INET, &addr, &buffer, socklen_t(buffer.count))
            case AF_INET6:
                var addr = raw.load(as: sockaddr_in6.self).sin6_addr
                inet_ntop(AF_INET6, &addr, &buffer, socklen_t(buffer.count))
            default:
                return ""
            }
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// `host:port`, with an IPv6 host in brackets (`[::1]:5000`), as it is printed in the "Running on" line.
    public var description: String {
        if isUnix { return "unix:\(path)" }
        return family == AF_INET6 ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    func withSockAddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        withUnsafeBytes(of: storage) { raw in
            body(raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), length)
        }
    }
}
