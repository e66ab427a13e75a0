import Glibc

/// An error from a system call, with the `errno` it set and the call's name.
public struct SystemError: Error, CustomStringConvertible, Sendable {
    /// The `errno` value.
    public let code: Int32
    /// The system call that failed, such as `"bind"`.
    public let function: String

    /// Captures the current `errno` for `function`.
    init(_ function: String, code: Int32 = errno) {
        self.code = code
        self.function = function
    }

    /// The peer is gone (EPIPE): what a write to a closed connection reports.
    static func brokenPipe(_ function: String) -> SystemError { SystemError(function, code: EPIPE) }

    /// The call, the system's message for the error and its number: `bind failed: Address already in use (errno 98)`.
    public var description: String {
        "\(function) failed: \(String(cString: strerror(code))) (errno \(code))"
    }
}

/// The single place where system calls are retried and `errno` is read.
enum Syscall {
    /// The outcome of a non-blocking call.
    enum IOResult: Equatable {
        case done(Int)
        case wouldBlock
    }

    /// Runs `body` until it does not fail with `EINTR`; throws on any other failure.
    @inline(__always)
    static func retrying(_ function: String, _ body: () -> Int) throws(SystemError) -> Int {
        while true {
            let result = body()
            if result >= 0 { return result }
            let code = errno
            if code == EINTR { continue }
            throw SystemError(function, code: code)
        }
    }

    /// Like `retrying`, but reports `EAGAIN`/`EWOULDBLOCK` as a value.
    @inline(__always)
    static func nonBlocking(_ function: String, _ body: () -> Int) throws(SystemError) -> IOResult {
        while true {
            let result = body()
            if result >= 0 { return .done(result) }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return .wouldBlock }
            throw SystemError(function, code: code)
        }
    }
}
