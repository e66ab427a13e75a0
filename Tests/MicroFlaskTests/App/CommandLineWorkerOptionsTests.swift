import Testing

@testable import MicroFlask

@Suite("CommandLineOptions: workers and reload")
struct CommandLineWorkerOptionsTests {
    @Test("--workers auto is the CPUs this process may use; --reload is a flag")
    func workersAndReload() throws {
        let auto = try CommandLineOptions.parse(["--workers", "auto"], environment: [:])
        #expect(auto.workers == ThreadInfo.availableCPUs)
        #expect(try CommandLineOptions.parse(["--workers", "3"], environment: [:]).workers == 3)
        #expect(throws: UsageError.self) { try CommandLineOptions.parse(["--workers", "0"], environment: [:]) }
        #expect(throws: UsageError.self) { try CommandLineOptions.parse(["--workers", "many"], environment: [:]) }
        #expect(try CommandLineOptions.parse(["--reload"], environment: [:]).reload)
        #expect(!(try CommandLineOptions.parse([], environment: [:]).reload))
    }

    @Test("a worker's command line drops --workers and --reload and keeps the rest")
    func workerArguments() {
        #expect(
            App.workerArguments(["--workers", "2", "--reload", "--port", "0", "--quiet"]) == ["--port", "0", "--quiet"])
    }
}
