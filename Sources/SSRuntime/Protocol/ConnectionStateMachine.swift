import SSActions

/// The protocol logic of one WebSocket connection as a pure value type: frames and clock
/// ticks go in, actions come out. The connection shell performs the actions (write a frame,
/// run a call, close). Tested without sockets and with an injected clock.
///
///     var machine = ConnectionStateMachine(configuration: .init(), now: .zero)
///     machine.receive(text: #"{"type":"ping"}"#, now: .seconds(1))   // [.send(.pong)]
struct ConnectionStateMachine: Sendable {
    struct Configuration: Equatable, Sendable {
        /// Largest accepted message in bytes; bigger closes with 1009.
        var maxMessageSize = 1 << 20
        /// Calls allowed at once; refill per second. `nil` disables the limiter.
        var rateLimit: RateLimit? = RateLimit(burst: 200, perSecond: 100)
        /// Calls running at once per connection.
        var maxInFlight = 64
        /// Silence after which the peer counts as dead.
        var heartbeatTimeout: Duration = .seconds(60)
    }

    struct RateLimit: Equatable, Sendable {
        var burst: Int
        var perSecond: Double
    }

    enum Action: Equatable, Sendable {
        case send(ServerFrame)
        /// Run this call; report back with `callFinished(key:)`.
        case dispatch(CallRequest)
        /// The peer is alive and spoke (a heartbeat for presence).
        case heartbeat
        case close(code: UInt16, reason: String)
    }

    enum State: Equatable, Sendable {
        case open
        case closed
    }

    /// WebSocket close codes used by the runtime.
    enum CloseCode {
        static let normal: UInt16 = 1000
        static let unsupportedData: UInt16 = 1003
        static let policyViolation: UInt16 = 1008
        static let messageTooBig: UInt16 = 1009
        /// The server restarts or shuts down; reconnect (graceful shutdown).
        static let serviceRestart: UInt16 = 1012
        static let heartbeatTimeout: UInt16 = 4000
        static let slowConsumer: UInt16 = 4001
    }

    let configuration: Configuration
    private(set) var state: State = .open
    private(set) var lastHeard: Duration
    private(set) var inFlight: Set<String> = []
    private var bucket: TokenBucket?

    init(configuration: Configuration, now: Duration) {
        self.configuration = configuration
        self.lastHeard = now
        self.bucket = configuration.rateLimit.map { TokenBucket(capacity: $0.burst, ratePerSecond: $0.perSecond) }
    }

    /// A text frame arrived.
    mutating func receive(text: String, now: Duration) -> [Action] {
        guard state == .open else { return [] }
        lastHeard = now
        if text.utf8.count > configuration.maxMessageSize {
            return close(CloseCode.messageTooBig, "message exceeds \(configuration.maxMessageSize) bytes")
        }
        let message: ClientMessage
        do {
            message = try ClientMessage.decode(text)
        } catch {
            if let id = error.callId {
                return [.heartbeat, .send(.failure(id: id, error: WireError(.badMessage, error.message)))]
            }
            return [.heartbeat, .send(.error(WireError(.badMessage, error.message)))]
        }
        switch message {
        case .ping:
            return [.heartbeat, .send(.pong)]
        case .call(let call):
            guard let admitted = admit(call, now: now) else { return [.heartbeat] }
            return [.heartbeat, admitted]
        }
    }

    /// A binary frame arrived; the protocol is text only.
    mutating func receive(binaryCount: Int, now: Duration) -> [Action] {
        guard state == .open else { return [] }
        lastHeard = now
        if binaryCount > configuration.maxMessageSize {
            return close(CloseCode.messageTooBig, "message exceeds \(configuration.maxMessageSize) bytes")
        }
        return [.send(.error(WireError(.badMessage, "binary frames are not supported")))]
    }

    /// What to do with a call: run it, refuse it, or nothing (nil).
    private mutating func admit(_ call: CallRequest, now: Duration) -> Action? {
        let key = call.key
        // A duplicate of a call still running on this connection: its reply is on the way.
        if inFlight.contains(key) { return nil }
        if inFlight.count >= configuration.maxInFlight {
            return .send(.failure(id: call.id, error: WireError(.rateLimited, "too many calls in flight")))
        }
        if var b = bucket {
            let ok = b.take(now: now)
            bucket = b
            if !ok {
                let error = WireError(.rateLimited, "too many calls; slow down", retryAfter: b.waitForToken(now: now))
                return .send(.failure(id: call.id, error: error))
            }
        }
        inFlight.insert(key)
        return .dispatch(call)
    }

    /// A dispatched call finished (its reply was sent or queued).
    mutating func callFinished(key: String) {
        inFlight.remove(key)
    }

    /// Periodic check: a silent peer is closed.
    mutating func tick(now: Duration) -> [Action] {
        guard state == .open else { return [] }
        if now - lastHeard > configuration.heartbeatTimeout {
            return close(CloseCode.heartbeatTimeout, "heartbeat timeout")
        }
        return []
    }

    /// The send queue overflowed. On a connection that is already closing, frames are just
    /// dropped (a push after a shutdown's close is no overflow).
    mutating func sendQueueOverflowed() -> [Action] {
        guard state == .open else { return [] }
        return close(CloseCode.slowConsumer, "send queue overflow")
    }

    /// The transport closed.
    mutating func closed() {
        state = .closed
        inFlight.removeAll()
    }

    private mutating func close(_ code: UInt16, _ reason: String) -> [Action] {
        state = .closed
        return [.close(code: code, reason: reason)]
    }
}
