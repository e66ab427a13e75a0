// swift-tools-version:6.0
// libFuzzer targets for MicroFlask's parsers (docs/RELIABILITY.md). A separate package so the main
// one stays free of fuzzer flags. `run.sh` builds it in release with `-enable-testing` (the targets
// `@testable import MicroFlask` to reach the internal codec, chunked decoder and cookie parser),
// ASan and libFuzzer's coverage instrumentation, and links libFuzzer's driver without its `main`
// (SwiftPM renames an executable's entry point, which clashes with libFuzzer's own `main`).
import PackageDescription

let targets = [
    "FuzzCodec", "FuzzChunked", "FuzzMultipart", "FuzzForms", "FuzzCookies", "FuzzRoutes", "FuzzTemplates",
    "FuzzJSON",
]

let package = Package(
    name: "Fuzz",
    products: (targets + ["CodecTranscript"]).map { .executable(name: $0, targets: [$0]) },
    dependencies: [.package(name: "MicroFlask", path: "..")],
    targets: [
        .target(name: "FuzzSupport"),
        // Not a fuzzer: the codec's side of the differential check against llhttp (Differential/).
        .executableTarget(
            name: "CodecTranscript", dependencies: [.product(name: "MicroFlask", package: "MicroFlask")]),
    ]
        + targets.map {
            .executableTarget(
                name: $0, dependencies: ["FuzzSupport", .product(name: "MicroFlask", package: "MicroFlask")])
        },
    swiftLanguageModes: [.v6]
)
