import Foundation

/// The live-reload clients and the message every new client gets first. Each client
/// has a bounded buffer drained by its own writer task, so a slow tab never stalls the
/// others and writes to one socket never overlap.
///
/// A lock, not an actor: the rebuild thread broadcasts directly, without a hop to the
/// concurrency pool and back before the writers wake (the save-to-reload latency pays
/// for every hop).
///
/// ```swift
/// let hub = LiveReloadHub()
/// let (id, stream) = hub.subscribe()          // stream yields the greeting first
/// hub.broadcast(LiveReloadMessage.reload(build: "b2"), greeting: LiveReloadMessage.hello(build: "b2"))
/// hub.unsubscribe(id)
/// ```
public final class LiveReloadHub: @unchecked Sendable {
    private let lock = NSLock()
    private var clients: [UUID: AsyncStream<String>.Continuation] = [:]
    private var greeting: String

    public init(greeting: String = LiveReloadMessage.hello(build: "")) {
        self.greeting = greeting
    }

    public var clientCount: Int { lock.withLock { clients.count } }

    /// A stream of messages for one new client, starting with the current greeting.
    public func subscribe() -> (UUID, AsyncStream<String>) {
        let id = UUID()
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(32))
        lock.withLock {
            continuation.yield(greeting)
            clients[id] = continuation
        }
        return (id, stream)
    }

    public func unsubscribe(_ id: UUID) {
        lock.withLock { clients.removeValue(forKey: id) }?.finish()
    }

    /// Sends `message` to every client; `greeting` (if given) is what later clients get.
    public func broadcast(_ message: String, greeting newGreeting: String? = nil) {
        lock.withLock {
            if let newGreeting { greeting = newGreeting }
            // Under the lock, so a client subscribing now gets either the old greeting and
            // this message, or the new greeting: never a state older than the last message.
            for continuation in clients.values { continuation.yield(message) }
        }
    }
}
