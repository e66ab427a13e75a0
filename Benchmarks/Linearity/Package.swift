// swift-tools-version:6.0
// Times each MicroFlask parser and matcher at 1x and 10x input and fails on super-linear
// growth. A separate package so the main one stays free of benchmark targets; `run.sh` builds
// it in release with `-enable-testing`, so it can reach the internal parsers.
import PackageDescription

let package = Package(
    name: "Linearity",
    dependencies: [.package(name: "MicroFlask", path: "../..")],
    targets: [
        .executableTarget(name: "Linearity", dependencies: [.product(name: "MicroFlask", package: "MicroFlask")])
    ],
    swiftLanguageModes: [.v6]
)
