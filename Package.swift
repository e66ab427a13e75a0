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
        // docs/TUTORIAL.md: steps 1-6 use Glibc alone (the point of the tutorial), step 7 MicroFlask.
        .executableTarget(name: "TutorialStep1", path: "Examples/Tutorial/Step1"),
        .executableTarget(name: "TutorialStep2", path: "Examples/Tutorial/Step2"),
        .executableTarget(name: "TutorialStep3", path: "Examples/Tutorial/Step3"),
        .executableTarget(name: "TutorialStep4", path: "Examples/Tutorial/Step4"),
        .executableTarget(name: "TutorialStep5", path: "Examples/Tutorial/Step5"),
        .executableTarget(name: "TutorialStep6", path: "Examples/Tutorial/Step6", exclude: ["templates"]),
        .executableTarget(
            name: "TutorialStep7", dependencies: ["MicroFlask"], path: "Examples/Tutorial/Step7", exclude: ["templates"]
        ),
        .testTarget(name: "MicroFlaskTests", dependencies: ["MicroFlask"]),
        // Depends on the executables so that `swift test` builds the binaries its live tests start.
        .testTarget(
            name: "MicroFlaskServerTests",
            dependencies: [
                "MicroFlask", "App", "HelloWorld", "Quickstart", "TodoAPI", "TutorialStep1", "TutorialStep2",
                "TutorialStep3", "TutorialStep4", "TutorialStep5", "TutorialStep6", "TutorialStep7",
            ]),
    ],
    swiftLanguageModes: [.v6]
)
