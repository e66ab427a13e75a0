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
