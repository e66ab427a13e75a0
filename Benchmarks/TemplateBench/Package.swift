// swift-tools-version:6.0
import Foundation
import PackageDescription

// A path dependency is identified by its folder name, which is not "MicroFlask" in every checkout
// (git worktrees, CI directories), so derive it from where this manifest lives: ../..
let mainPackageIdentity = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "TemplateBench",
    dependencies: [
        .package(path: "../..")
    ],
    targets: [
        .executableTarget(
            name: "TemplateBench",
            dependencies: [.product(name: "MicroFlask", package: mainPackageIdentity)]
        )
    ],
    swiftLanguageModes: [.v6]
)
