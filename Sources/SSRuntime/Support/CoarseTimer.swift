import Foundation

/// Deadlines that almost never fire, such as an action's time limit, on one shared thread
/// with a granularity of `tick`. Scheduling and cancelling cost a lock and a dictionary
/// step; the sleeping child task per call that this replaces cost two tasks, a dispatch
/// timer and a cancellation (bench/ws/results.md, sitting 5).
///
///     let token = CoarseTimer.shared.schedule(after: .seconds(30)) { print("late") }
///     CoarseTimer.shared.cancel(token)        // usually: the work finished first
final class CoarseTimer: @unchecked Sendable {
    /// Names one scheduled callback, for `cancel`.
    struct Token: Sendable, Hashable {
        fileprivate let tick: Int64
        fileprivate let id: UInt64
    }

    static let shared = CoarseTimer(tick: .milliseconds(10))

    private let tickNanoseconds: Int64
    private let origin = ContinuousClock.now
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var buckets: [Int64: [UInt64: @Sendable () -> Void]] = [:]
    private var nextId: UInt64 = 0
    private var started = false
    /// The tick the thread sleeps until (nil: until signalled).
    private var sleepingUntil: Int64?
    private var lastFired: Int64 = -1

    init(tick: Duration) {
        let (seconds, attoseconds) = tick.components
        tickNanoseconds = max(1, seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    /// Calls `fire` on the timer's thread `delay` from now, at most one tick late.
    func schedule(after delay: Duration, _ fire: @escaping @Sendable () -> Void) -> Token {
        let due = ticks(ContinuousClock.now - origin + delay) + 1
        condition.lock()
        defer { condition.unlock() }
        nextId &+= 1
        let token = Token(tick: max(due, lastFired + 1), id: nextId)
        buckets[token.tick, default: [:]][token.id] = fire
        if !started {
            started = true
            let thread = Thread { [unowned self] in run() }
            thread.name = "ss-coarse-timer"
            thread.start()
        } else if sleepingUntil.map({ $0 > token.tick }) ?? true {
            condition.signal()
        }
        return token
    }

    /// Drops a callback that has not fired; no effect after it fired.
    func cancel(_ token: Token) {
        condition.lock()
        defer { condition.unlock() }
        guard var bucket = buckets[token.tick] else { return }
        bucket.removeValue(forKey: token.id)
        buckets[token.tick] = bucket.isEmpty ? nil : bucket
    }

    private func ticks(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return (seconds * 1_000_000_000 + attoseconds / 1_000_000_000) / tickNanoseconds
    }

    private func run() {
        condition.lock()
        while true {
            let now = ticks(ContinuousClock.now - origin)
            var due: [@Sendable () -> Void] = []
            if lastFired < now {
                // Buckets are few (one per tick with live deadlines): scan them rather than
                // every tick since the last wake.
                for tick in buckets.keys where tick <= now {
                    due.append(contentsOf: buckets.removeValue(forKey: tick)!.values)
                }
                lastFired = now
            }
            if !due.isEmpty {
                condition.unlock()
                for fire in due { fire() }
                condition.lock()
                continue
            }
            if let earliest = buckets.keys.min() {
                sleepingUntil = earliest
                let wait = Double((earliest - now) * tickNanoseconds) / 1e9
                _ = condition.wait(until: Date(timeIntervalSinceNow: max(wait, 0.001)))
            } else {
                sleepingUntil = nil
                condition.wait()
            }
            sleepingUntil = nil
        }
    }
}
