// The incremental multipart parser (boundary "fuzz"): fed whole and cut into reads it must give
// the same fields and files, or the same error kind; its temporary files are removed.
import FuzzSupport
import Foundation
import MicroFlask

let directory = NSTemporaryDirectory() + "microflask-fuzz-multipart"
let limits = MultipartLimits(
    maxParts: 8, maxMemoryPartSize: 512, spoolThreshold: 256, maxPartHeaderSize: 256, maxMemoryFileBytes: 1024)

func parse(_ pieces: [ArraySlice<UInt8>]) -> String {
    var parser: MultipartStreamParser
    do {
        parser = try MultipartStreamParser(boundary: "fuzz", limits: limits, temporaryDirectory: directory)
    } catch {
        return "boundary \(error.kind)"
    }
    do {
        for piece in pieces {
            try piece.withUnsafeBytes { try parser.feed($0) }
        }
        let form = try parser.finish()
        defer { form.cleanup() }
        var lines = form.fields.map { "field \($0.0)=\($0.1)" }
        for file in form.files {
            let bytes = (try? file.bytes()) ?? []
            check(bytes.count == file.size, "a file's size is not its byte count")
            lines.append("file \(file.fieldName) \(file.filename) \(file.contentType) \(bytes)")
        }
        return lines.joined(separator: "\n")
    } catch let error as FormError {
        parser.discard()
        return "error \(error.kind)"
    } catch {
        check(false, "not a FormError: \(error)")
        return ""
    }
}

try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
runFuzzer { data in
    let input = CutInput(data)
    let whole = parse([input.payload[...]])
    let cut = parse(input.pieces)
    check(whole == cut, "cut at \(input.cuts): \(whole) != \(cut)")
}
