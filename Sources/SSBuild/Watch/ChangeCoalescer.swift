/// Turns a stream of file events into one rebuild per burst: a pure state machine fed
/// events and clock ticks, returning what the shell should do next.
///
/// A burst ends when no event arrived for `quiet`, or at the latest `maxDelay` after its
/// first event (so a steady trickle, such as a long `git checkout`, still rebuilds).
/// Events for the same path fold into one: the last kind wins, except that a removal
/// followed by a modification (an atomic save by rename) is a modification.
///
/// A burst that looks finished ends sooner, after `settle`: when every path in it is an
/// edit of a file the build already knows (`isKnown`), or a temporary file that came and
/// went. An editor's save looks like that as soon as its rename lands; until then (the
/// temporary file alone, or the original moved away) the burst waits the full `quiet`.
/// A burst that starts within `quiet` of the last flush is part of a trickle (a long
/// `git checkout`) and never ends early, so a trickle still rebuilds once per `maxDelay`.
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
    public let settle: Duration
    /// Whether the build knows a path as an existing file (an edit of it is a save).
    private let isKnown: @Sendable (String) -> Bool
    private var pending: [String: FileChange.Kind] = [:]
    /// Paths whose pending change does not look like the end of a save.
    private var unsettled = Set<String>()
    private var order: [String] = []
    private var firstEvent: ContinuousClock.Instant?
    private var lastFlush: ContinuousClock.Instant?
    /// False for a burst that started right after a flush (a trickle).
    private var maySettle = true
    private var lastEvent: ContinuousClock.Instant?

    public init(quiet: Duration = .milliseconds(3), maxDelay: Duration = .milliseconds(60),
                settle: Duration = .microseconds(500), isKnown: @escaping @Sendable (String) -> Bool = { _ in false }) {
        self.quiet = quiet
        self.maxDelay = maxDelay
        self.settle = min(settle, quiet)
        self.isKnown = isKnown
    }

    public var isIdle: Bool { pending.isEmpty }

    public mutating func receive(_ change: FileChange, at now: ContinuousClock.Instant) -> Action {
        let kind: FileChange.Kind
        if let existing = pending[change.path] {
            kind = Self.merge(existing, change.kind)
        } else {
            kind = change.kind
            order.append(change.path)
        }
        pending[change.path] = kind
        if isSettled(change.path, kind) {
            unsettled.remove(change.path)
        } else {
            unsettled.insert(change.path)
        }
        if firstEvent == nil {
            firstEvent = now
            maySettle = lastFlush.map { $0.duration(to: now) >= quiet } ?? true
        }
        lastEvent = now
        return .wake(at: deadline)
    }

    public mutating func tick(at now: ContinuousClock.Instant) -> Action {
        guard !pending.isEmpty else { return .none }
        if now >= deadline {
            lastFlush = now
            return .flush(drain())
        }
        return .wake(at: deadline)
    }

    private var deadline: ContinuousClock.Instant {
        guard let firstEvent, let lastEvent else { return .now }
        return min(lastEvent + (maySettle && unsettled.isEmpty ? settle : quiet), firstEvent + maxDelay)
    }

    /// An edit of a known file, or a removal of a file the build never knew (a temporary one).
    private func isSettled(_ path: String, _ kind: FileChange.Kind) -> Bool {
        switch kind {
        case .modified: isKnown(path)
        case .removed: !isKnown(path)
        case .directoryCreated, .rescan: false
        }
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
        unsettled.removeAll()
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
