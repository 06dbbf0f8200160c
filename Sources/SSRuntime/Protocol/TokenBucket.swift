/// A token bucket: `capacity` calls at once, refilled at `ratePerSecond`. Pure; the caller
/// passes the time.
///
///     var bucket = TokenBucket(capacity: 2, ratePerSecond: 1)
///     bucket.take(now: .zero)               // true, true, then false until a second passed
///     bucket.waitForToken(now: .zero)       // how long until the next take succeeds
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
        tokens = available(now: now)
        last = now
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }

    /// Tokens there would be at `now`.
    func available(now: Duration) -> Double {
        guard let last else { return tokens }
        let elapsed = max(0, (now - last).seconds)
        return min(capacity, tokens + elapsed * ratePerSecond)
    }

    /// Refilled completely: forgetting the bucket changes nothing (a fresh one is the same).
    func isFull(now: Duration) -> Bool {
        available(now: now) >= capacity
    }

    /// Time until `take` can succeed (zero if it can now; nil if the bucket never refills).
    func waitForToken(now: Duration) -> Duration? {
        let have = available(now: now)
        if have >= 1 { return .zero }
        guard ratePerSecond > 0 else { return nil }
        return .seconds((1 - have) / ratePerSecond)
    }
}

/// Token buckets by key (a client address), for limits shared by several connections and
/// requests. Buckets that refilled completely are dropped by `purge`, so the table holds
/// only recently active addresses, and forgetting one never grants an extra burst.
final class RateLimiterTable: Sendable {
    let limit: RuntimeConfiguration.RateLimit
    private let buckets = Locked([String: TokenBucket]())

    init(_ limit: RuntimeConfiguration.RateLimit) {
        self.limit = limit
    }

    enum Admission: Equatable {
        case admitted
        /// Over the limit; a call can succeed again after `retryAfter` (nil: never refills).
        case refused(retryAfter: Duration?)
    }

    /// Takes a token for `key`.
    func take(_ key: String, now: Duration) -> Admission {
        buckets.withLock { table in
            var bucket = table[key] ?? TokenBucket(capacity: limit.burst, ratePerSecond: limit.perSecond)
            defer { table[key] = bucket }
            if bucket.take(now: now) { return .admitted }
            return .refused(retryAfter: bucket.waitForToken(now: now))
        }
    }

    /// Drops the buckets that are full again.
    func purge(now: Duration) {
        buckets.withLock { table in table = table.filter { !$0.value.isFull(now: now) } }
    }

    var count: Int { buckets.withLock { $0.count } }
}
