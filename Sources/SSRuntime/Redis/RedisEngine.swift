#if canImport(CHiredis)
import Foundation

/// The Redis engine of one instance: a command connection (sessions, presence, PUBLISH) and a
/// subscriber connection, both reconnecting on their own. Make one per process.
///
///     let engine = try RedisEngine(url: "redis://127.0.0.1:6379/0")
///     let runtime = Runtime(configuration: config, actions: actions, stores: engine.stores())
///     ...
///     await engine.shutdown()
public final class RedisEngine: Sendable {
    public let configuration: RedisConfiguration
    /// The command connection, shared by the stores.
    public let client: RedisClient
    public let pubsub: RedisPubSub
    let keys: RedisKeys

    /// `log` gets one line per connection state change, e.g.
    /// `redis subscriber redis://127.0.0.1:6379/0: connection lost; reconnecting`.
    public init(configuration: RedisConfiguration, log: (@Sendable (String) -> Void)? = nil) {
        self.configuration = configuration
        self.keys = RedisKeys(prefix: configuration.keyPrefix)
        self.client = RedisClient(configuration: configuration, log: log)
        self.pubsub = RedisPubSub(client: client, configuration: configuration, log: log)
    }

    /// - Parameters:
    ///   - url: `redis://[[user]:password@]host[:port][/db]` or `unix:///path?db=N`
    ///   - prefix: prepended to every key and channel (default `ss:`)
    public convenience init(url: String, prefix: String = "ss:", log: (@Sendable (String) -> Void)? = nil) throws {
        self.init(configuration: try RedisConfiguration(url: url, keyPrefix: prefix), log: log)
    }

    /// The stores over this engine's connections. With `callWindow` (use the runtime's
    /// `dedupWindow`), call ids are also shared, so a call resent to another instance runs at
    /// most once; it costs two Redis round trips per call.
    public func stores(
        sessionIdleTimeout: Duration = .seconds(14 * 24 * 3600), presenceWindow: Duration = .seconds(120),
        clock: any RuntimeClock = SystemClock(), callWindow: Duration? = nil
    ) -> RuntimeStores {
        RuntimeStores(
            sessions: RedisSessionStore(client: client, keys: keys, idleTimeout: sessionIdleTimeout, clock: clock),
            pubsub: pubsub,
            presence: RedisPresenceStore(client: client, keys: keys, window: presenceWindow, clock: clock),
            calls: callWindow.map { RedisCallLedger(client: client, keys: keys, window: $0) })
    }

    /// Waits until both connections are up, or the timeout passes; true if they are.
    public func waitUntilConnected(timeout: Duration = .seconds(5)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if client.isConnected && pubsub.isListening { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return client.isConnected && pubsub.isListening
    }

    /// Closes both connections; pub/sub subscriptions end.
    public func shutdown() async {
        await pubsub.shutdown()
        await client.shutdown()
    }
}

extension RuntimeStores {
    /// Redis-backed stores shared by every instance on one Redis. The engine behind them lives
    /// as long as the stores (use `RedisEngine` directly to shut it down explicitly).
    ///
    ///     let stores = try RuntimeStores.redis(url: "redis://127.0.0.1:6379", prefix: "chat:")
    public static func redis(
        url: String, prefix: String = "ss:", sessionIdleTimeout: Duration = .seconds(14 * 24 * 3600),
        presenceWindow: Duration = .seconds(120), clock: any RuntimeClock = SystemClock()
    ) throws -> RuntimeStores {
        try RedisEngine(url: url, prefix: prefix).stores(
            sessionIdleTimeout: sessionIdleTimeout, presenceWindow: presenceWindow, clock: clock)
    }
}

extension RedisConfiguration {
    /// The configuration named by `SS_REDIS_URL` (and `SS_REDIS_PREFIX`), or nil when unset.
    ///
    ///     if let redis = try RedisConfiguration.fromEnvironment() {
    ///         stores = RedisEngine(configuration: redis).stores()
    ///     }
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws
        -> RedisConfiguration?
    {
        guard let url = env["SS_REDIS_URL"], !url.isEmpty else { return nil }
        return try RedisConfiguration(url: url, keyPrefix: env["SS_REDIS_PREFIX"] ?? "ss:")
    }
}
#endif
