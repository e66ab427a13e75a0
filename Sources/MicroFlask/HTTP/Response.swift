import Foundation

/// An HTTP response: a status, headers and a body.
///
/// ```swift
/// Response(status: .created, headers: ["Location": "/users/7"], body: Array("made".utf8))
/// Response.text("Hello, World!")                 // text/plain; charset=utf-8
/// try Response.json(["message": "Hello"])       // application/json
/// Response(stream: { write in for i in 0..<3 { try write("line \(i)\n") } })   // chunked
/// ```
public struct Response: Sendable {
    /// The status code and reason phrase.
    public var status: Status
    /// The header fields; `Content-Length`, `Date` and `Connection` are added when it is sent.
    public var headers: Headers
    /// The body.
    public var body: ResponseBody

    /// Creates a response with a body of bytes.
    public init(status: Status = .ok, headers: Headers = Headers(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = .bytes(body)
    }

    /// Creates a response with a text body and a content type (HTML unless told otherwise).
    public init(_ text: String, status: Status = .ok, contentType: String = "text/html; charset=utf-8") {
        // An array of fields, not a dictionary literal: one allocation fewer per response.
        self.init(
            status: status, headers: Headers([(name: "Content-Type", value: contentType)]), body: Array(text.utf8))
    }

    /// Creates a streamed response, sent with chunked transfer coding as `produce` writes.
    ///
    /// The closure runs on the thread serving the connection; each `write` is sent at once.
    public init(
        status: Status = .ok, headers: Headers = ["Content-Type": "text/html; charset=utf-8"],
        stream produce: @escaping @Sendable (ResponseBodyWriter) throws -> Void
    ) {
        self.status = status
        self.headers = headers
        self.body = .stream(produce)
    }

    /// A `text/plain; charset=utf-8` response.
    public static func text(_ text: String, status: Status = .ok) -> Response {
        Response(text, status: status, contentType: "text/plain; charset=utf-8")
    }

    /// An `application/json` response encoding `value` (Flask's `jsonify`), keys sorted as
    /// Flask sorts them, written straight to bytes by `JSONBytesEncoder`.
    public static func json(_ value: some Encodable, status: Status = .ok) throws -> Response {
        try json(value, status: status, encoder: JSONBytesEncoder())
    }

    /// An `application/json` response encoding `value` with `encoder` (keys in the order the
    /// type encodes them when `encoder.sortsKeys` is false).
    public static func json(_ value: some Encodable, status: Status = .ok, encoder: JSONBytesEncoder) throws
        -> Response
    {
        Response(status: status, headers: ["Content-Type": "application/json"], body: try encoder.encode(value))
    }

    /// An `application/json` response encoding `value` with Foundation's `encoder`, for its
    /// strategies (dates, key conversion, pretty printing).
    public static func json(_ value: some Encodable, status: Status = .ok, encoder: JSONEncoder) throws -> Response {
        Response(status: status, headers: ["Content-Type": "application/json"], body: Array(try encoder.encode(value)))
    }

    /// The body bytes, when the body is not streamed.
    public var bodyBytes: [UInt8] {
        if case .bytes(let bytes) = body { return bytes }
        return []
    }

    /// The number of body bytes, when known before sending (nil for a streamed body).
    public var bodyLength: Int? {
        switch body {
        case .bytes(let bytes): bytes.count
        case .file(let region): region.length
        case .stream: nil
        }
    }

    /// The body as UTF-8 text, when the body is not streamed.
    public var text: String { String(decoding: bodyBytes, as: UTF8.self) }
}

/// What a response carries after its head.
public enum ResponseBody: Sendable {
    /// Bytes known up front, sent with `Content-Length`.
    case bytes([UInt8])
    /// Bytes produced while sending, sent chunked.
    case stream(@Sendable (ResponseBodyWriter) throws -> Void)
    /// A byte range of a file, sent with `sendfile(2)` without passing through memory.
    case file(FileRegion)
}

/// A byte range of a file on disk, for `ResponseBody.file`.
public struct FileRegion: Sendable, Equatable {
    /// The file's path.
    public let path: String
    /// The first byte to send.
    public let offset: Int
    /// How many bytes to send.
    public let length: Int

    /// Describes `length` bytes of the file at `path`, starting at `offset`.
    public init(path: String, offset: Int = 0, length: Int) {
        self.path = path
        self.offset = offset
        self.length = length
    }

    /// Reads the region into memory (the test client uses this).
    public func read() throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(offset))
        return Array(try handle.read(upToCount: length) ?? Data())
    }
}

/// Writes the pieces of a streamed body (see `Response(stream:)`).
public struct ResponseBodyWriter: Sendable {
    let sink: @Sendable ([UInt8]) throws -> Void

    /// Creates a writer that hands each piece to `sink`.
    public init(_ sink: @escaping @Sendable ([UInt8]) throws -> Void) { self.sink = sink }

    /// Sends bytes as one chunk.
    public func callAsFunction(_ bytes: [UInt8]) throws {
        if !bytes.isEmpty { try sink(bytes) }
    }

    /// Sends UTF-8 text as one chunk.
    public func callAsFunction(_ text: String) throws { try self(Array(text.utf8)) }
}
