/// Timings that noise on a shared machine does not fail: each sample repeats the work until it
/// has run for at least `minimum`; the 1x and 10x samples alternate, so a burst of other work
/// lands on both; and the fastest sample of each is kept (noise only ever adds time).
enum Timing {
    static let minimum = Duration.milliseconds(5)

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
        let clock = ContinuousClock()
        let start = clock.now
        var elapsed = Duration.zero
        repeat {
            try work()
            runs += 1
            elapsed = clock.now - start
        } while elapsed < minimum
        return nanoseconds(elapsed) / Double(runs)
    }

    static func nanoseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e9 + Double(duration.components.attoseconds) / 1e9
    }
}
