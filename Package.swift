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
        // (epoll, eventfd, sendfile, accept4, gettid, CPU affinity, malloc tuning, posix_spawn, memfd,
        // sigtimedwait, inotify, the crash handler). Imported only by Sources/MicroFlask/Socket and Support/.
        .target(name: "CMicroFlaskSystem"),
        .target(name: "MicroFlask", dependencies: ["CMicroFlaskSystem"]),
        .executableTarget(name: "App", dependencies: ["MicroFlask"]),
        .executableTarget(name: "HelloWorld", dependencies: ["MicroFlask"], path: "Examples/HelloWorld"),
        .executableTarget(name: "Quickstart", dependencies: ["MicroFlask"], path: "Examples/Quickstart"),
        .executableTarget(name: "TodoAPI", dependencies: ["MicroFlask"], path: "Examples/TodoAPI"),
        .testTarget(name: "MicroFlaskTests", dependencies: ["MicroFlask"]),
        // Depends on the executables so that `swift test` builds the binaries its live tests start.
        .testTarget(
            name: "MicroFlaskServerTests", dependencies: ["MicroFlask", "App", "HelloWorld", "Quickstart", "TodoAPI"]),
    ],
    swiftLanguageModes: [.v6]
)
