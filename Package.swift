// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "MicroFlask",
    products: [
        .library(name: "MicroFlask", targets: ["MicroFlask"]),
        .executable(name: "App", targets: ["App"]),
    ],
    targets: [
        // A window onto Glibc headers that Swift's Glibc module does not export
        // (epoll, eventfd, sendfile, accept4). Imported only by Sources/MicroFlask/Socket.
        .target(name: "CSystem"),
        .target(name: "MicroFlask", dependencies: ["CSystem"]),
        .executableTarget(name: "App", dependencies: ["MicroFlask"]),
        .executableTarget(name: "HelloWorld", dependencies: ["MicroFlask"], path: "Examples/HelloWorld"),
        .testTarget(name: "MicroFlaskTests", dependencies: ["MicroFlask"]),
        // Depends on App so that `swift test` builds the demo binary its live tests start.
        .testTarget(name: "MicroFlaskServerTests", dependencies: ["MicroFlask", "App"]),
    ],
    swiftLanguageModes: [.v6]
)
