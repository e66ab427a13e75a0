import Foundation
import Glibc
import Testing

@testable import MicroFlask

/// Groups the suites for `Sources/MicroFlask/HTTP/Body`, so `swift test --filter Body` selects them.
@Suite enum BodyTests {
    /// A fresh private directory for temporary files; the caller removes it.
    static func scratchDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "microflask-body-test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        return path
    }

    /// Collects `bytes` through an accumulator, appending `step` bytes at a time.
    static func accumulate(
        _ bytes: [UInt8], step: Int = 1000, budget: BodyMemoryBudget = BodyMemoryBudget(),
        spoolThreshold: Int = 1 << 20, directory: String? = nil
    ) throws -> RequestBody {
        let accumulator = BodyAccumulator(
            budget: budget, spoolThreshold: spoolThreshold, temporaryDirectory: directory)
        try feed(bytes, to: accumulator, step: step)
        return try accumulator.finish()
    }

    static func feed(_ bytes: [UInt8], to accumulator: BodyAccumulator, step: Int) throws {
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + step)
            try bytes[start..<end].withUnsafeBytes { try accumulator.append($0) }
            start = end
        }
    }

    /// A spooled copy of `bytes` (threshold 0: always on disk).
    static func spooled(_ bytes: [UInt8]) throws -> RequestBody {
        let body = try accumulate(bytes, step: 7919, spoolThreshold: 0)
        #expect(body.isSpooled)
        return body
    }

    /// The descriptor of a spooled body (without keeping a reference to its file).
    static func descriptor(of body: RequestBody?) -> Int32? {
        guard case .file(let file)? = body?.storage else { return nil }
        return file.descriptor
    }

    /// The device and inode behind `descriptor`, or nil if it is not open.
    static func identity(of descriptor: Int32) -> (UInt, UInt, Int)? {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        return (UInt(info.st_dev), UInt(info.st_ino), Int(info.st_nlink))
    }
}
