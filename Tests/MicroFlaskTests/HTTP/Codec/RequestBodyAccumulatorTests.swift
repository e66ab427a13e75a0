import Testing

@testable import MicroFlask

@Suite("RequestBodyAccumulator")
struct RequestBodyAccumulatorTests {
    private let spooling = BodySpooling(memoryBudget: 1 << 20, threshold: 1024)

    @Test("a body declared larger than the threshold goes to disk from its first byte")
    func declaredLargeBodySpoolsAtOnce() throws {
        var body = RequestBodyAccumulator(spooling: spooling)
        body.start(declaredLength: 16_000_000)
        try [UInt8](repeating: 7, count: 10).withUnsafeBufferPointer { try body.append($0) }
        #expect(body.isSpooled)
        #expect(spooling.budget.inUse == 0, "nothing reserved in memory for a spooled body")
        let finished = try body.finishBytes()
        #expect(finished.isSpooled && finished.count == 10)
        #expect(try finished.bytes() == [UInt8](repeating: 7, count: 10))
    }

    @Test("a small or chunked body stays in memory until it passes the threshold")
    func smallBodiesStayInMemory() throws {
        var body = RequestBodyAccumulator(spooling: spooling)
        body.start(declaredLength: 100)
        try [UInt8](repeating: 1, count: 100).withUnsafeBufferPointer { try body.append($0) }
        #expect(!body.isSpooled)
        #expect(try body.finishBytes().bytes().count == 100)
        body.start(declaredLength: nil)
        try [UInt8](repeating: 2, count: 2000).withUnsafeBufferPointer { try body.append($0) }
        #expect(body.isSpooled, "past the threshold it spools")
    }
}

@Suite("RequestBodyAccumulator forms")
struct RequestBodyAccumulatorFormTests {
    private let spooling = BodySpooling(memoryBudget: 1 << 20, threshold: 1024)

    private func head() throws -> RequestHead {
        let text = "POST /f HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=B\r\n\r\n"
        return try Array(text.utf8).withUnsafeBufferPointer {
            try RequestParser.parseHead($0, limits: HTTPLimits()).get()
        }
    }

    private func limits(_ change: (inout FormLimits) -> Void = { _ in }) -> FormLimits {
        var limits = FormLimits()
        limits.fileSpoolThreshold = 100
        change(&limits)
        return limits
    }

    private static let body = Array(
        ("--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
            + "--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"f.bin\"\r\n\r\n"
            + String(repeating: "z", count: 5000) + "\r\n--B--\r\n").utf8)

    @Test("a form body is parsed as it arrives and not kept; its file is written once")
    func formIsParsedNotKept() throws {
        var body = RequestBodyAccumulator(spooling: spooling)
        body.startForm(
            of: try head(), contentType: "multipart/form-data; boundary=B", limits: limits(), declaredLength: nil)
        #expect(body.isParsingForm)
        for start in stride(from: 0, to: Self.body.count, by: 333) {
            try Self.body[start..<min(Self.body.count, start + 333)].withUnsafeBufferPointer { try body.append($0) }
        }
        #expect(body.count == 0 && !body.isSpooled, "no raw bytes kept")
        guard case .form(let form) = try body.finish() else {
            Issue.record("expected a form")
            return
        }
        defer { form.cleanup() }
        #expect(form.fields.map { "\($0.0)=\($0.1)" } == ["a=1"])
        #expect(form.files.first?.size == 5000)
        #expect(spooling.diskWrites.total == 5000, "the file part and nothing else went to disk")
    }

    @Test("a limit is reported by the read that passes it, before the body ends")
    func limitFailsEarly() throws {
        var body = RequestBodyAccumulator(spooling: spooling)
        let head = try head()
        body.startForm(
            of: head, contentType: "multipart/form-data; boundary=B", limits: limits { $0.maxMemorySize = 10 },
            declaredLength: 1_000_000)
        let start = Array("--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n".utf8)
        try start.withUnsafeBufferPointer { try body.append($0) }
        do {
            try [UInt8](repeating: 120, count: 64).withUnsafeBufferPointer { try body.append($0) }
            Issue.record("a field past the limit was accepted")
        } catch RequestBodyError.form(let error) {
            #expect(error.kind == .fieldTooLarge)
        } catch {
            Issue.record("expected a form error, got \(error)")
        }
        #expect(body.formHead?.target == head.target, "the head is kept for the answer")
    }

    @Test("a boundary the parser refuses makes an ordinary body")
    func refusedBoundaryKeepsTheBytes() throws {
        var body = RequestBodyAccumulator(spooling: spooling)
        let long = String(repeating: "b", count: 300)
        body.startForm(
            of: try head(), contentType: "multipart/form-data; boundary=\(long)", limits: limits(), declaredLength: 3)
        #expect(!body.isParsingForm)
        try Array("abc".utf8).withUnsafeBufferPointer { try body.append($0) }
        #expect(try body.finishBytes().bytes() == Array("abc".utf8))
    }
}

@Suite("RequestHead.mayBeMultipart")
struct RequestHeadMultipartTests {
    private func head(_ fields: String) throws -> RequestHead {
        let text = "POST / HTTP/1.1\r\nHost: x\r\n\(fields)\r\n"
        return try Array(text.utf8).withUnsafeBufferPointer {
            try RequestParser.parseHead($0, limits: HTTPLimits()).get()
        }
    }

    @Test("the raw look finds the word in any case, and only when it is there")
    func rawLook() throws {
        #expect(try head("Content-Type: multipart/form-data; boundary=x\r\n").mayBeMultipart)
        #expect(try head("content-type: MultiPart/Form-Data; boundary=x\r\n").mayBeMultipart)
        #expect(try !head("Content-Type: application/json\r\n").mayBeMultipart)
        #expect(try !head("Content-Type: multipar\r\n").mayBeMultipart)
    }
}
