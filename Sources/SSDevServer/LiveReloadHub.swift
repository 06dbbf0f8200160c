import Foundation

/// The live-reload clients and the message every new client gets first. Each client
/// has a bounded buffer drained by its own writer task, so a slow tab never stalls the
/// others and writes to one socket never overlap.
public actor LiveReloadHub {
    private var clients: [UUID: AsyncStream<String>.Continuation] = [:]
    private var greeting: String

    public init(greeting: String = LiveReloadMessage.hello(build: "")) {
        self.greeting = greeting
    }

    public var clientCount: Int { clients.count }

    /// A stream of messages for one new client, starting with the current greeting.
    public func subscribe() -> (UUID, AsyncStream<String>) {
        let id = UUID()
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(32))
        continuation.yield(greeting)
        clients[id] = continuation
        return (id, stream)
    }

    public func unsubscribe(_ id: UUID) {
        clients.removeValue(forKey: id)?.finish()
    }

    /// Sends `message` to every client; `greeting` (if given) is what later clients get.
    public func broadcast(_ message: String, greeting newGreeting: String? = nil) {
        if let newGreeting { greeting = newGreeting }
        for continuation in clients.values { continuation.yield(message) }
    }
}
