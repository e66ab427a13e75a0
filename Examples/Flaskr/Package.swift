// swift-tools-version:6.0
import PackageDescription

// Flask's tutorial app (Flaskr) ported to MicroFlask: its own package, so that the root package
// stays free of dependencies (this one needs the system's libsqlite3: `apt-get install libsqlite3-dev`).
let package = Package(
    name: "Flaskr",
    products: [
        .executable(name: "Flaskr", targets: ["Flaskr"])
    ],
    dependencies: [.package(name: "MicroFlask", path: "../..")],
    targets: [
        // Debian's libsqlite3 through its header; see Sources/CSQLite/module.modulemap.
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .target(
            name: "FlaskrApp",
            dependencies: ["CSQLite", .product(name: "MicroFlask", package: "MicroFlask")]),
        .executableTarget(name: "Flaskr", dependencies: ["FlaskrApp"]),
        // Depends on the executable so that `swift test` builds the binary the init-db test runs.
        .testTarget(
            name: "FlaskrTests",
            dependencies: ["FlaskrApp", "Flaskr", .product(name: "MicroFlask", package: "MicroFlask")]),
    ],
    swiftLanguageModes: [.v6]
)
