import Glibc

/// Timings that noise on a shared machine does not fail: time is this thread's CPU time (a
/// preempted thread's waiting does not count); each sample repeats the work until it has run
/// for at least `minimum`; the 1x and 10x samples alternate, so a burst of other work lands on
/// both; and the fastest sample of each is kept (noise only ever adds time).
enum Timing {
    /// Nanoseconds of CPU time per sample, at least.
    static let minimum = 8_000_000.0

    /// The fastest time of one run of `small` and of `large`, in nanoseconds.
    static func fastest(samples: Int, _ small: () throws -> Void, _ large: () throws -> Void) rethrows -> (
        small: Double, large: Double
    ) {
        // Warm-up: caches, lazy statics, the allocator.
        for _ in 0..<2 {
            try small()
            try large()
        }
        var best = (small: Double.infinity, large: Double.infinity)
        for _ in 0..<samples {
            best.small = min(best.small, try perRun(small))
            best.large = min(best.large, try perRun(large))
        }
        return best
    }

    private static func perRun(_ work: () throws -> Void) rethrows -> Double {
        var runs = 0
        let start = threadCPUTime()
        var elapsed = 0.0
        repeat {
            try work()
            runs += 1
            elapsed = threadCPUTime() - start
        } while elapsed < minimum
        return elapsed / Double(runs)
    }

    /// This thread's CPU time, in nanoseconds.
    static func threadCPUTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) * 1e9 + Double(time.tv_nsec)
    }
}
