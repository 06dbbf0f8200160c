/// The runtime's three stores. `.inMemory()` is the default (one process); a Redis set
/// shares state between instances.
///
///     let runtime = Runtime(configuration: .init(), actions: registry, stores: .inMemory())
public struct RuntimeStores: Sendable {
    public var sessions: any SessionStore
    public var pubsub: any PubSub
    public var presence: any PresenceStore
    /// Call ids shared by instances (nil: each instance de-duplicates on its own).
    public var calls: (any CallLedger)?

    public init(
        sessions: any SessionStore, pubsub: any PubSub, presence: any PresenceStore, calls: (any CallLedger)? = nil
    ) {
        self.sessions = sessions
        self.pubsub = pubsub
        self.presence = presence
        self.calls = calls
    }

    public static func inMemory(
        sessionIdleTimeout: Duration = .seconds(14 * 24 * 3600), presenceWindow: Duration = .seconds(120),
        clock: any RuntimeClock = SystemClock()
    ) -> RuntimeStores {
        RuntimeStores(
            sessions: InMemorySessionStore(idleTimeout: sessionIdleTimeout, clock: clock),
            pubsub: InMemoryPubSub(),
            presence: InMemoryPresenceStore(window: presenceWindow, clock: clock))
    }
}

/// A store error that means "unreachable right now; the same call may work later" (Redis
/// down or restarting). Calls that fail with one get `unavailable` (503) instead of
/// `internal`.
public protocol TransientStoreError: Error {
    var isTransient: Bool { get }
}
