import Foundation

/// The runtime's time source: wall time since the Unix epoch, as a `Duration`. Injected so
/// expiry, heartbeats and rate limits are testable without sleeping.
///
///     let clock = ManualClock(now: .seconds(100))
///     clock.advance(by: .seconds(61))
public protocol RuntimeClock: Sendable {
    var now: Duration { get }
}

/// The system's wall clock.
public struct SystemClock: RuntimeClock {
    public init() {}
    public var now: Duration {
        let t = Date().timeIntervalSince1970
        return .nanoseconds(Int64(t * 1e9))
    }
}

/// A clock tests move by hand.
public final class ManualClock: RuntimeClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Duration

    public init(now: Duration = .seconds(1_000_000)) { self.current = now }

    public var now: Duration {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    public func advance(by d: Duration) {
        lock.lock()
        current += d
        lock.unlock()
    }
}
