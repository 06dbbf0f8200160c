#if canImport(CHiredis)
/// Capped exponential backoff with jitter for reconnecting to Redis. Pure: the caller sleeps.
///
///     var backoff = ReconnectBackoff(initial: .milliseconds(50), maximum: .seconds(1))
///     let wait = backoff.nextDelay(random: 0.5)   // 50 ms, then 100, 200, ... 1 s
///     backoff.reset()                             // after a successful connect
struct ReconnectBackoff: Sendable, Equatable {
    let initial: Duration
    let maximum: Duration
    /// Fraction of the delay that jitter may remove, so instances that lost Redis together
    /// do not all reconnect in the same millisecond.
    let jitter: Double
    private(set) var attempts = 0

    init(initial: Duration, maximum: Duration, jitter: Double = 0.2) {
        self.initial = max(initial, .milliseconds(1))
        self.maximum = max(maximum, self.initial)
        self.jitter = min(max(jitter, 0), 1)
    }

    /// The delay before the next attempt; `random` in 0...1 picks the jitter.
    mutating func nextDelay(random: Double) -> Duration {
        let shift = min(attempts, 30)
        attempts += 1
        let base = min(initial * (1 << shift), maximum)
        let cut = jitter * min(max(random, 0), 1)
        return base * (1 - cut)
    }

    mutating func reset() { attempts = 0 }
}
#endif
