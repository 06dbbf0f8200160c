/// A token bucket: `capacity` calls at once, refilled at `ratePerSecond`. Pure; the caller
/// passes the time.
struct TokenBucket: Equatable, Sendable {
    let capacity: Double
    let ratePerSecond: Double
    private(set) var tokens: Double
    private var last: Duration?

    init(capacity: Int, ratePerSecond: Double) {
        self.capacity = Double(max(1, capacity))
        self.ratePerSecond = max(0, ratePerSecond)
        self.tokens = self.capacity
    }

    /// Takes one token if there is one.
    mutating func take(now: Duration) -> Bool {
        if let last {
            let elapsed = max(0, (now - last).seconds)
            tokens = min(capacity, tokens + elapsed * ratePerSecond)
        }
        last = now
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}
