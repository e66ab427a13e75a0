// swift-tools-version:6.0
// Peer servers for the MicroFlask benchmarks. A separate package so that the main package
// stays free of dependencies. `run.sh` builds it with `swift build -c release`.
import Foundation
import PackageDescription

var products: [Product] = [
    .executable(name: "HummingbirdPeer", targets: ["HummingbirdPeer"]),
]
var dependencies: [Package.Dependency] = [
    .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
]
var targets: [Target] = [
    .executableTarget(
        name: "HummingbirdPeer",
        dependencies: [.product(name: "Hummingbird", package: "hummingbird")]
    ),
]

// BENCH_SKIP_MICROFLASK=1 leaves MicroFlask out, for trying the other peers while the
// main package is not buildable (run.sh sets it when SKIP_MICROFLASK=1).
if ProcessInfo.processInfo.environment["BENCH_SKIP_MICROFLASK"] != "1" {
    products.append(.executable(name: "MicroFlaskPeer", targets: ["MicroFlaskPeer"]))
    dependencies.append(.package(name: "MicroFlask", path: ".."))
    targets.append(
        .executableTarget(
            name: "MicroFlaskPeer",
            dependencies: [.product(name: "MicroFlask", package: "MicroFlask")]
        )
    )
}

let package = Package(
    name: "MicroFlaskBenchmarks",
    platforms: [.macOS(.v14)],
    products: products,
    dependencies: dependencies,
    targets: targets,
    swiftLanguageModes: [.v6]
)
