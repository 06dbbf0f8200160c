#if canImport(CHiredis)
import Foundation
import NIOCore
import SSActions

/// Pub/sub across instances through Redis channels: one per user (`ss:pub:u:<id>`), one per
/// channel (`ss:pub:c:<name>`) and one for broadcasts (`ss:pub:b`).
///
/// An instance listens to a user's or channel's Redis channel only while it has a local
/// receiver (`addInterest`), so instances do not filter a firehose. `subscribe()` (the
/// `PubSub` contract: every message) uses one pattern subscription instead; the conformance
/// suite and tools use it, the runtime should use `subscribeByInterest()`.
///
/// Ordering: each instance numbers its messages and writes them on one connection, so Redis
/// forwards them in order; copies of one message (several targets) are dropped by number.
///
///     let pubsub = engine.pubsub
///     let sub = try await pubsub.subscribeByInterest()
///     pubsub.addInterest([.user("42")])
///     await pubsub.interestSettled()
///     try await pubsub.publish(PublishMessage(target: .users(["42"]), event: "note", payload: .null))
public final class RedisPubSub: InterestRoutedPubSub {
    /// Counters since start, for logs and fault reports.
    public struct Statistics: Sendable, Equatable {
        /// Messages this instance published (accepted by Redis).
        public var published = 0
        /// Messages that arrived and were handed to at least one local subscription.
        public var delivered = 0
        /// Extra copies of multi-target messages, dropped.
        public var duplicates = 0
        /// Payloads on our channels that were not envelopes, dropped.
        public var malformed = 0
    }

    private struct Routing {
        var stats = Statistics()
        var everything: [UUID: AsyncStream<PublishMessage>.Continuation] = [:]
        var byInterest: [UUID: AsyncStream<PublishMessage>.Continuation] = [:]
        var interest: [PubSubTopic: Int] = [:]
        /// Highest sequence number seen per publisher (drops the copies of multi-target messages).
        var highWater: [String: UInt64] = [:]
    }

    let keys: RedisKeys
    private let client: RedisClient
    private let subscriber: RedisSubscriber
    private let publisherId = UUID().uuidString
    /// Numbering and writing happen under this lock so the wire order is the number order.
    private let sequence = Locked<UInt64>(0)
    private let routing = Locked(Routing())
    private let sessionHandler = Locked<(@Sendable (String) -> Void)?>(nil)

    /// Uses `client` for PUBLISH and opens its own subscriber connection.
    init(client: RedisClient, configuration: RedisConfiguration, log: (@Sendable (String) -> Void)? = nil) {
        self.keys = RedisKeys(prefix: configuration.keyPrefix)
        self.client = client
        let ref = PubSubRef()
        self.subscriber = RedisSubscriber(configuration: configuration, log: log) { channel, payload in
            ref.pubsub?.route(channel: channel, payload)
        }
        ref.pubsub = self
    }

    public func publish(_ message: PublishMessage) async throws {
        // Publish only while this instance listens too: after a Redis restart the command
        // connection can be back before the subscriber re-subscribed, and a message Redis
        // accepts then never reaches this instance's own receivers. Failing tells the caller.
        if !subscriber.isConnected, await !subscriber.settled() {
            throw RedisError.unavailable("the subscriber connection is reconnecting")
        }
        let conn = try await client.connection()
        let channels = keys.channels(for: message.target)
        guard !channels.isEmpty else { return }
        let futures = sequence.withLock { seq -> [EventLoopFuture<RESPValue>] in
            seq += 1
            let body = PubSubEnvelope(publisher: publisherId, sequence: seq, message: message).encoded()
            return conn.pipeline(channels.map { [Array("PUBLISH".utf8), Array($0.utf8), body] })
        }
        for f in futures { _ = try await f.get() }
        routing.withLock { $0.stats.published += 1 }
    }

    public var statistics: Statistics { routing.withLock { $0.stats } }

    /// Every message published after this returns (while Redis is reachable).
    public func subscribe() async throws -> PubSubSubscription {
        let sub = register(everything: true)
        await subscriber.subscribe(patterns: [keys.everythingPattern])
        return sub
    }

    /// Broadcasts plus the messages for declared topics.
    public func subscribeByInterest() async throws -> PubSubSubscription {
        let sub = register(everything: false)
        await subscriber.subscribe(channels: [keys.broadcastChannel, keys.sessionChangesChannel])
        return sub
    }

    public func announceSessionChange(_ sessionId: String) async throws {
        try await client.send(["PUBLISH", keys.sessionChangesChannel, publisherId + " " + sessionId])
    }

    public func onSessionChange(_ handler: @escaping @Sendable (String) -> Void) {
        sessionHandler.withLock { $0 = handler }
    }

    public func addInterest(_ topics: [PubSubTopic]) {
        // Counting and subscribing under one lock keeps Redis in step with the counts when
        // an add and a remove of one topic race.
        routing.withLock { r in
            var added = [String]()
            for t in topics {
                r.interest[t, default: 0] += 1
                if r.interest[t] == 1 { added.append(redisChannel(t)) }
            }
            if !added.isEmpty { _ = subscriber.want(channels: added, patterns: []) }
        }
    }

    public func removeInterest(_ topics: [PubSubTopic]) {
        routing.withLock { r in
            var removed = [String]()
            for t in topics {
                guard let n = r.interest[t] else { continue }
                if n <= 1 {
                    r.interest[t] = nil
                    removed.append(redisChannel(t))
                } else {
                    r.interest[t] = n - 1
                }
            }
            if !removed.isEmpty { _ = subscriber.unwant(channels: removed, patterns: []) }
        }
    }

    public func interestSettled() async {
        await subscriber.settled()
    }

    /// Topics with at least one declared receiver.
    public var interest: Set<PubSubTopic> { routing.withLock { Set($0.interest.keys) } }

    /// Whether the subscriber connection is up.
    public var isListening: Bool { subscriber.isConnected }

    /// How many times the subscriber connection was re-established.
    public var subscriberReconnects: Int { subscriber.reconnects }

    func shutdown() async {
        await subscriber.shutdown()
        let all = routing.withLock { r in Array(r.everything.values) + Array(r.byInterest.values) }
        for c in all { c.finish() }
    }

    private func redisChannel(_ topic: PubSubTopic) -> String {
        switch topic {
        case .user(let id): return keys.userChannel(id)
        case .channel(let name): return keys.channelChannel(name)
        }
    }

    private func register(everything: Bool) -> PubSubSubscription {
        let id = UUID()
        let (stream, continuation) = AsyncStream<PublishMessage>.makeStream(bufferingPolicy: .unbounded)
        routing.withLock { r in
            if everything {
                r.everything[id] = continuation
            } else {
                r.byInterest[id] = continuation
            }
        }
        continuation.onTermination = { [weak self] _ in self?.unregister(id) }
        return PubSubSubscription(messages: stream) { continuation.finish() }
    }

    private func unregister(_ id: UUID) {
        let lastEverything = routing.withLock { r -> Bool in
            let was = r.everything.removeValue(forKey: id) != nil
            r.byInterest[id] = nil
            return was && r.everything.isEmpty
        }
        if lastEverything { _ = subscriber.unwant(channels: [], patterns: [keys.everythingPattern]) }
    }

    /// Runs on the subscriber's event loop, in Redis's order.
    private func route(channel: String, _ payload: [UInt8]) {
        if channel == keys.sessionChangesChannel {
            let text = String(decoding: payload, as: UTF8.self)
            guard let space = text.firstIndex(of: " "), text[..<space] != publisherId else { return }
            let sessionId = String(text[text.index(after: space)...])
            if let handler = sessionHandler.withLock({ $0 }), !sessionId.isEmpty { handler(sessionId) }
            return
        }
        guard let envelope = PubSubEnvelope(decoding: payload) else {
            routing.withLock { $0.stats.malformed += 1 }
            return
        }
        let receivers = routing.withLock { r -> [AsyncStream<PublishMessage>.Continuation] in
            if let seen = r.highWater[envelope.publisher], envelope.sequence <= seen {
                r.stats.duplicates += 1
                return []
            }
            if r.highWater.count > 10_000 { r.highWater.removeAll(keepingCapacity: true) }
            r.highWater[envelope.publisher] = envelope.sequence
            var out = Array(r.everything.values)
            if !r.byInterest.isEmpty, Self.wanted(envelope.message.target, interest: r.interest) {
                out.append(contentsOf: r.byInterest.values)
            }
            if !out.isEmpty { r.stats.delivered += 1 }
            return out
        }
        for c in receivers { c.yield(envelope.message) }
    }

    private static func wanted(_ target: PublishTarget, interest: [PubSubTopic: Int]) -> Bool {
        switch target {
        case .broadcast: return true
        case .users(let ids): return ids.contains { interest[.user($0)] != nil }
        case .channels(let names): return names.contains { interest[.channel($0)] != nil }
        }
    }
}

/// The subscriber callback's handle on its pub/sub (set once, right after init).
private final class PubSubRef: @unchecked Sendable {
    weak var pubsub: RedisPubSub?
}
#endif
