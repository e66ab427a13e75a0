// swift-tools-version:6.0
// Peer servers for the MicroFlask benchmarks. A separate package so that the main package
// stays free of dependencies. `run.sh` builds it with `swift build -c release`.
import Foundation
import PackageDescription

// BENCH_PEERS picks the peers in the graph ("hummingbird", "microflask", or both, the default).
// run.sh builds them one at a time in separate scratch paths, so that a change to MicroFlask
// rebuilds only its small graph and never Hummingbird's (which takes minutes).
let peers = Set(
    (ProcessInfo.processInfo.environment["BENCH_PEERS"] ?? "hummingbird,microflask")
        .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
)
var products: [Product] = []
var dependencies: [Package.Dependency] = []
var targets: [Target] = []

if peers.contains("hummingbird") {
    products.append(.executable(name: "HummingbirdPeer", targets: ["HummingbirdPeer"]))
    dependencies.append(
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1")
    )
    targets.append(
        .executableTarget(
            name: "HummingbirdPeer",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")]
        )
    )
}
if peers.contains("microflask") {
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
