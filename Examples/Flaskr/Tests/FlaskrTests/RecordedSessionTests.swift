import Foundation
import MicroFlask
import Testing

@testable import FlaskrApp

/// Replays the session recorded from the real Flaskr (`record/flaskr_session.json`, written by
/// `record/record.py`) against the port, step by step with one client, and expects the same
/// answers.
///
/// What is compared: the status, `Location`, `Content-Type`, what the step did to the session
/// cookie (set, deleted, nothing), and the body. Normalised, because it must differ:
/// - the session cookie's value (MicroFlask signs its own format; only its effect is compared);
/// - the dates of posts created during the run (the recording's day and today's: `<date>`);
/// - the markup of Flaskr's pages, since the port's templates are written anew: a page is
///   compared as its title, its visible text (tags removed, white space collapsed) and its
///   `href`, `action` and `value` attributes, in order. Other bodies (the error pages, the
///   hello text) are compared byte for byte. The stylesheet's body is not recorded.
@Suite struct RecordedSessionTests {
    struct Recording: Decodable {
        let flask: String
        let steps: [Step]
        let stored_hash: StoredHash
    }

    struct StoredHash: Decodable {
        let hash: String
        let password: String
    }

    struct Step: Decodable {
        let method: String
        let path: String
        let form: [[String]]
        let flaskr: Answer
    }

    struct Answer: Decodable {
        let status: Int
        let location: String?
        let content_type: String?
        let session_cookie: String?
        let body: String?
    }

    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../record/flaskr_session.json").standardized

    @Test func portAnswersAsFlaskrDid() throws {
        let recording = try JSONDecoder().decode(Recording.self, from: Data(contentsOf: Self.url))
        #expect(recording.flask.hasPrefix("3.1"))
        #expect(recording.steps.count >= 30)
        let fixture = try FlaskrFixture()
        for (index, step) in recording.steps.enumerated() {
            let label = "step \(index + 1): \(step.method) \(step.path)"
            let response =
                step.method == "GET"
                ? try fixture.client.get(step.path)
                : try fixture.client.post(step.path, form: step.form.map { ($0[0], $0[1]) })
            let expected = step.flaskr
            #expect(response.status.code == expected.status, "\(label): status")
            #expect(response.headers["Location"] == expected.location, "\(label): Location")
            #expect(response.headers["Content-Type"] == expected.content_type, "\(label): Content-Type")
            #expect(Self.cookieEffect(response) == expected.session_cookie, "\(label): session cookie")
            guard let body = expected.body else { continue }
            #expect(Self.normalised(response.text) == Self.normalised(body), "\(label): body")
        }
    }

    /// The password hash the real Flaskr wrote to its database logs in to the port.
    @Test func flaskrsStoredHashLogsIn() throws {
        let recording = try JSONDecoder().decode(Recording.self, from: Data(contentsOf: Self.url))
        let stored = recording.stored_hash
        #expect(stored.hash.hasPrefix("scrypt:32768:8:1$"), "Werkzeug 3.1's default method")
        #expect(try checkPasswordHash(stored.hash, stored.password))
        let fixture = try FlaskrFixture()
        try fixture.database().execute(
            "INSERT INTO user (username, password) VALUES (?, ?)", ["ada", .text(stored.hash)])
        #expect(try fixture.login("ada", stored.password).headers["Location"] == "/")
        #expect(try fixture.login("ada", "wrong").text.contains("Incorrect password."))
    }

    /// What the response did to the session cookie: "set", "deleted" or nil.
    static func cookieEffect(_ response: Response) -> String? {
        for line in response.headers.values(for: "Set-Cookie") where line.hasPrefix("session=") {
            return line.hasPrefix("session=;") || line.contains("Max-Age=0") ? "deleted" : "set"
        }
        return nil
    }

    /// A Flaskr page as its title, text and link/form attributes; any other body as is.
    static func normalised(_ body: String) -> [String] {
        guard body.contains("<nav>") else { return [body] }
        let dated = replacing(#"\b(?!2018-01-01)\d{4}-\d{2}-\d{2}\b"#, in: body, with: "<date>")
        let title = matches(#"<title>([^<]*)</title>"#, in: dated).map { "title: \($0)" }
        let attributes = matches(#"\b(?:href|action|value)="([^"]*)""#, in: dated).map { "attribute: \($0)" }
        let withoutHead = replacing(#"<title>[^<]*</title>"#, in: dated, with: " ")
        let text = replacing(#"<[^>]*>"#, in: withoutHead, with: " ")
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return title + ["text: \(text)"] + attributes
    }

    private static func replacing(_ pattern: String, in text: String, with template: String) -> String {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
    }

    private static func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
