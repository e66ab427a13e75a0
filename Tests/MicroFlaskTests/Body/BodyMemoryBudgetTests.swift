import Foundation
import Testing

@testable import MicroFlask

extension BodyTests {
    /// The process-wide budget: reserved while bodies are in memory, given back when they are dropped.
    @Suite struct BodyMemoryBudgetTests {
        private let chunk = [UInt8](repeating: 7, count: 10_000)

        @Test func reservationsStayWithinTheLimit() {
            let budget = BodyMemoryBudget(limit: 1000)
            #expect(budget.tryReserve(600))
            #expect(!budget.tryReserve(401))
            #expect(budget.tryReserve(400))
            #expect(budget.inUse == 1000)
            budget.release(1000)
            #expect(budget.inUse == 0)
        }

        @Test func bodiesPastTheBudgetSpoolInsteadOfFailing() throws {
            let budget = BodyMemoryBudget(limit: 50_000)
            var bodies: [RequestBody] = []
            for _ in 0..<10 {
                let accumulator = BodyAccumulator(budget: budget, spoolThreshold: 1 << 20)
                try chunk.withUnsafeBytes { try accumulator.append($0) }
                bodies.append(try accumulator.finish())
                #expect(budget.inUse <= 50_000)
            }
            #expect(bodies.contains { !$0.isSpooled })
            #expect(bodies.contains { $0.isSpooled })
            for body in bodies { #expect(try body.bytes() == chunk) }
            #expect(budget.inUse > 0)
            bodies = []
            #expect(budget.inUse == 0)
        }

        @Test func spoolingGivesTheMemoryBack() throws {
            let budget = BodyMemoryBudget()
            let accumulator = BodyAccumulator(budget: budget, spoolThreshold: 15_000)
            try chunk.withUnsafeBytes { try accumulator.append($0) }
            #expect(budget.inUse >= 10_000)
            try chunk.withUnsafeBytes { try accumulator.append($0) }
            #expect(accumulator.isSpooled)
            #expect(budget.inUse == 0)
        }

        @Test func anAbandonedBodyReleasesItsMemoryAndItsFile() throws {
            let budget = BodyMemoryBudget()
            var accumulator: BodyAccumulator? = BodyAccumulator(budget: budget, spoolThreshold: 1 << 20)
            try chunk.withUnsafeBytes { try accumulator!.append($0) }
            #expect(budget.inUse > 0)
            accumulator = nil  // the connection closed mid-body
            #expect(budget.inUse == 0)
        }

        @Test func aRequestEndingReleasesItsBody() throws {
            let budget = BodyMemoryBudget()
            var body: RequestBody? = try BodyTests.accumulate(chunk, budget: budget)
            var copy = body
            #expect(budget.inUse > 0)
            body = nil
            #expect(budget.inUse > 0)  // a copy still holds the bytes
            copy = nil
            #expect(budget.inUse == 0)
            _ = copy
        }

        @Test func spooledFilesAreUnlinkedAndClosedWithTheirBody() throws {
            let scratch = try BodyTests.scratchDirectory()
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            var body: RequestBody? = try BodyTests.accumulate(chunk, spoolThreshold: 0, directory: scratch)
            let descriptor = try #require(BodyTests.descriptor(of: body))
            let identity = try #require(BodyTests.identity(of: descriptor))
            #expect(identity.2 == 0)  // no name on disk
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty)
            body = nil
            _ = body
            // Closed: the number is free, or (tests run in parallel) reused by some other file.
            if let after = BodyTests.identity(of: descriptor) {
                #expect(after.0 != identity.0 || after.1 != identity.1)
            }
        }

        @Test func manyBodiesLeaveNoDescriptorsOrFilesBehind() throws {
            let scratch = try BodyTests.scratchDirectory()
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            let budget = BodyMemoryBudget(limit: 0)
            var identities: [(Int32, (UInt, UInt, Int))] = []
            for _ in 0..<200 {
                let body = try BodyTests.accumulate(chunk, budget: budget, directory: scratch)
                let descriptor = try #require(BodyTests.descriptor(of: body), "a zero budget must spool")
                identities.append((descriptor, try #require(BodyTests.identity(of: descriptor))))
            }
            for (descriptor, identity) in identities {
                if let after = BodyTests.identity(of: descriptor) {
                    #expect(after.0 != identity.0 || after.1 != identity.1)
                }
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty)
            #expect(budget.inUse == 0)
        }
    }
}
