import Foundation

/// How a call arrived.
public enum ActionTransport: String, Sendable, Codable {
    case webSocket = "ws"
    case http
    case test
}

/// Everything an action may use besides its parameters.
///
///     actions.on("join") { (room: String, context) in
///         try await context.channels.subscribe(room)
///         try await context.publish.channel(room, "joined", ["user": context.userId])
///     }
public struct ActionContext: Sendable {
    /// The called method, `ns.name`.
    public let method: String
    public let session: ActionSession
    public let publish: Publisher
    /// The peer address, when the host knows it.
    public let ip: String?
    /// The `Origin` header of the WebSocket upgrade or HTTP request.
    public let origin: String?
    public let transport: ActionTransport
    public let logger: ActionLogger

    public init(
        method: String, session: ActionSession, publish: Publisher, ip: String? = nil, origin: String? = nil,
        transport: ActionTransport, logger: ActionLogger = .silent
    ) {
        self.method = method
        self.session = session
        self.publish = publish
        self.ip = ip
        self.origin = origin
        self.transport = transport
        self.logger = logger
    }

    /// The logged-in user of the session, if any.
    public var userId: String? { session.userId }

    /// The session's channel memberships.
    public var channels: ActionSession.SessionChannels { session.channels }
}
