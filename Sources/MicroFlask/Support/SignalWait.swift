import CMicroFlaskSystem
import Glibc

/// Signals taken one at a time with `sigtimedwait`, for a loop that owns the process (the
/// supervisor): block them first, before any thread starts, so that only the loop takes them.
struct SignalWait {
    private var set = sigset_t()

    /// Blocks `signals` in the calling thread (and the threads it starts later).
    init(_ signals: [Int32]) {
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// The next signal and who sent it, or nil after `timeoutMilliseconds` (nil waits for ever).
    func next(timeoutMilliseconds: Int?) -> (signal: Int32, sender: pid_t)? {
        var sender: Int32 = 0
        var set = self.set
        let timeout = Int32(clamping: timeoutMilliseconds.map { max(0, $0) } ?? -1)
        guard
            let signal = try? Syscall.retrying("sigtimedwait", { Int(microflask_wait_signal(&set, timeout, &sender)) })
        else { return nil }
        return (Int32(signal), sender)
    }
}
