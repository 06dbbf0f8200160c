import Foundation

/// Users online: ids seen (connected, heartbeat or call) within the window.
public protocol PresenceStore: Sendable {
    /// Marks the user as seen now.
    func heartbeat(userId: String) async throws
    /// Marks the user offline at once (logout).
    func remove(userId: String) async throws
    /// Users seen within the window, sorted.
    func online() async throws -> [String]
    /// Forgets users not seen within the window.
    func purge() async throws
}

/// The default presence store: one process.
public final class InMemoryPresenceStore: PresenceStore {
    private let window: Duration
    private let clock: any RuntimeClock
    private let seen = Locked([String: Duration]())

    public init(window: Duration = .seconds(120), clock: any RuntimeClock = SystemClock()) {
        self.window = window
        self.clock = clock
    }

    public func heartbeat(userId: String) async throws {
        let now = clock.now
        seen.withLock { $0[userId] = now }
    }

    public func remove(userId: String) async throws {
        seen.withLock { _ = $0.removeValue(forKey: userId) }
    }

    public func online() async throws -> [String] {
        let now = clock.now
        return seen.withLock { s in s.filter { now - $0.value <= window }.map(\.key).sorted() }
    }

    public func purge() async throws {
        let now = clock.now
        seen.withLock { s in s = s.filter { now - $0.value <= window } }
    }
}
