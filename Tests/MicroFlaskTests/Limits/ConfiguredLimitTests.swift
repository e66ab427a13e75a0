import Testing

@testable import MicroFlask

/// Each limit in docs/RELIABILITY.md's table that had no test of its own: a value set below the
/// default is honoured (one byte or item over it is refused with its status, exactly at it is
/// accepted), and the fixed bounds hold at their edge.
@Suite("Limits: configured values and fixed bounds")
struct ConfiguredLimitTests {
    private static func limits(line: Int = 8 * 1024, header: Int = 32 * 1024, count: Int = 100) -> HTTPLimits {
        var limits = HTTPLimits()
        limits.maxRequestLineLength = line
        limits.maxHeaderSize = header
        limits.maxHeaderCount = count
        return limits
    }

    @Test("a configured maxRequestLineLength: 414 one byte over it, accepted at it")
    func requestLineLength() {
        // "GET " + target + " HTTP/1.1" is 13 bytes more than the target.
        let limits = Self.limits(line: 64)
        let atLimit = "/" + String(repeating: "a", count: 64 - 13 - 1)
        #expect(expectSameEveryWay(codecGet(atLimit), limits: limits).first?.description.hasPrefix("GET") == true)
        expectCodecRejects(codecGet(atLimit + "a"), status: 414, limits: limits)
    }

    @Test("a configured maxHeaderSize: 431 past it, whether the head is complete or not")
    func headerSize() {
        let limits = Self.limits(header: 256)
        expectCodecRejects(
            codecGet(headers: "X-Big: \(String(repeating: "x", count: 300))\r\n"), status: 431, limits: limits)
        let records = expectSameEveryWay(
            Array(codecGet(headers: "X-Big: \(String(repeating: "x", count: 300))").utf8.dropLast(4)), limits: limits)
        #expect(records.contains(.failure(431)), "\(records)")
        #expect(
            expectSameEveryWay(codecGet(headers: "X-Small: 1\r\n"), limits: limits).first?.description.hasPrefix("GET")
                == true)
    }

    @Test("a configured maxHeaderCount: 431 for one field more")
    func headerCount() {
        let limits = Self.limits(count: 3)
        // Host is the first field.
        let two = "A: 1\r\nB: 2\r\n"
        #expect(expectSameEveryWay(codecGet(headers: two), limits: limits).first?.description.hasPrefix("GET") == true)
        expectCodecRejects(codecGet(headers: two + "C: 3\r\n"), status: 431, limits: limits)
    }

    @Test("a method of 16 bytes is parsed; one of 17 is refused")
    func methodLength() {
        let sixteen = String(repeating: "M", count: 16)
        #expect(
            expectSameEveryWay("\(sixteen) / HTTP/1.1\r\nHost: h\r\n\r\n").first?.description.hasPrefix(sixteen) == true
        )
        let records = expectSameEveryWay("\(sixteen)M / HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(records.contains { if case .failure(let code) = $0 { code >= 400 } else { false } }, "\(records)")
    }

    @Test("template JSON nests 512 deep and no deeper")
    func jsonDepth() throws {
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        _ = try TemplateValue(json: ok)
        let deep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        #expect(throws: TemplateJSONError.self) { try TemplateValue(json: deep) }
        // Far deeper input fails the same way instead of exhausting the stack.
        let hostile = String(repeating: "[", count: 100_000)
        #expect(throws: TemplateJSONError.self) { try TemplateValue(json: hostile) }
    }

    @Test("a static path segment of 255 bytes is a name; 256 bytes is refused")
    func segmentLength() {
        #expect(SafePath.segments(of: String(repeating: "a", count: 255)) != nil)
        #expect(SafePath.segments(of: "d/" + String(repeating: "a", count: 256)) == nil)
    }

    @Test("a chunk line limit set below the default is honoured")
    func chunkLineLength() {
        func decode(_ text: String) -> Result<ChunkedDecoder.Step, RequestParseError> {
            var decoder = ChunkedDecoder(maxBodySize: 1000, maxChunkLineLength: 16)
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBufferPointer { buffer in
                var position = 0
                return decoder.next(buffer, at: &position)
            }
        }
        // "5;" plus a 14-byte extension is 16 bytes: accepted (the data follows its CRLF, at 18);
        // one more byte is 400.
        #expect(decode("5;" + String(repeating: "e", count: 14) + "\r\nhello\r\n") == .success(.data(18..<23)))
        guard case .failure(let error) = decode("5;" + String(repeating: "e", count: 15) + "\r\nhello\r\n") else {
            Issue.record("a 17-byte chunk line was accepted")
            return
        }
        #expect(error.status.code == 400)
    }
}

/// The scrypt memory bound: a stored hash's parameters come from the database, so a hash asking
/// for more than 1 GiB is refused before anything is allocated.
@Suite("Limits: scrypt memory")
struct ScryptMemoryLimitTests {
    @Test("parameters needing 1 GiB are accepted by the check; more are refused without allocating")
    func memoryLimit() {
        // 128 * r * n: r = 8, n = 2^20 is exactly 1 GiB; n = 2^21 is 2 GiB.
        #expect(throws: PasswordHashError.self) {
            try Scrypt.derive(password: [1], salt: [2], n: 1 << 21, r: 8, p: 1)
        }
        #expect(throws: PasswordHashError.self) {
            try Scrypt.derive(password: [1], salt: [2], n: 1 << 62, r: 1 << 20, p: 1)
        }
        #expect(throws: PasswordHashError.self) {
            try Scrypt.derive(password: [1], salt: [2], n: 2, r: 8, p: 1 << 21)
        }
        #expect(Scrypt.memoryLimit == 1 << 30)
    }
}
