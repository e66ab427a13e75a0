import Foundation
import Testing

@testable import MicroFlask

@Suite("Typed route values")
struct RouteValueTests {
    @Test(
        "each converter yields its typed value",
        arguments: [
            ("/<int:v>", "/42", RouteValue.int(42)), ("/<int(signed=True):v>", "/-7", .int(-7)),
            ("/<int(fixed_digits=3):v>", "/007", .int(7)), ("/<float:v>", "/1.50", .double(1.5)),
            ("/<v>", "/ada", .string("ada")), ("/<any(a,b):v>", "/b", .string("b")),
            ("/<path:v>", "/a/b", .string("a/b")),
            (
                "/<uuid:v>", "/12345678-1234-5678-1234-56781234ABCD",
                .uuid(UUID(uuidString: "12345678-1234-5678-1234-56781234abcd")!)
            ),
        ])
    func typedValues(rule: String, path: String, value: RouteValue) throws {
        let values = try RoutePattern(rule).match(RouteTable.segments(of: path))
        #expect(values == ["v": value])
    }

    @Test("description is the text form; uuid in lower case")
    func descriptions() {
        #expect(RouteValue.int(-3).description == "-3")
        #expect(RouteValue.double(2.5).description == "2.5")
        #expect(RouteValue.string("a/b").description == "a/b")
        #expect(
            RouteValue.uuid(UUID(uuidString: "ABCDEF01-1234-5678-1234-567812345678")!).description
                == "abcdef01-1234-5678-1234-567812345678")
    }

    @Test("req.param reads the typed value; req.params gives its text")
    func viewsReadTypedValues() throws {
        let app = App()
        app.get("/n/<int(fixed_digits=3):n>/<float:x>/<uuid:u>") { req in
            let n: Int = try req.param("n")
            let x: Double = try req.param("x")
            let u: UUID = try req.param("u")
            return "\(n + 1) \(x * 2) \(u.uuidString.prefix(4)) \(req.routeValues["n"]!) \(req.params["x"]!)"
        }
        let response = try app.test.get("/n/007/1.25/abcd0000-1234-5678-1234-567812345678")
        #expect(response.text == "8 2.5 ABCD 7 1.25")
    }

    @Test("a typed value read as another type: Int as Double works, a string parses, others are 400")
    func crossTypeReads() throws {
        let app = App()
        app.get("/a/<int:n>") { req in "\(try req.param("n") as Double) \(try req.param("n") as String)" }
        app.get("/b/<name>") { req in "\(try req.param("name") as Int)" }
        app.get("/c/<float:x>") { req in "\(try req.param("x") as Int)" }
        #expect(try app.test.get("/a/5").text == "5.0 5")
        #expect(try app.test.get("/b/12").text == "12")
        #expect(try app.test.get("/b/twelve").status == .badRequest)
        #expect(try app.test.get("/c/1.5").status == .badRequest)
    }

    @Test("converters reject what they rejected before, without building a value")
    func rejections() throws {
        let string = try Converter(kind: "string", positional: [], named: ["maxlength": "3"])
        #expect(string.convert("abcd") == nil)
        #expect(string.convert("a/b") == nil)
        #expect(string.convert("abc") == .string("abc"))
        let int = try Converter(kind: "int", positional: [], named: [:])
        #expect(int.convert("99999999999999999999") == nil)
        #expect(int.convert("1a") == nil)
        let float = try Converter(kind: "float", positional: [], named: [:])
        #expect(float.convert("1.2.3") == nil)
        #expect(float.convert("1.") == nil)
    }
}
