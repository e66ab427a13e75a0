/// The header block of one multipart part, and what it says about the part.
public struct MultipartPartHead: Sendable {
    /// The `name` parameter of `Content-Disposition`.
    public let name: String
    /// The `filename` parameter, present for file parts (possibly empty).
    public let filename: String?
    /// The part's `Content-Type`, or `""`.
    public let contentType: String
    /// Index of the first body byte.
    let bodyStart: Int
    /// Index of the line break of the blank line ending the headers; a delimiter search for an empty
    /// body must start here, since that line break also begins the next delimiter.
    let blankLineStart: Int

    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// Reads header lines from `start` up to and including the blank line that ends them.
    ///
    /// Lines end in CRLF or a bare LF. A line starting with a space or tab continues the previous
    /// header. Lines without a colon are ignored, as Werkzeug does.
    init(_ input: UnsafeRawBufferPointer, from start: Int, maxSize: Int, partNumber: Int) throws(FormError) {
        let limitEnd = start + min(maxSize, input.count - start)
        var headers: [(name: String, value: String)] = []
        var lineStart = start
        while true {
            guard let lineFeed = input[lineStart..<limitEnd].firstIndex(of: Self.lineFeed) else {
                if limitEnd < input.count {
                    throw FormError(.malformedPart, "the headers of part \(partNumber) exceed \(maxSize) bytes")
                }
                throw FormError(.malformedPart, "the headers of part \(partNumber) do not end with an empty line")
            }
            var contentEnd = lineFeed
            if contentEnd > lineStart, input[contentEnd - 1] == Self.carriageReturn {
                contentEnd -= 1
            }
            if contentEnd == lineStart {
                bodyStart = lineFeed + 1
                blankLineStart = lineStart
                break
            }
            let line = input[lineStart..<contentEnd]
            let isContinuation = line.first == UInt8(ascii: " ") || line.first == UInt8(ascii: "\t")
            if isContinuation, let last = headers.popLast() {
                headers.append((last.name, last.value + " " + Self.trimmed(line)))
            } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
                headers.append((Self.trimmed(line[..<colon]).lowercased(), Self.trimmed(line[(colon + 1)...])))
            }
            lineStart = lineFeed + 1
        }

        guard let disposition = headers.first(where: { $0.name == "content-disposition" })?.value else {
            throw FormError(.malformedPart, "part \(partNumber) has no Content-Disposition header")
        }
        let options = HeaderOptions(parsing: disposition)
        guard let name = options["name"] else {
            throw FormError(.malformedPart, "the Content-Disposition of part \(partNumber) has no name parameter")
        }
        self.name = name
        filename = options["filename"]
        contentType = headers.first { $0.name == "content-type" }?.value ?? ""
    }

    /// The bytes as UTF-8 (invalid sequences replaced), without surrounding spaces and tabs.
    private static func trimmed(_ bytes: Slice<UnsafeRawBufferPointer>) -> String {
        var slice = bytes
        while let first = slice.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
            slice.removeFirst()
        }
        while let last = slice.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            slice.removeLast()
        }
        return String(decoding: slice, as: UTF8.self)
    }
}
