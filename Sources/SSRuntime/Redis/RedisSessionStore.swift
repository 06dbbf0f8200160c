#if canImport(CHiredis)
import SSActions

/// Sessions in Redis, shared by every instance: one hash per session with an idle TTL, plus
/// a sorted set by last use so `purgeExpired` can count and remove what the clock says has
/// expired (Redis's own TTL removes the hashes even if no instance purges).
///
///     let store = RedisEngine(configuration: config).stores(sessionIdleTimeout: .seconds(3600)).sessions
///     let s = try await store.create()
///     try await store.setUserId("42", for: s.id)
public final class RedisSessionStore: SessionStore {
    private let client: RedisClient
    private let keys: RedisKeys
    private let idleTimeout: Duration
    private let clock: any RuntimeClock

    private static let createScript = RedisScript(Script.create)
    private static let loadScript = RedisScript(Script.load)
    private static let setUserScript = RedisScript(Script.setUser)
    private static let setAttributeScript = RedisScript(Script.setAttribute)
    private static let addChannelsScript = RedisScript(Script.addChannels)
    private static let removeChannelsScript = RedisScript(Script.removeChannels)
    private static let purgeScript = RedisScript(Script.purge)

    init(client: RedisClient, keys: RedisKeys, idleTimeout: Duration, clock: any RuntimeClock) {
        self.client = client
        self.keys = keys
        self.idleTimeout = max(idleTimeout, .milliseconds(1))
        self.clock = clock
    }

    public func create() async throws -> SessionRecord {
        let now = clock.now
        // A clash of 190-bit ids is not going to happen, but the script refuses to overwrite.
        for _ in 0..<3 {
            let id = SessionID.generate()
            let reply = try await run(Self.createScript, id, now: now)
            if reply.integer == 1 {
                let t = Duration.milliseconds(now.redisMilliseconds)
                return SessionRecord(id: id, createdAt: t, lastSeen: t)
            }
        }
        throw RedisError.unexpectedReply("could not create a unique session id")
    }

    public func load(_ id: String) async throws -> SessionRecord? {
        guard SessionID.isWellFormed(id) else { return nil }
        let reply = try await run(Self.loadScript, id, now: clock.now)
        guard case .array(let items) = reply else { return nil }
        return Self.record(id: id, fields: items)
    }

    public func setUserId(_ userId: String?, for id: String) async throws {
        guard SessionID.isWellFormed(id) else { return }
        try await run(Self.setUserScript, id, now: clock.now, userId.map { ["1", $0] } ?? ["0", ""])
    }

    public func setAttribute(_ key: String, _ value: JSONValue?, for id: String) async throws {
        guard SessionID.isWellFormed(id) else { return }
        try await run(
            Self.setAttributeScript, id, now: clock.now, [key] + (value.map { ["1", $0.jsonText] } ?? ["0", ""]))
    }

    public func addChannels(_ names: [String], for id: String) async throws {
        guard SessionID.isWellFormed(id), !names.isEmpty else { return }
        try await run(Self.addChannelsScript, id, now: clock.now, names)
    }

    public func removeChannels(_ names: [String], for id: String) async throws {
        guard SessionID.isWellFormed(id), !names.isEmpty else { return }
        try await run(Self.removeChannelsScript, id, now: clock.now, names)
    }

    public func delete(_ id: String) async throws {
        guard SessionID.isWellFormed(id) else { return }
        _ = try await client.pipeline([
            ["DEL", keys.session(id)].map { Array($0.utf8) },
            ["ZREM", keys.sessionIndex, id].map { Array($0.utf8) },
        ])
    }

    @discardableResult
    public func purgeExpired() async throws -> Int {
        let cutoff = (clock.now - idleTimeout).redisMilliseconds
        var total = 0
        // Bounded batches keep each script short; Redis runs scripts one at a time.
        while true {
            let reply = try await Self.purgeScript.run(
                on: client, keys: [keys.sessionIndex], args: [keys.sessionKeyPrefix, String(cutoff), "1000"])
            let n = Int(reply.integer ?? 0)
            total += n
            if n < 1000 { return total }
        }
    }

    @discardableResult
    private func run(_ script: RedisScript, _ id: String, now: Duration, _ extra: [String] = []) async throws
        -> RESPValue
    {
        try await script.run(
            on: client, keys: [keys.session(id), keys.sessionIndex],
            args: [id, String(now.redisMilliseconds), String(idleTimeout.redisMilliseconds)] + extra)
    }

    /// Builds a record from HGETALL's flat field/value list.
    static func record(id: String, fields: [RESPValue]) -> SessionRecord? {
        var created: Int64 = 0
        var seen: Int64 = 0
        var user: String?
        var attributes = [String: JSONValue]()
        var channels = [(order: Int64, name: String)]()
        var i = 0
        while i + 1 < fields.count {
            defer { i += 2 }
            guard let name = fields[i].string, let value = fields[i + 1].string else { continue }
            switch name {
            case "c": created = Int64(value) ?? 0
            case "s": seen = Int64(value) ?? 0
            case "u": user = value
            case "n": break
            default:
                if name.hasPrefix("a:") {
                    attributes[String(name.dropFirst(2))] = try? JSONValue(parsing: value)
                } else if name.hasPrefix("h:") {
                    channels.append((Int64(value) ?? 0, String(name.dropFirst(2))))
                }
            }
        }
        channels.sort { $0.order < $1.order }
        return SessionRecord(
            id: id, createdAt: .milliseconds(created), lastSeen: .milliseconds(seen), userId: user,
            attributes: attributes, channels: channels.map(\.name))
    }
}
#endif
