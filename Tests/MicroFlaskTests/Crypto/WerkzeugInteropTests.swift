import Foundation
import Testing

@testable import MicroFlask

extension CryptoTests {
    /// Hashes made here are checked by Werkzeug itself, in a `python3` child process.
    ///
    /// Needs `python3` with Werkzeug 2.3 or later (for scrypt) on PATH. Without it the test is
    /// skipped, with the reason, unless `MICROFLASK_INTEGRATION=1`, which makes it a failure.
    @Suite struct WerkzeugInteropTests {
        /// The Python that has Werkzeug's security helpers, if any.
        static let python: String? = {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
            for directory in path.split(separator: ":")
            where FileManager.default.isExecutableFile(atPath: "\(directory)/python3") {
                let candidate = "\(directory)/python3"
                let probe = try? run(candidate, script: probeScript, input: "")
                return probe?.status == 0 ? candidate : nil
            }
            return nil
        }()

        /// Exits 0 only if Werkzeug checks a scrypt hash it made (Werkzeug 2.3 or later).
        static let probeScript = """
            from werkzeug.security import check_password_hash
            assert check_password_hash("scrypt:1024:8:1$fixedsalt1234567$115238de4c80ea40c50aca12f6b01fb002566abe23dd6a556c4c224e3720133039c5eb00c34b57e70242d11257f8bdee3edbf34c3d5d7f0296b737e3ebaadc4d", "hunter2")
            """

        static let integrationRequired = ProcessInfo.processInfo.environment["MICROFLASK_INTEGRATION"] == "1"

        /// Reads `hash<TAB>password` lines and prints True or False for each, as Werkzeug checks them.
        static let checker = """
            import sys
            from werkzeug.security import check_password_hash
            for line in sys.stdin.read().splitlines():
                hash, password = line.split("\\t", 1)
                print(check_password_hash(hash, password))
            """

        @Test(
            .enabled(
                if: python != nil || integrationRequired,
                "python3 with Werkzeug (2.3 or later) is not on PATH; install it, or set MICROFLASK_INTEGRATION=1 to make this a failure"
            ),
            .timeLimit(.minutes(2))
        )
        func werkzeugAcceptsOurHashes() throws {
            guard let python = Self.python else {
                Issue.record(
                    "MICROFLASK_INTEGRATION=1 but no python3 with werkzeug.security and hashlib.scrypt is on PATH")
                return
            }
            let cases: [(method: String, password: String)] = [
                ("pbkdf2:sha256:1000", "hunter2"), ("pbkdf2:sha256:20", "pässwörd ✓"), ("scrypt:1024:8:1", "test"),
                ("scrypt:2048:4:2", "a$b:c"),
            ]
            var lines: [String] = []
            for item in cases {
                let stored = try generatePasswordHash(item.password, method: item.method)
                lines.append("\(stored)\t\(item.password)")
                lines.append("\(stored)\t\(item.password)!")
            }
            let result = try Self.run(python, script: Self.checker, input: lines.joined(separator: "\n") + "\n")
            #expect(result.status == 0, "python3 failed: \(result.stderr)")
            let answers = result.stdout.split(separator: "\n").map(String.init)
            #expect(answers == Array(repeating: ["True", "False"], count: cases.count).flatMap { $0 }, "\(lines)")
        }

        /// Runs `python -c script` with `input` on stdin; returns the exit status and both outputs.
        static func run(_ python: String, script: String, input: String) throws -> (
            status: Int32, stdout: String, stderr: String
        ) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = ["-c", script]
            let stdin = Pipe()
            let stdout = Pipe()
            let stderr = Pipe()
            process.standardInput = stdin
            process.standardOutput = stdout
            process.standardError = stderr
            try process.run()
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
            let out = stdout.fileHandleForReading.readDataToEndOfFile()
            let err = stderr.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (
                process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self)
            )
        }
    }
}
