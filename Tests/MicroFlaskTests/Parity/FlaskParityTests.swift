import Foundation
import Testing

@testable import MicroFlask

/// Replays the cases recorded from Flask (`Tests/Parity/flask_expectations.json`, written by
/// `python3 Tests/Parity/record.py`) against the MicroFlask twin (`ParityTwin`) and expects
/// the same status, selected headers, Set-Cookie shapes and body. Where a step carries a
/// `microflask` object, MicroFlask differs from Flask on purpose (docs/FLASK_DIFFERENCES.md)
/// and those fields are expected instead.
@Suite struct FlaskParityTests {
    static let expectations = ParityExpectations.load()
    static let cases = expectations?.cases ?? []

    @Test func expectationsAreRecordedFromFlask31() throws {
        let expectations = try #require(Self.expectations, "cannot read \(ParityExpectations.url.path)")
        #expect(expectations.flask.hasPrefix("3.1"))
        #expect(expectations.cases.count >= 40)
        #expect(Set(expectations.cases.map(\.name)).count == expectations.cases.count)
    }

    @Test(arguments: cases) func matchesFlask(_ parityCase: ParityCase) throws {
        let environment = Self.expectations?.config_environment ?? [:]
        let app = try ParityTwin.make(parityCase.app, environment: environment)
        let client = app.makeTestClient()
        var lastSession: String?
        for (index, step) in parityCase.steps.enumerated() {
            let label = "\(parityCase.name), step \(index + 1): \(step.method) \(step.path)"
            var headers = Headers(step.headers.map { (name: $0[0], value: $0[1]) })
            var sender = client
            if step.tamper {
                let value = try #require(lastSession, "\(label): no session cookie to tamper with")
                headers.add("Cookie", "session=\(ParityExpectations.tampered(value))")
                sender = app.makeTestClient()
            }
            let response = try sender.request(
                Method(step.method), step.path, headers: headers, body: Array(step.body.utf8),
                followRedirects: step.follow)
            for line in response.headers.values(for: "Set-Cookie") {
                let pair = line.split(separator: ";", maxSplits: 1).first ?? ""
                if pair.hasPrefix("session="), pair.count > "session=".count { lastSession = String(pair.dropFirst(8)) }
            }
            check(response, against: step.expected, label)
        }
    }

    private func check(_ response: Response, against expected: ParityOutcome, _ label: String) {
        #expect(response.status.code == expected.status, "\(label): status")
        for (name, value) in (expected.headers ?? [:]).sorted(by: { $0.key < $1.key }) {
            var actual = response.headers[name]
            if name == "Allow", let allow = actual {
                actual = allow.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.sorted()
                    .joined(separator: ", ")
            }
            #expect(actual == value, "\(label): header \(name)")
        }
        let cookies = response.headers.values(for: "Set-Cookie").map(ParityExpectations.normalisedCookie)
        #expect(cookies == (expected.set_cookie ?? []), "\(label): Set-Cookie")
        let text = response.text
        switch expected.expect {
        case "exact":
            #expect(text == expected.body, "\(label): body")
        case "json":
            let decoded = try? JSONDecoder().decode(JSONValue.self, from: Data(response.bodyBytes))
            #expect(decoded == expected.body_json, "\(label): JSON body \(text)")
        case "contains":
            for piece in expected.contains ?? [] {
                #expect(text.contains(piece), "\(label): body lacks \(piece) in \(text)")
            }
        case "empty":
            #expect(text.isEmpty, "\(label): body should be empty")
        default:
            Issue.record("\(label): unknown expectation '\(expected.expect ?? "nil")'")
        }
    }
}

/// The recorded file (see `Tests/Parity/record.py` for its shape).
struct ParityExpectations: Decodable, Sendable {
    let flask: String
    let werkzeug: String
    let config_environment: [String: String]
    let cases: [ParityCase]

    /// `Tests/Parity/flask_expectations.json`, found from this file's path.
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Parity/flask_expectations.json")

    static func load() -> ParityExpectations? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(ParityExpectations.self, from: data)
    }

    /// The Set-Cookie shape record.py stores: the session's signed value and future dates
    /// replaced by placeholders (the signers and the clock differ; the shape must not).
    static func normalisedCookie(_ line: String) -> String {
        var parts = line.components(separatedBy: "; ")
        if let first = parts.first, first.hasPrefix("session="), first.count > "session=".count {
            parts[0] = "session=<signed>"
        }
        return parts.map {
            $0.hasPrefix("Expires=") && $0 != "Expires=Thu, 01 Jan 1970 00:00:00 GMT" ? "Expires=<date>" : $0
        }.joined(separator: "; ")
    }

    /// The cookie value with its first character changed, as record.py does.
    static func tampered(_ value: String) -> String {
        (value.first == "A" ? "B" : "A") + value.dropFirst()
    }
}

/// One named case: steps sent with one test client, so cookies carry between them.
struct ParityCase: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let app: String
    let steps: [ParityStep]

    var testDescription: String { name }
}

/// A request as sent to Flask, Flask's answer, and MicroFlask's deliberate differences.
struct ParityStep: Decodable, Sendable {
    let method: String
    let path: String
    let headers: [[String]]
    let body: String
    let follow: Bool
    let tamper: Bool
    let flask: ParityOutcome
    let microflask: ParityOutcome?
    let difference: String?

    /// Flask's answer with MicroFlask's documented differences laid over it.
    var expected: ParityOutcome {
        guard let override = microflask else { return flask }
        var merged = flask
        merged.status = override.status ?? flask.status
        merged.headers = (flask.headers ?? [:]).merging(override.headers ?? [:]) { $1 }
        merged.set_cookie = override.set_cookie ?? flask.set_cookie
        if override.expect != nil || override.body != nil || override.body_json != nil || override.contains != nil {
            merged.expect = override.expect ?? flask.expect
            merged.body = override.body
            merged.body_json = override.body_json
            merged.contains = override.contains
        }
        return merged
    }
}

/// What a response must look like; every field is optional so differences can be partial.
struct ParityOutcome: Decodable, Sendable {
    var status: Int?
    var headers: [String: String?]?
    var set_cookie: [String]?
    var expect: String?
    var body: String?
    var body_json: JSONValue?
    var contains: [String]?
}

/// Any JSON value, compared by meaning (key order and spacing do not matter).
indirect enum JSONValue: Decodable, Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }
}
