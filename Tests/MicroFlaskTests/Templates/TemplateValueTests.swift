import Foundation
import Testing

@testable import MicroFlask

extension Templates {
    /// The value model: literals, truthiness, printing and `Encodable` conversion.
    struct ValueTests {
        @Test func literalsBuildValues() {
            let context: [String: TemplateValue] = ["title": "Home", "items": [1, 2.5, true, nil], "user": ["n": "A"]]
            #expect(context["title"] == .string("Home"))
            #expect(context["items"] == .array([.int(1), .double(2.5), .bool(true), .null]))
            #expect(context["user"] == .dictionary(["n": .string("A")]))
        }

        @Test func truthinessFollowsPython() {
            let falsy: [TemplateValue] = [nil, false, 0, 0.0, "", .safe(""), [], [:]]
            let truthy: [TemplateValue] = [true, 1, -1.5, "a", .safe("x"), [0], ["k": 0]]
            #expect(falsy.allSatisfy { !$0.isTruthy })
            #expect(truthy.allSatisfy { $0.isTruthy })
        }

        @Test func textMatchesPythonStr() {
            #expect(TemplateValue.null.text == "None")
            #expect(TemplateValue.bool(false).text == "False")
            #expect(TemplateValue.double(2).text == "2.0")
            #expect(TemplateValue.double(1e20).text == "1e+20")
            #expect(TemplateValue.array(["a", 1, .safe("b")]).text == "['a', 1, 'b']")
            #expect(TemplateValue.dictionary(["b": 1, "a": "x"]).description == "{'b': 1, 'a': 'x'}")
            let unordered: [String: TemplateValue] = ["b": 1, "a": "x"]
            #expect(TemplateValue.dictionary(unordered).description == "{'a': 'x', 'b': 1}", "Swift dictionaries sort")
        }

        struct Address: Encodable {
            let city: String
        }

        struct User: Encodable {
            let name: String
            let age: Int
            let score: Double
            let admin: Bool
            let nickname: String?
            let tags: [String]
            let address: Address
            let created: Date
            let home: URL
        }

        enum Role: String, Encodable {
            case editor
        }

        @Test func encodableStructBecomesDictionary() throws {
            let user = User(
                name: "Ada", age: 36, score: 9.5, admin: true, nickname: nil, tags: ["a", "b"],
                address: Address(city: "London"), created: Date(timeIntervalSince1970: 0),
                home: URL(string: "https://example.com/ada")!)
            let value = try TemplateValue(encoding: user)
            #expect(
                value
                    == [
                        "name": "Ada", "age": 36, "score": 9.5, "admin": true, "tags": ["a", "b"],
                        "address": ["city": "London"], "created": .date(Date(timeIntervalSince1970: 0)),
                        "home": "https://example.com/ada",
                    ])
            let html = try render(
                "{{ user.name }} {{ user.nickname|default('-') }} {{ user.address.city }}", ["user": value])
            #expect(html == "Ada - London")
            let keys = try render("{% for k in user %}{{ k }} {% endfor %}", ["user": value])
            #expect(keys == "name age score admin tags address created home ", "declaration order")
        }

        @Test func encodedSwiftDictionariesHaveSortedKeys() throws {
            // A Swift dictionary has no order of its own; sorting keeps renders the same from run to run.
            let scores = ["zed": 1, "amy": 2, "kim": 3, "bob": 4]
            let value = try TemplateValue(encoding: ["scores": scores])
            #expect(
                try render("{% for k, v in s.scores.items() %}{{ k }}{{ v }} {% endfor %}", ["s": value])
                    == "amy2 bob4 kim3 zed1 ")
        }

        @Test func encodableCollectionsAndScalars() throws {
            #expect(try TemplateValue(encoding: [3, 4]) == [3, 4])
            #expect(try TemplateValue(encoding: ["k": [1.5]]) == ["k": [1.5]])
            #expect(try TemplateValue(encoding: Role.editor) == "editor")
            #expect(try TemplateValue(encoding: UInt8(7)) == 7)
            #expect(try TemplateValue(encoding: [String?.none, "x"]) == [nil, "x"])
            #expect(try TemplateValue(encoding: TemplateValue.safe("<b>")) == .safe("<b>"))
        }
    }
}
