import Foundation
import SSActions

/// A stored session: who is logged in, app attributes and channel memberships.
public struct SessionRecord: Sendable, Equatable, Codable {
    public let id: String
    public var createdAt: Duration
    public var lastSeen: Duration
    public var userId: String?
    public var attributes: [String: JSONValue]
    public var channels: [String]

    public init(
        id: String, createdAt: Duration, lastSeen: Duration, userId: String? = nil,
        attributes: [String: JSONValue] = [:], channels: [String] = []
    ) {
        self.id = id
        self.createdAt = createdAt
        self.lastSeen = lastSeen
        self.userId = userId
        self.attributes = attributes
        self.channels = channels
    }
}

/// Where sessions live. The in-memory store is the default; a Redis store shares sessions
/// between instances. Every implementation must pass `SessionStoreConformance` (tests).
///
/// Sessions expire after the store's idle timeout without a `load` or a change.
public protocol SessionStore: Sendable {
    /// Creates and saves a new session with a fresh id.
    func create() async throws -> SessionRecord
    /// The live session with this id, marking it used; nil if unknown or expired.
    func load(_ id: String) async throws -> SessionRecord?
    /// Sets (or with nil clears) the user. Clearing also clears the channel list: logout
    /// leaves the user's channels.
    func setUserId(_ userId: String?, for id: String) async throws
    func setAttribute(_ key: String, _ value: JSONValue?, for id: String) async throws
    /// Adds channels, keeping the existing order and skipping ones already present.
    func addChannels(_ names: [String], for id: String) async throws
    func removeChannels(_ names: [String], for id: String) async throws
    func delete(_ id: String) async throws
    /// Removes expired sessions; returns how many.
    @discardableResult func purgeExpired() async throws -> Int
}

/// Session ids: 32 characters of `[0-9A-Za-z]` (about 190 bits) from the system CSPRNG.
public enum SessionID {
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    public static func generate() -> String {
        var rng = SystemRandomNumberGenerator()
        var bytes = [UInt8]()
        bytes.reserveCapacity(32)
        for _ in 0..<32 { bytes.append(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `text` has the shape of an id (checked before any store lookup).
    public static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { alphabet.contains($0) }
    }
}

/// The default session store: one process, nothing to install. Bounded: past
/// `maxSessions`, expired sessions are purged and then the least recently used anonymous
/// ones evicted, so clients that connect without cookies cannot grow it without limit.
public final class InMemorySessionStore: SessionStore {
    private let clock: any RuntimeClock
    private let idleTimeout: Duration
    private let maxSessions: Int
    private let sessions = Locked([String: SessionRecord]())

    public init(
        idleTimeout: Duration = .seconds(14 * 24 * 3600), maxSessions: Int = 200_000,
        clock: any RuntimeClock = SystemClock()
    ) {
        self.idleTimeout = idleTimeout
        self.maxSessions = max(1, maxSessions)
        self.clock = clock
    }

    public func create() async throws -> SessionRecord {
        let now = clock.now
        let record = SessionRecord(id: SessionID.generate(), createdAt: now, lastSeen: now)
        sessions.withLock { all in
            if all.count >= maxSessions { evict(&all, now: now) }
            all[record.id] = record
        }
        return record
    }

    /// Frees at least a tenth of the capacity: expired first, then the least recently used
    /// sessions without a user.
    private func evict(_ all: inout [String: SessionRecord], now: Duration) {
        all = all.filter { now - $0.value.lastSeen <= idleTimeout }
        let target = maxSessions - max(1, maxSessions / 10)
        guard all.count > target else { return }
        let anonymous = all.values.filter { $0.userId == nil }.sorted { $0.lastSeen < $1.lastSeen }
        for r in anonymous.prefix(all.count - target) { all[r.id] = nil }
    }

    public var count: Int { sessions.withLock { $0.count } }

    public func load(_ id: String) async throws -> SessionRecord? {
        let now = clock.now
        return sessions.withLock { all -> SessionRecord? in
            guard var r = all[id] else { return nil }
            if now - r.lastSeen > idleTimeout {
                all[id] = nil
                return nil
            }
            r.lastSeen = now
            all[id] = r
            return r
        }
    }

    private func update(_ id: String, _ body: (inout SessionRecord) -> Void) {
        let now = clock.now
        sessions.withLock { all in
            guard var r = all[id], now - r.lastSeen <= idleTimeout else { return }
            body(&r)
            r.lastSeen = now
            all[id] = r
        }
    }

    public func setUserId(_ userId: String?, for id: String) async throws {
        update(id) {
            $0.userId = userId
            if userId == nil { $0.channels = [] }
        }
    }

    public func setAttribute(_ key: String, _ value: JSONValue?, for id: String) async throws {
        update(id) { $0.attributes[key] = value }
    }

    public func addChannels(_ names: [String], for id: String) async throws {
        update(id) { r in
            for n in names where !r.channels.contains(n) { r.channels.append(n) }
        }
    }

    public func removeChannels(_ names: [String], for id: String) async throws {
        update(id) { r in r.channels.removeAll { names.contains($0) } }
    }

    public func delete(_ id: String) async throws {
        sessions.withLock { $0[id] = nil }
    }

    public func purgeExpired() async throws -> Int {
        let now = clock.now
        return sessions.withLock { all in
            let expired = all.values.filter { now - $0.lastSeen > idleTimeout }.map(\.id)
            for id in expired { all[id] = nil }
            return expired.count
        }
    }
}
