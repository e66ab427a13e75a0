import Foundation
import Testing

@testable import MicroFlask

/// Mutated requests, thrown at the live server: whatever arrives, the server answers with a
/// well-formed HTTP/1.1 response or closes, never crashes or hangs, and still serves afterwards.
extension Conformance {
    @Suite struct Fuzz {
        /// A small, seeded generator, so that a failure can be replayed.
        struct SplitMix: RandomNumberGenerator {
            var state: UInt64
            mutating func next() -> UInt64 {
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                return z ^ (z >> 31)
            }
        }

        static let seeds: [[UInt8]] = [
            Array("GET /plain?x=1 HTTP/1.1\r\nHost: a\r\nAccept: */*\r\n\r\n".utf8),
            Array("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello".utf8),
            Array(
                "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n0\r\nT: v\r\n\r\n"
                    .utf8),
            Array("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /plain HTTP/1.1\r\nHost: b\r\n\r\n".utf8),
        ]

        static func mutate(_ bytes: [UInt8], using generator: inout SplitMix) -> [UInt8] {
            var out = bytes
            for _ in 0..<Int.random(in: 1...4, using: &generator) where !out.isEmpty {
                let index = Int.random(in: 0..<out.count, using: &generator)
                switch Int.random(in: 0..<5, using: &generator) {
                case 0: out[index] = UInt8.random(in: 0...255, using: &generator)
                case 1: out.insert(UInt8.random(in: 0...255, using: &generator), at: index)
                case 2: out.remove(at: index)
                case 3: out.insert(contentsOf: [13, 10], at: index)  // a stray line break
                default: out.insert(contentsOf: out[index...].prefix(8), at: index)  // a repeated run
                }
            }
            return out
        }

        @Test(.timeLimit(.minutes(2)))
        func mutatedRequestsGetAResponseOrAClose() throws {
            var generator = SplitMix(state: 20_261_125)
            var statuses: [String: Int] = [:]
            try withLiveServer(Fixture.app()) { server in
                for case_ in 0..<1000 {
                    let seed = Fuzz.seeds[case_ % Fuzz.seeds.count]
                    let bytes = Fuzz.mutate(seed, using: &generator)
                    let client = try RawClient(port: server.port, timeout: 3)
                    try? client.send(bytes)
                    client.shutdownWrite()  // no more is coming: an incomplete request must not wait for it
                    var received: [UInt8] = []
                    var state = PeerState.open
                    let deadline = Date().addingTimeInterval(3)
                    while state == .open && Date() < deadline {
                        let (chunk, now) = client.receiveAvailable(waiting: 0.5)
                        received += chunk
                        state = now
                    }
                    #expect(state != .open, "case \(case_): the server neither finished nor closed: \(bytes)")
                    if !received.isEmpty {
                        #expect(received.starts(with: Array("HTTP/1.1 ".utf8)), "case \(case_): \(bytes)")
                        statuses[String(decoding: received.dropFirst(9).prefix(3), as: UTF8.self), default: 0] += 1
                    } else {
                        statuses["closed", default: 0] += 1
                    }
                }
                try expectAlive(server)
            }
            // The mutations must have exercised both sides: requests still served, and requests refused.
            #expect(statuses["200", default: 0] > 50, "\(statuses)")
            #expect(statuses["400", default: 0] > 50, "\(statuses)")
        }
    }
}
