import Foundation
import Testing

@testable import MicroFlask

/// A temporary site for static-file tests, removed by `remove()`:
/// ```
/// <root>/secret.txt                       outside the static folder: must never be served
/// <root>/public-evil/x.txt                a sibling whose name starts like the folder's
/// <root>/public/                          the static folder
///     style.css  app.js  data.json  logo.png  icon.svg  hello.txt  notes  empty.txt
///     sub/page.html  sub/deeper/x.txt
///     link-in -> hello.txt                a symlink that stays inside (served)
///     link-out -> ../secret.txt           symlinks that lead out (refused)
///     dirlink-out -> ..   link-sibling -> ../public-evil/x.txt
/// ```
struct StaticFixture {
    static let secret = "TOP SECRET: outside the static folder"
    static let hello = "Hello, static world!\n"
    static let css = "h1 { color: rgb(1, 2, 3); }\n"

    let root: String
    var folder: String { root + "/public" }

    init() throws {
        root = NSTemporaryDirectory() + "microflask-static-\(UUID().uuidString)"
        let manager = FileManager.default
        for directory in ["public/sub/deeper", "public-evil"] {
            try manager.createDirectory(atPath: root + "/" + directory, withIntermediateDirectories: true)
        }
        try write("secret.txt", StaticFixture.secret)
        try write("public-evil/x.txt", StaticFixture.secret)
        try write("public/style.css", StaticFixture.css)
        try write("public/app.js", "console.log('hi');\n")
        try write("public/data.json", #"{"a":1}"#)
        try write("public/logo.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0])
        try write("public/icon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        try write("public/hello.txt", StaticFixture.hello)
        try write("public/notes", "no extension")
        try write("public/empty.txt", "")
        try write("public/sub/page.html", "<p>sub page</p>")
        try write("public/sub/deeper/x.txt", "deep")
        try manager.createSymbolicLink(atPath: folder + "/link-in", withDestinationPath: "hello.txt")
        try manager.createSymbolicLink(atPath: folder + "/link-out", withDestinationPath: "../secret.txt")
        try manager.createSymbolicLink(atPath: folder + "/dirlink-out", withDestinationPath: "..")
        try manager.createSymbolicLink(atPath: folder + "/link-sibling", withDestinationPath: "../public-evil/x.txt")
    }

    func write(_ name: String, _ text: String) throws {
        try write(name, Array(text.utf8))
    }

    func write(_ name: String, _ bytes: [UInt8]) throws {
        guard FileManager.default.createFile(atPath: root + "/" + name, contents: Data(bytes)) else {
            throw CocoaError(.fileWriteUnknown)
        }
    }

    /// Sets a file's modification time.
    func touch(_ name: String, _ date: Date) throws {
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: folder + "/" + name)
    }

    /// An app serving this fixture's folder at `/static`.
    func app(_ configure: (App) -> Void = { _ in }) -> App {
        let app = App(name: "static-test")
        app.config.staticFolder = folder
        app.config.accessLog = false
        configure(app)
        return app
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }
}

/// 06 Nov 1994 08:49:37 GMT, RFC 9110's example date.
let rfcExampleDate = Date(timeIntervalSince1970: 784_111_777)
