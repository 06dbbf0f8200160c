#if canImport(CHiredis)
import NIOCore
import NIOPosix

/// A Redis connection that keeps itself up: it connects in the background, and when the
/// connection drops it reconnects with capped exponential backoff. While Redis is down,
/// calls fail at once with `RedisError.unavailable` (they do not queue), except during a
/// connect attempt, which they wait for.
///
///     let redis = RedisClient(configuration: try RedisConfiguration(url: "redis://127.0.0.1:6379"))
///     _ = try await redis.send(["SET", "ss:greeting", "hello"])
///     let text = try await redis.send(["GET", "ss:greeting"]).string
///     await redis.shutdown()
public final class RedisClient: Sendable {
    public let configuration: RedisConfiguration

    enum State {
        case connecting(EventLoopPromise<RedisConnection>)
        case connected(RedisConnection)
        case down(String)
        case stopped
    }

    /// Called on every (re)connect and disconnect; the subscriber re-subscribes here.
    struct Hooks: Sendable {
        var onPush: (@Sendable (RESPValue) -> Void)?
        var didConnect: (@Sendable (RedisConnection) -> Void)?
        var didDisconnect: (@Sendable () -> Void)?
        /// State changes in words (connected, lost, first failed attempt of an outage).
        var log: (@Sendable (String) -> Void)?
        /// Names the connection in log lines ("commands", "subscriber").
        var role = "commands"
    }

    private let group: any EventLoopGroup
    private let hooks: Hooks
    private let state: Locked<State>
    private let loop = Locked<Task<Void, Never>?>(nil)
    /// Reconnects so far (not counting the first connect), for tests and logs.
    private let reconnectCount = Locked(0)

    /// Starts connecting at once; the first calls wait for that attempt. `log` receives one
    /// line per state change (connected, lost, unreachable), not one per retry.
    public convenience init(configuration: RedisConfiguration, log: (@Sendable (String) -> Void)? = nil) {
        self.init(configuration: configuration, group: MultiThreadedEventLoopGroup.singleton, hooks: Hooks(log: log))
        start()
    }

    init(configuration: RedisConfiguration, group: any EventLoopGroup, hooks: Hooks) {
        self.configuration = configuration
        self.group = group
        self.hooks = hooks
        self.state = Locked(.connecting(group.next().makePromise(of: RedisConnection.self)))
    }

    /// Starts the connect loop (once). Separate from init so an owner can finish wiring its
    /// hooks before the first connect can call them.
    func start() {
        let ref = WeakClient(self)
        loop.withLock { task in
            guard task == nil else { return }
            task = Task { await Self.keepConnected(ref) }
        }
    }

    deinit {
        stop()
    }

    /// Sends one command and waits for its reply. Error replies throw `RedisError.server`.
    @discardableResult
    public func send(_ args: [String]) async throws -> RESPValue {
        try await connection().send(args)
    }

    @discardableResult
    func send(bytes args: [[UInt8]]) async throws -> RESPValue {
        try await connection().send(args)
    }

    /// Sends several commands with one flush and returns their replies in order. Error
    /// replies are returned as `.error` values, not thrown, so one bad command does not hide
    /// the others' results.
    func pipeline(_ commands: [[[UInt8]]]) async throws -> [RESPValue] {
        let futures = try await connection().pipeline(commands)
        var out = [RESPValue]()
        out.reserveCapacity(futures.count)
        for f in futures {
            do {
                out.append(try await f.get())
            } catch RedisError.server(let message) {
                out.append(.error(message))
            }
        }
        return out
    }

    /// Whether a connection is up right now.
    public var isConnected: Bool {
        state.withLock { if case .connected = $0 { return true } else { return false } }
    }

    /// How many times the connection was re-established after a loss.
    public var reconnects: Int { reconnectCount.withLock { $0 } }

    /// The live connection, or the outcome of the connect attempt in flight.
    func connection() async throws -> RedisConnection {
        enum Now {
            case ready(RedisConnection)
            case waiting(EventLoopFuture<RedisConnection>)
            case failed(RedisError)
        }
        let now = state.withLock { s -> Now in
            switch s {
            case .connected(let c): return .ready(c)
            case .connecting(let p): return .waiting(p.futureResult)
            case .down(let why): return .failed(.unavailable(why))
            case .stopped: return .failed(.shutdown)
            }
        }
        switch now {
        case .ready(let c): return c
        case .waiting(let f): return try await f.get()
        case .failed(let e): throw e
        }
    }

    /// Closes the connection and stops reconnecting; later calls throw `RedisError.shutdown`.
    public func shutdown() async {
        let closing = stop()
        try? await closing?.closeFuture.get()
    }

    @discardableResult
    private func stop() -> RedisConnection? {
        loop.withLock { $0?.cancel() }
        return state.withLock { s -> RedisConnection? in
            defer { s = .stopped }
            switch s {
            case .connected(let c):
                c.close()
                return c
            case .connecting(let p):
                p.fail(RedisError.shutdown)
                return nil
            case .down, .stopped:
                return nil
            }
        }
    }

    /// The reconnect loop. It reaches the client only through a weak reference and never
    /// holds it across an `await`, so dropping the last reference to a client ends the loop.
    private static func keepConnected(_ ref: WeakClient) async {
        var backoff: ReconnectBackoff? = nil
        var first = true
        var failures = 0
        while !Task.isCancelled {
            guard let step = ref.client?.prepareAttempt() else { return }
            if backoff == nil {
                backoff = ReconnectBackoff(
                    initial: step.config.reconnectInitialDelay, maximum: step.config.reconnectMaxDelay)
            }
            var connected: RedisConnection? = nil
            do {
                let conn = try await RedisConnection.connect(
                    to: step.config, group: step.group, onPush: step.hooks.onPush)
                // The hook runs before anyone can see the connection, so the subscriber's
                // re-SUBSCRIBE is on the wire ahead of any command sent on it later.
                step.hooks.didConnect?(conn)
                if ref.client?.markConnected(conn, attempt: step.attempt, first: first) == true {
                    step.log(first ? "connected" : "reconnected after \(failures) failed attempt(s)")
                    connected = conn
                    first = false
                    failures = 0
                    backoff?.reset()
                } else {
                    conn.close()
                    return
                }
            } catch {
                failures += 1
                if failures == 1 { step.log("cannot connect: \(error); retrying with backoff") }
                ref.client?.markDown("\(error)", attempt: step.attempt)
            }
            if let conn = connected {
                // A peer that vanished without a FIN/RST (partition, frozen host) is only
                // noticed by a command timing out, so ping an otherwise idle connection.
                let interval = step.config.healthCheckInterval
                let pinger = Task {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: interval)
                        guard !Task.isCancelled, conn.isActive else { return }
                        if (try? await conn.send(["PING"])) == nil { conn.close() }
                    }
                }
                try? await conn.closeFuture.get()
                pinger.cancel()
                step.log("connection lost; reconnecting")
                step.hooks.didDisconnect?()
                ref.client?.markDown("connection to \(step.config.host):\(step.config.port) lost", attempt: nil)
            }
            guard ref.client != nil, !Task.isCancelled else { return }
            let delay = backoff!.nextDelay(random: Double.random(in: 0...1))
            try? await Task.sleep(for: delay)
        }
    }

    private struct Attempt {
        let attempt: EventLoopPromise<RedisConnection>
        let config: RedisConfiguration
        let group: any EventLoopGroup
        let hooks: Hooks

        func log(_ text: String) {
            hooks.log?("redis \(hooks.role) \(config.redactedURL): \(text)")
        }
    }

    private func prepareAttempt() -> Attempt? {
        beginAttempt().map { Attempt(attempt: $0, config: configuration, group: group, hooks: hooks) }
    }

    private func beginAttempt() -> EventLoopPromise<RedisConnection>? {
        state.withLock { s in
            switch s {
            case .stopped: return nil
            case .connecting(let p): return p
            case .connected, .down:
                let p = group.next().makePromise(of: RedisConnection.self)
                s = .connecting(p)
                return p
            }
        }
    }

    private func markConnected(_ conn: RedisConnection, attempt: EventLoopPromise<RedisConnection>, first: Bool) -> Bool
    {
        let ok = state.withLock { s -> Bool in
            guard case .connecting = s else { return false }
            s = .connected(conn)
            return true
        }
        if ok {
            if !first { reconnectCount.withLock { $0 += 1 } }
            attempt.succeed(conn)
        }
        return ok
    }

    private func markDown(_ why: String, attempt: EventLoopPromise<RedisConnection>?) {
        state.withLock { s in
            if case .stopped = s { return }
            s = .down(why)
        }
        attempt?.fail(RedisError.unavailable(why))
    }
}
/// The reconnect loop's handle on its client.
private final class WeakClient: @unchecked Sendable {
    // Written once in init, read from the loop: no data race.
    weak var client: RedisClient?
    init(_ client: RedisClient) { self.client = client }
}
#endif
