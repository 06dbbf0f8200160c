import Foundation
import SSActions

/// Carries published events between runtime instances. Each instance subscribes once and
/// routes what arrives to its own connections (by user, channel or to all).
/// Delivery is ordered per publisher. Every implementation must pass the conformance suite.
public protocol PubSub: Sendable {
    func publish(_ message: PublishMessage) async throws
    /// A new subscription; it receives every message published after this call returns.
    func subscribe() async throws -> PubSubSubscription
}

/// A stream of published messages; `cancel()` (or dropping the stream) ends it.
public struct PubSubSubscription: Sendable {
    public let messages: AsyncStream<PublishMessage>
    private let onCancel: @Sendable () -> Void

    public init(messages: AsyncStream<PublishMessage>, onCancel: @escaping @Sendable () -> Void) {
        self.messages = messages
        self.onCancel = onCancel
    }

    public func cancel() { onCancel() }
}

/// The default pub/sub engine: one process.
public final class InMemoryPubSub: PubSub {
    private let subscribers = Locked([UUID: AsyncStream<PublishMessage>.Continuation]())

    public init() {}

    public func publish(_ message: PublishMessage) async throws {
        // Yield under the lock so concurrent publishers cannot interleave one publisher's
        // messages differently for different subscribers.
        subscribers.withLock { subs in
            for c in subs.values { c.yield(message) }
        }
    }

    public func subscribe() async throws -> PubSubSubscription {
        let id = UUID()
        let (stream, continuation) = AsyncStream<PublishMessage>.makeStream(bufferingPolicy: .unbounded)
        subscribers.withLock { $0[id] = continuation }
        continuation.onTermination = { [weak self] _ in self?.subscribers.withLock { _ = $0.removeValue(forKey: id) } }
        return PubSubSubscription(messages: stream) { continuation.finish() }
    }
}
