#if canImport(CHiredis)
/// Users online across instances: one sorted set of user id by last heartbeat, written by
/// every instance. A user is online while any instance heartbeats them within the window, so
/// the users of an instance that dies drop out one window later (no ghosts), and any
/// instance's `purge` removes them from the set.
///
/// Times come from the store's clock (wall time by default), so instances on several hosts
/// need synchronised clocks (NTP); a skew adds to or takes from the window.
///
///     let presence = RedisEngine(configuration: config).stores(presenceWindow: .seconds(120)).presence
///     try await presence.heartbeat(userId: "42")
///     let ids = try await presence.online()
public final class RedisPresenceStore: PresenceStore {
    private let client: RedisClient
    private let keys: RedisKeys
    private let window: Duration
    private let clock: any RuntimeClock

    init(client: RedisClient, keys: RedisKeys, window: Duration, clock: any RuntimeClock) {
        self.client = client
        self.keys = keys
        self.window = window
        self.clock = clock
    }

    public func heartbeat(userId: String) async throws {
        try await client.send(["ZADD", keys.presence, String(clock.now.redisMilliseconds), userId])
    }

    public func remove(userId: String) async throws {
        try await client.send(["ZREM", keys.presence, userId])
    }

    public func online() async throws -> [String] {
        let from = (clock.now - window).redisMilliseconds
        let reply = try await client.send(["ZRANGEBYSCORE", keys.presence, String(from), "+inf"])
        guard let items = reply.array else { throw RedisError.unexpectedReply("ZRANGEBYSCORE gave \(reply)") }
        return items.compactMap(\.string).sorted()
    }

    public func purge() async throws {
        let from = (clock.now - window).redisMilliseconds
        try await client.send(["ZREMRANGEBYSCORE", keys.presence, "-inf", "(\(from)"])
    }
}
#endif
