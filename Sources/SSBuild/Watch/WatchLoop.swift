import Foundation

/// Drives a `ChangeCoalescer` with the real clock on its own thread: the watcher pushes
/// raw changes in, and `onBurst` runs once per burst, never two at once, so rebuilds
/// are serial and a burst arriving during a rebuild becomes the next one.
public final class WatchLoop: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [FileChange] = []
    private var coalescer: ChangeCoalescer
    private var stopped = false
    private let onBurst: @Sendable ([FileChange]) -> Void

    public init(coalescer: ChangeCoalescer = ChangeCoalescer(), onBurst: @escaping @Sendable ([FileChange]) -> Void) {
        self.coalescer = coalescer
        self.onBurst = onBurst
    }

    /// Called from the watcher's thread.
    public func push(_ changes: [FileChange]) {
        condition.lock()
        queue += changes
        condition.signal()
        condition.unlock()
    }

    public func start() {
        let thread = Thread { [self] in run() }
        thread.name = "ssbuild-rebuild"
        thread.start()
    }

    public func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    private func run() {
        let clock = ContinuousClock()
        var wakeAt: ContinuousClock.Instant?
        while true {
            condition.lock()
            while queue.isEmpty && !stopped {
                if let wakeAt {
                    let remaining = clock.now.duration(to: wakeAt)
                    if remaining <= .zero { break }
                    let seconds = Double(remaining.components.seconds) + Double(remaining.components.attoseconds) / 1e18
                    _ = condition.wait(until: Date().addingTimeInterval(seconds))
                    if clock.now >= wakeAt { break }
                } else {
                    condition.wait()
                }
            }
            if stopped { condition.unlock(); return }
            let arrived = queue
            queue.removeAll()
            condition.unlock()

            let now = clock.now
            var action = ChangeCoalescer.Action.none
            for change in arrived { action = coalescer.receive(change, at: now) }
            if arrived.isEmpty { action = coalescer.tick(at: now) }
            switch action {
            case .none: wakeAt = nil
            case .wake(let at): wakeAt = at
            case .flush(let changes):
                wakeAt = nil
                onBurst(changes)
            }
        }
    }
}
