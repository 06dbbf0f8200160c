#if canImport(CHiredis)
import NIOCore
import NIOPosix

/// The dedicated subscriber connection. It remembers every channel and pattern this instance
/// wants, so after a reconnect it subscribes to all of them again before anything else.
///
///     let sub = RedisSubscriber(configuration: config) { channel, payload in ... }
///     await sub.subscribe(channels: ["ss:pub:b"])
final class RedisSubscriber: Sendable {
    private struct State {
        var channels = Set<String>()
        var patterns = Set<String>()
        var connection: RedisConnection?
    }

    /// Redis accepts long argument lists, but chunking keeps a re-subscribe of many thousand
    /// users from building one huge command.
    private static let chunk = 512

    private let state = Locked(State())
    private let client: RedisClient

    /// `onMessage` runs on the connection's event loop, in the order Redis sent the messages.
    init(
        configuration: RedisConfiguration, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        log: (@Sendable (String) -> Void)? = nil,
        onMessage: @escaping @Sendable (_ channel: String, _ payload: [UInt8]) -> Void
    ) {
        let ref = SubscriberRef()
        let hooks = RedisClient.Hooks(
            onPush: { reply in
                guard case .array(let items) = reply else { return }
                // ["message", channel, payload] or ["pmessage", pattern, channel, payload]
                let tail = items.suffix(2)
                guard tail.count == 2, let channel = tail.first?.string, case .bulk(let payload) = tail.last! else {
                    return
                }
                onMessage(channel, payload)
            },
            didConnect: { conn in ref.subscriber?.resubscribe(on: conn) },
            didDisconnect: { ref.subscriber?.state.withLock { $0.connection = nil } },
            log: log, role: "subscriber")
        // Retry faster than command connections: after a Redis restart every message accepted
        // before this instance re-subscribes is lost (pub/sub keeps nothing), so subscribers
        // should win the race against publishers.
        var config = configuration
        config.reconnectMaxDelay = max(config.reconnectInitialDelay, config.reconnectMaxDelay / 4)
        self.client = RedisClient(configuration: config, group: group, hooks: hooks)
        ref.subscriber = self
        client.start()
    }

    /// Whether the subscriber connection is up.
    var isConnected: Bool { client.isConnected }
    var reconnects: Int { client.reconnects }

    /// Adds channels and patterns. Returns true once Redis confirmed them, false if Redis is
    /// unreachable now (they are subscribed on the next connect).
    @discardableResult
    func subscribe(channels: [String] = [], patterns: [String] = []) async -> Bool {
        let futures = want(channels: channels, patterns: patterns)
        if !futures.isEmpty { return await confirm(futures) }
        return await settled()
    }

    /// Returns true once Redis processed every (un)subscribe written before the call; false
    /// if Redis is unreachable (they are sent on reconnect).
    @discardableResult
    func settled() async -> Bool {
        // Not connected yet: wait for the connect attempt in flight. The re-SUBSCRIBE goes
        // out before the client publishes the connection, and replies come in order, so a
        // PONG after it means everything written before was processed.
        let current = state.withLock { $0.connection }
        let conn: RedisConnection?
        if let current { conn = current } else { conn = try? await client.connection() }
        guard let conn else { return false }
        return (try? await conn.write([Array("PING".utf8)]).get()) != nil
    }

    /// Removes channels and patterns (best effort: a lost unsubscribe only costs unwanted
    /// messages, which the router drops, until the next reconnect).
    @discardableResult
    func unsubscribe(channels: [String] = [], patterns: [String] = []) async -> Bool {
        await confirm(unwant(channels: channels, patterns: patterns))
    }

    /// The synchronous part of `subscribe`: records the wish and, if connected, writes the
    /// command. Returns the confirmation futures.
    func want(channels: [String], patterns: [String]) -> [EventLoopFuture<RESPValue>] {
        state.withLock { s in
            let newChannels = Array(Set(channels).subtracting(s.channels))
            let newPatterns = Array(Set(patterns).subtracting(s.patterns))
            s.channels.formUnion(newChannels)
            s.patterns.formUnion(newPatterns)
            guard let c = s.connection else { return [] }
            return Self.write("SUBSCRIBE", newChannels, on: c) + Self.write("PSUBSCRIBE", newPatterns, on: c)
        }
    }

    func unwant(channels: [String], patterns: [String]) -> [EventLoopFuture<RESPValue>] {
        state.withLock { s in
            let gone = channels.filter { s.channels.remove($0) != nil }
            let gonePatterns = patterns.filter { s.patterns.remove($0) != nil }
            guard let c = s.connection else { return [] }
            return Self.write("UNSUBSCRIBE", gone, on: c) + Self.write("PUNSUBSCRIBE", gonePatterns, on: c)
        }
    }

    /// The channels and patterns currently wanted (for tests and diagnostics).
    var subscriptions: (channels: Set<String>, patterns: Set<String>) {
        state.withLock { ($0.channels, $0.patterns) }
    }

    func shutdown() async {
        await client.shutdown()
    }

    private func confirm(_ futures: [EventLoopFuture<RESPValue>]) async -> Bool {
        if futures.isEmpty { return isConnected }
        for f in futures {
            guard (try? await f.get()) != nil else { return false }
        }
        return true
    }

    /// Runs under the state lock together with setting the connection, so a concurrent
    /// `want` either lands in this snapshot or is written on the new connection itself.
    private func resubscribe(on conn: RedisConnection) {
        state.withLock { s in
            s.connection = conn
            _ = Self.write("SUBSCRIBE", Array(s.channels), on: conn)
            _ = Self.write("PSUBSCRIBE", Array(s.patterns), on: conn)
        }
    }

    private static func write(_ verb: String, _ names: [String], on c: RedisConnection) -> [EventLoopFuture<RESPValue>]
    {
        guard !names.isEmpty else { return [] }
        var futures = [EventLoopFuture<RESPValue>]()
        var start = 0
        while start < names.count {
            let part = names[start..<min(start + chunk, names.count)]
            let args = [Array(verb.utf8)] + part.map { Array($0.utf8) }
            futures.append(c.write(args, replies: part.count))
            start += chunk
        }
        return futures
    }
}

/// The hooks' handle on their subscriber (set once, right after init).
private final class SubscriberRef: @unchecked Sendable {
    weak var subscriber: RedisSubscriber?
}
#endif
