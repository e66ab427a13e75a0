import Foundation
import Testing

@testable import MicroFlask

extension BodyTests {
    @Suite struct BodyAccumulatorTests {
        private let sample = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }

        @Test func smallBodyStaysInMemory() throws {
            let body = try BodyTests.accumulate(Array(sample[0..<5000]), step: 3)
            #expect(!body.isSpooled)
            #expect(body.count == 5000)
            #expect(try body.bytes() == Array(sample[0..<5000]))
        }

        @Test func bodyPastThresholdIsSpooledAndReadsBack() throws {
            let scratch = try BodyTests.scratchDirectory()
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            for step in [1, 1000, 4096, 4097, 100_000, sample.count] {
                let body = try BodyTests.accumulate(
                    step == 1 ? Array(sample[0..<20_000]) : sample, step: step, spoolThreshold: 10_000,
                    directory: scratch)
                #expect(body.isSpooled)
                #expect(try body.bytes() == (step == 1 ? Array(sample[0..<20_000]) : sample))
                // Unlinked right after mkstemp: the directory is empty while the body is alive.
                #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty)
            }
        }

        @Test func bodyAtThresholdStaysInMemory() throws {
            let body = try BodyTests.accumulate(Array(sample[0..<10_000]), step: 999, spoolThreshold: 10_000)
            #expect(!body.isSpooled)
        }

        @Test func declaredLengthIsNotReserved() throws {
            let budget = BodyMemoryBudget(limit: 1 << 30)
            let accumulator = BodyAccumulator(budget: budget, spoolThreshold: 1 << 30, declaredLength: nil)
            try [UInt8](repeating: 1, count: 10).withUnsafeBytes { try accumulator.append($0) }
            #expect(accumulator.reservedBytes <= 1024)
            #expect(budget.inUse == accumulator.reservedBytes)
        }

        @Test func largeDeclaredLengthGoesToDiskFromTheFirstByte() throws {
            let budget = BodyMemoryBudget()
            let accumulator = BodyAccumulator(budget: budget, spoolThreshold: 1000, declaredLength: 16_000_000)
            try [UInt8](repeating: 1, count: 10).withUnsafeBytes { try accumulator.append($0) }
            #expect(accumulator.isSpooled)
            #expect(budget.inUse == 0)
        }

        @Test func memoryGrowsWithBytesReceived() throws {
            let budget = BodyMemoryBudget()
            let accumulator = BodyAccumulator(budget: budget, spoolThreshold: 1 << 20)
            var reserved: [Int] = []
            for _ in 0..<100 {
                try sample[0..<1000].withUnsafeBytes { try accumulator.append($0) }
                reserved.append(accumulator.reservedBytes)
            }
            #expect(reserved.allSatisfy { $0 <= 2 * 100_000 })
            #expect(reserved.last! >= 100_000)
            #expect(budget.inUse == reserved.last!)
        }

        @Test func unwritableDirectoryIsAStorageError() throws {
            let accumulator = BodyAccumulator(
                budget: BodyMemoryBudget(), spoolThreshold: 0, temporaryDirectory: "/nonexistent-\(UUID().uuidString)")
            #expect(throws: BodyStorageError.self) {
                try [UInt8](repeating: 1, count: 10).withUnsafeBytes { try accumulator.append($0) }
            }
        }

        @Test func chunksOfASpooledBodyCoverItInOrder() throws {
            let body = try BodyTests.spooled(sample)
            var collected: [UInt8] = []
            var chunks = 0
            try body.forEachChunk(
                { (chunk) throws(BodyStorageError) in
                    collected.append(contentsOf: chunk)
                    chunks += 1
                }, readFailed: { $0 })
            #expect(collected == sample)
            #expect(chunks == (sample.count + RequestBody.chunkSize - 1) / RequestBody.chunkSize)
        }
    }
}
