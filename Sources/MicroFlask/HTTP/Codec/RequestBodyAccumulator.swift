/// Where a request body is gathered while it arrives: the one place bodies are kept.
///
/// It grows only with the bytes received (never by a length the client declares), so a
/// client that announces 16 MB and sends 10 bytes costs 10 bytes. A spooling body type can
/// replace the storage here without touching the codec or the server.
struct RequestBodyAccumulator {
    private var bytes: [UInt8] = []

    /// The number of bytes gathered so far.
    var count: Int { bytes.count }

    /// The storage reserved so far (tests check it follows the bytes received).
    var capacity: Int { bytes.capacity }

    /// Appends received body bytes.
    mutating func append(_ received: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: received)
    }

    /// Hands the gathered body over and starts empty for the next request.
    mutating func finish() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }
}
