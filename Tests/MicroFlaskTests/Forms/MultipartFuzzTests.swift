import Foundation
import Testing

@testable import MicroFlask

extension FormsTests {
    /// Random and mutated bodies must give a form or a `FormError`, never a trap or a hang.
    @Suite struct MultipartFuzzTests {
        private static let seed =
            "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\\\".txt\"; filename*=UTF-8''%C3%A9\r\n"
            + "Content-Type: text/plain\r\n\r\nfile\r\ndata\r\n--XyZ--\r\nepilogue"

        @Test func randomBytesNeverTrap() {
            var generator = SystemRandomNumberGenerator()
            let alphabet =
                Array("--XyZ\r\n:;=\" \\%*'Content-Disposition form-data name filename".utf8) + [0, 0xFF, 0xC3]
            let parser = MultipartParser()
            for _ in 0..<2000 {
                let length = Int.random(in: 0..<300, using: &generator)
                let bytes = (0..<length).map { _ in
                    Bool.random(using: &generator)
                        ? alphabet.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
                }
                if let form = try? parser.parse(bytes, boundary: "XyZ") {
                    form.cleanup()
                }
            }
        }

        @Test func mutatedValidBodiesNeverTrap() {
            var generator = SystemRandomNumberGenerator()
            let seed = Array(Self.seed.utf8)
            let parser = MultipartParser()
            #expect((try? parser.parse(seed, boundary: "XyZ"))?.files.first?.filename == "é")
            for _ in 0..<2000 {
                var bytes = seed
                for _ in 0..<Int.random(in: 1...6, using: &generator) {
                    let index = Int.random(in: 0..<bytes.count, using: &generator)
                    switch Int.random(in: 0..<3, using: &generator) {
                    case 0: bytes[index] = UInt8.random(in: 0...255, using: &generator)
                    case 1: bytes.remove(at: index)
                    default: bytes.insert(seed.randomElement(using: &generator)!, at: index)
                    }
                    if bytes.isEmpty { bytes = [0] }
                }
                let cut = Int.random(in: 0...bytes.count, using: &generator)
                _ = try? parser.parse(bytes[..<cut], boundary: "XyZ")
                _ = try? parser.parse(bytes, boundary: "XyZ")
            }
        }

        @Test func pathologicalNearMatchesStayFast() throws {
            // Many almost-delimiters: a naive search would rescan them; this must stay linear.
            let boundary = String(repeating: "a", count: 70)
            let nearMiss = "\r\n--" + String(repeating: "a", count: 69) + "b"
            var body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"f\"; filename=\"f\"\r\n\r\n"
            body += String(repeating: nearMiss, count: 20_000)
            body += "\r\n--\(boundary)--\r\n"
            let start = Date()
            let form = try MultipartParser().parse(Array(body.utf8), boundary: boundary)
            defer { form.cleanup() }
            #expect(form.files.first?.size == nearMiss.utf8.count * 20_000)
            #expect(Date().timeIntervalSince(start) < 20)
        }
    }
}
