import Glibc

@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The one input handler of this process (libFuzzer calls a C function, which cannot capture).
nonisolated(unsafe) private var handler: @MainActor ([UInt8]) -> Void = { _ in }

/// Runs libFuzzer's driver (command line flags as libFuzzer's own `main` takes them) with `body`
/// as the target: a crash, a failed `check` or an ASan report in it is a finding.
/// libFuzzer calls back on the thread that called it, the main thread.
@MainActor
public func runFuzzer(_ body: @escaping @MainActor ([UInt8]) -> Void) -> Never {
    handler = body
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    let code = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        MainActor.assumeIsolated { handler(bytes) }
        return 0
    }
    exit(code)
}

/// Stops the process with `message` when `condition` is false: libFuzzer records the input.
public func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    guard condition() else {
        let text = "check failed: \(message())\n"
        _ = text.withCString { write(2, $0, strlen($0)) }
        abort()
    }
}
