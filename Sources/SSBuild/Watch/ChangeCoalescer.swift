/// Turns a stream of file events into one rebuild per burst: a pure state machine fed
/// events and clock ticks, returning what the shell should do next.
///
/// A burst ends when no event arrived for `quiet`, or at the latest `maxDelay` after its
/// first event (so a steady trickle, such as a long `git checkout`, still rebuilds).
/// Events for the same path fold into one: the last kind wins, except that a removal
/// followed by a modification (an atomic save by rename) is a modification.
///
/// ```swift
/// var coalescer = ChangeCoalescer(quiet: .milliseconds(3), maxDelay: .milliseconds(50))
/// coalescer.receive(FileChange(path: "app/css/app.styl", kind: .modified), at: now)  // .wake(at: now + 3ms)
/// coalescer.tick(at: now + .milliseconds(3))   // .flush([...])
/// ```
public struct ChangeCoalescer: Sendable {
    public enum Action: Equatable, Sendable {
        /// Nothing to do yet.
        case none
        /// Call `tick` at this instant (or earlier).
        case wake(at: ContinuousClock.Instant)
        /// The burst is over: rebuild for these changes (ordered by first appearance).
        case flush([FileChange])
    }

    public let quiet: Duration
    public let maxDelay: Duration
    private var pending: [String: FileChange.Kind] = [:]
    private var order: [String] = []
    private var firstEvent: ContinuousClock.Instant?
    private var lastEvent: ContinuousClock.Instant?

    public init(quiet: Duration = .milliseconds(3), maxDelay: Duration = .milliseconds(60)) {
        self.quiet = quiet
        self.maxDelay = maxDelay
    }

    public var isIdle: Bool { pending.isEmpty }

    public mutating func receive(_ change: FileChange, at now: ContinuousClock.Instant) -> Action {
        if let existing = pending[change.path] {
            pending[change.path] = Self.merge(existing, change.kind)
        } else {
            pending[change.path] = change.kind
            order.append(change.path)
        }
        if firstEvent == nil { firstEvent = now }
        lastEvent = now
        return .wake(at: deadline)
    }

    public mutating func tick(at now: ContinuousClock.Instant) -> Action {
        guard !pending.isEmpty else { return .none }
        if now >= deadline { return .flush(drain()) }
        return .wake(at: deadline)
    }

    private var deadline: ContinuousClock.Instant {
        guard let firstEvent, let lastEvent else { return .now }
        return min(lastEvent + quiet, firstEvent + maxDelay)
    }

    private mutating func drain() -> [FileChange] {
        // A rescan subsumes everything else in the burst.
        let changes: [FileChange]
        if let rescan = order.first(where: { pending[$0] == .rescan }) {
            changes = [FileChange(path: rescan, kind: .rescan)]
        } else {
            changes = order.compactMap { path in pending[path].map { FileChange(path: path, kind: $0) } }
        }
        pending.removeAll()
        order.removeAll()
        firstEvent = nil
        lastEvent = nil
        return changes
    }

    static func merge(_ old: FileChange.Kind, _ new: FileChange.Kind) -> FileChange.Kind {
        switch (old, new) {
        case (.rescan, _), (_, .rescan): return .rescan
        case (.directoryCreated, .modified): return .directoryCreated
        default: return new
        }
    }
}
