import Foundation
import Hummingbird
import HummingbirdWebSocket
import SSActions

/// The real-time runtime: WebSocket RPC at `/_ss/ws`, the automatic HTTP API, sessions,
/// pub/sub and users online, for one set of actions.
///
///     var actions = ActionRegistry()
///     try actions.register(App.self, path: "app/server/app.swift")
///     let runtime = Runtime(configuration: .init(), actions: actions)
///     let router = Router(context: BasicWebSocketRequestContext.self)
///     runtime.register(on: router)
///     let app = Application(router: router, server: .http1WebSocketUpgrade(
///         webSocketRouter: router, configuration: runtime.upgradeConfiguration))
///     try await runtime.publish.broadcast("flash", ["text": "deployed"])
public final class Runtime: Sendable {
    public let configuration: RuntimeConfiguration
    public let actions: ActionRegistry
    public let stores: RuntimeStores
    let clock: any RuntimeClock
    let hub: ConnectionHub
    let logger: ActionLogger
    let originPolicy: OriginPolicy
    /// Sessions prepared during an upgrade, picked up by the connection (keyed by
    /// `Sec-WebSocket-Key`, unique per handshake).
    let pendingUpgrades = Locked([String: (record: SessionRecord, isNew: Bool, at: Duration)]())
    /// Per-address buckets: HTTP API only (`apiRateLimit`), and WebSocket calls plus HTTP API
    /// (`addressRateLimit`).
    let apiLimiter: RateLimiterTable?
    let addressLimiter: RateLimiterTable?
    let workerBox = Locked<WorkerHost?>(nil)
    let lifecycle = Locked(RuntimeLifecycle())
    /// Set when `server(router:tls:)` built a TLS server: session cookies get `Secure`.
    let tlsEnabled = Locked(false)
    let workerGate = WorkerGate()
    private let subscription: Task<PubSubSubscription, any Error>
    private let background = Locked([Task<Void, Never>]())

    /// Creates the runtime and starts its pub/sub listener and housekeeping timer.
    public init(
        configuration: RuntimeConfiguration, actions: ActionRegistry, stores: RuntimeStores = .inMemory(),
        clock: any RuntimeClock = SystemClock()
    ) {
        self.configuration = configuration
        self.actions = actions
        self.stores = stores
        self.clock = clock
        let routed = stores.pubsub as? any InterestRoutedPubSub
        self.hub = ConnectionHub(
            dedupWindow: configuration.dedupWindow, dedupCapacity: configuration.dedupCapacity, interest: routed)
        self.logger = ActionLogger(level: configuration.logLevel, sink: configuration.logSink)
        self.originPolicy = OriginPolicy(allowed: configuration.allowedOrigins)
        self.apiLimiter = configuration.apiRateLimit.map(RateLimiterTable.init)
        self.addressLimiter = configuration.addressRateLimit.map(RateLimiterTable.init)
        // With an engine that routes by interest (Redis), listen only to the users and
        // channels with local connections (the hub declares them); otherwise to everything.
        let pubsub = stores.pubsub
        self.subscription = Task {
            if let routed { return try await routed.subscribeByInterest() }
            return try await pubsub.subscribe()
        }
        startBackgroundTasks()
        routed?.onSessionChange { [weak self] sessionId in self?.sessionChangedElsewhere(sessionId) }
    }

    deinit {
        subscription.cancel()
        for t in background.withLock({ $0 }) { t.cancel() }
    }

    /// Stops background work and closes every connection at once (1001, going away). For
    /// SIGTERM prefer `shutdown(drainTimeout:)`, which lets calls finish and tells clients
    /// to reconnect.
    public func shutdown() async {
        lifecycle.withLock { $0.draining = true }
        await stopBackgroundWork()
        for c in hub.allConnections { await c.close(code: 1001, reason: "server shutting down") }
    }

    func stopBackgroundWork() async {
        for t in background.withLock({ $0 }) { t.cancel() }
        if let sub = try? await subscription.value { sub.cancel() }
    }

    /// Server-side publishing: `publish.user`, `publish.broadcast`, `publish.channel`.
    public var publish: Publisher {
        Publisher { [subscription, stores, logger] message in
            _ = try await subscription.value
            logger.info("<= \(Self.describe(message.target)) \(message.event)")
            try await stores.pubsub.publish(message)
        }
    }

    /// Waits until the pub/sub engine listens for every user and channel declared so far
    /// (Redis: the SUBSCRIBEs were processed). Immediate with the in-memory engine.
    func interestSettled() async {
        await hub.interest?.interestSettled()
    }

    /// Another instance changed a session: if it has connections here, re-read it.
    func sessionChangedElsewhere(_ sessionId: String) {
        guard hub.version(session: sessionId) != nil else { return }
        Task {
            for _ in 0..<3 {
                guard let version = hub.version(session: sessionId),
                    let record = try? await stores.sessions.load(sessionId)
                else { return }
                if hub.refresh(record, ifVersion: version) { return }
            }
        }
    }

    /// Tells other instances (Redis) that this instance changed a session in the store.
    func announceSessionChange(_ sessionId: String) async {
        do {
            try await hub.interest?.announceSessionChange(sessionId)
        } catch {
            logger.error("could not tell other instances about a session change: \(error)")
        }
    }

    /// Users with a live connection (by heartbeat), sorted.
    public func usersOnline() async throws -> [String] {
        try await stores.presence.online()
    }

    /// Number of open WebSocket connections on this instance.
    public var connectionCount: Int { hub.connectionCount }

    /// The configuration to pass to `.http1WebSocketUpgrade(webSocketRouter:configuration:)`:
    /// frames up to the max message size, no compression, and WebSocket pings.
    public var upgradeConfiguration: HTTP1WebSocketUpgradeChannel.Configuration {
        .init(ws: webSocketConfiguration)
    }

    /// The WebSocket part of `upgradeConfiguration`. WebSocket-level auto-ping is off: the
    /// protocol's own heartbeat detects dead peers on both sides, and an auto-ping task per
    /// connection would cost memory on every idle connection.
    public var webSocketConfiguration: WebSocketServerConfiguration {
        WebSocketServerConfiguration(maxFrameSize: configuration.maxMessageSize + 1024, autoPing: .disabled)
    }

    /// Adds the WebSocket endpoint (`/_ss/ws`), the HTTP API routes and, with a console
    /// token, `/_ss/console` to a router.
    public func register<Context: RequestContext & WebSocketRequestContext>(on router: Router<Context>) {
        registerWebSocket(on: router)
        registerConsole(on: router)
        if configuration.apiEnabled { registerAPI(on: router) }
    }

    static func describe(_ target: PublishTarget) -> String {
        switch target {
        case .broadcast: return "broadcast"
        case .users(let ids): return "user \(ids.joined(separator: ","))"
        case .channels(let names): return "channel \(names.joined(separator: ","))"
        }
    }

    private func startBackgroundTasks() {
        let delivery = Task { [subscription, hub, logger] in
            guard let sub = try? await subscription.value else {
                logger.error("pub/sub subscription failed; events will not be delivered")
                return
            }
            for await message in sub.messages {
                _ = hub.deliver(message)
            }
        }
        let tick = min(max(configuration.heartbeatTimeout / 4, .milliseconds(50)), .seconds(5))
        let housekeeping = Task { [weak self] in
            var rounds = 0
            while !Task.isCancelled {
                try? await Task.sleep(for: tick)
                guard let self else { return }
                rounds += 1
                await self.housekeep(purgeStores: rounds % max(1, Int(60 / tick.seconds)) == 0)
            }
        }
        background.withLock { $0 = [delivery, housekeeping] }
    }

    /// Heartbeat timeouts, stale upgrade records, idle sessions and store expiry.
    func housekeep(purgeStores: Bool) async {
        let now = clock.now
        for connection in hub.allConnections {
            let actions = connection.withMachine { $0.tick(now: now) }
            for case .close(let code, let reason) in actions {
                logger.debug("closing connection \(connection.id): \(reason)")
                Task { await connection.close(code: code, reason: reason) }
            }
        }
        pendingUpgrades.withLock { p in p = p.filter { now - $0.value.at < .seconds(30) } }
        hub.sweepSessions(now: now)
        if purgeStores {
            _ = try? await stores.sessions.purgeExpired()
            try? await stores.presence.purge()
            apiLimiter?.purge(now: now)
            addressLimiter?.purge(now: now)
        }
    }
}
