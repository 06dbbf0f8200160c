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
    /// The app's `app/shared` code, run on the server: `context.shared.call("calculate.circumference", 20)`.
    public let shared: SharedCode

    public init(
        method: String, session: ActionSession, publish: Publisher, ip: String? = nil, origin: String? = nil,
        transport: ActionTransport, logger: ActionLogger = .silent, shared: SharedCode = .unavailable
    ) {
        self.method = method
        self.session = session
        self.publish = publish
        self.ip = ip
        self.origin = origin
        self.transport = transport
        self.logger = logger
        self.shared = shared
    }

    /// The logged-in user of the session, if any.
    public var userId: String? { session.userId }

    /// The session's channel memberships.
    public var channels: ActionSession.SessionChannels { session.channels }
}

/// `SS.shared` from Swift: calls a function of the app's `app/shared` code, run by the host
/// in JavaScriptCore with the same API tree the browser has, so an action and a browser get
/// the same answer from the same function. Arguments and results cross as JSON.
///
///     actions.on("quote") { (radius: Double, context) in
///         let c = try await context.shared.call("calculate.circumference", .number(radius), as: Double.self)
///         return "A circle of radius \(radius) is \(c) around"
///     }
///
/// Errors arrive as `ActionError`: `not_found` (no such shared function), `timeout` (it ran
/// past the engine's time limit), `internal` (it threw; the message has its app file and
/// line), `unavailable` (the host runs no shared code, or it failed to load).
public struct SharedCode: Sendable {
    /// Runs `SS.shared.<path>` with JSON arguments and returns its JSON result.
    public typealias Handler = @Sendable (_ path: String, _ arguments: [JSONValue]) async throws -> JSONValue

    private let handler: Handler?

    /// Shared code answered by `handler` (a worker's host, or a test double).
    public init(_ handler: Handler?) {
        self.handler = handler
    }

    /// No shared code: every call throws `unavailable`.
    public static let unavailable = SharedCode(nil)

    /// Calls `SS.shared.<path>` (`"calculate.circumference"`; an `SS.shared.` prefix is allowed).
    ///
    ///     let c = try await context.shared.call("calculate.circumference", 20)   // .number(125.66…)
    @discardableResult
    public func call(_ path: String, _ arguments: JSONValue...) async throws -> JSONValue {
        try await call(path, arguments: arguments)
    }

    /// Like `call(_:_:)`, with the arguments as an array.
    @discardableResult
    public func call(_ path: String, arguments: [JSONValue]) async throws -> JSONValue {
        guard let handler else {
            throw ActionError(.unavailable, "shared code is not available here: the host runs no app/shared code")
        }
        let name = path.hasPrefix("SS.shared.") ? String(path.dropFirst("SS.shared.".count)) : path
        return try await handler(name, arguments)
    }

    /// Calls `SS.shared.<path>` and decodes the result.
    ///
    ///     let c = try await context.shared.call("calculate.circumference", 20, as: Double.self)
    public func call<R: Decodable>(_ path: String, _ arguments: JSONValue..., as type: R.Type) async throws -> R {
        let result = try await call(path, arguments: arguments)
        do {
            return try JSONValueDecoder().decode(R.self, from: result)
        } catch {
            throw ActionError(.internal, "SS.shared.\(path) returned \(result.jsonText.prefix(80)), "
                + "which does not decode as \(R.self)")
        }
    }
}
