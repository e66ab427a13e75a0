// Prints what the HTTP/1.1 codec makes of each input, for the differential check against llhttp
// (Differential/run.sh). Input on stdin: records of a decimal length, a line feed and that many
// bytes. Output: one line per record, `messages` as method, target and body in hex, then how the
// stream ended: `idle` (between requests), `incomplete head` or `incomplete body`, `closed` (a
// request ended the connection) or `error STATUS REASON`.
import Foundation
@testable import MicroFlask

func hex(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
}

func transcript(_ bytes: [UInt8]) -> String {
    var codec = HTTP1Codec(limits: HTTPLimits())
    var messages: [String] = []
    var body: [UInt8] = []
    var end = ""
    let directive = bytes.withUnsafeBufferPointer { buffer in
        codec.feed(buffer) { event in
            switch event {
            case .head, .continueExpected: return .proceed
            case .body(let span):
                body.append(contentsOf: span)
                return .proceed
            case .end(let head):
                messages.append("\(head.method.rawValue) \(hex(head.target.utf8)) \(hex(body))")
                body = []
                if head.keepAlive { return .proceed }
                end = "closed"
                return .close
            case .failure(let error):
                // The reason names the rule, for grouping (commas would split the line).
                end = "error \(error.status.code) \(error.reason.replacingOccurrences(of: ",", with: ";"))"
                return .close
            }
        }
    }
    if end.isEmpty {
        switch (directive, codec.phase) {
        case (.close, _), (_, .closed): end = "closed"
        case (_, .idle): end = "idle"
        case (_, .head): end = "incomplete head"
        case (_, .body): end = "incomplete body"
        }
    }
    return (messages + [end]).joined(separator: ",")
}

let input = FileHandle.standardInput.readDataToEndOfFile()
var offset = input.startIndex
var output = ""
while offset < input.endIndex, let newline = input[offset...].firstIndex(of: 0x0A) {
    let length = Int(String(decoding: input[offset..<newline], as: UTF8.self)) ?? 0
    let start = newline + 1
    output += transcript(Array(input[start..<(start + length)])) + "\n"
    offset = start + length
}
FileHandle.standardOutput.write(Data(output.utf8))
