import Foundation

/// What a session handle needs from its host (the runtime in-process, or the runtime over
/// the worker socket). Every change goes to the session store, so it survives reconnects.
public protocol SessionBackend: Sendable {
    func setUserId(_ userId: String?, sessionId: String) async throws
    func setAttribute(_ key: String, _ value: JSONValue?, sessionId: String) async throws
    func subscribe(_ channels: [String], sessionId: String) async throws
    func unsubscribe(_ channels: [String], sessionId: String) async throws
    func authenticate(using name: String?, params: JSONValue, sessionId: String) async throws -> AuthenticationResult
    /// Runs `handler` when the connection that made this call closes.
    func onDisconnect(sessionId: String, _ handler: @escaping @Sendable () async -> Void)
}

/// The caller's session as seen by an action: id, user, attributes and channels.
/// Reads are a snapshot taken at call start plus this call's own changes.
///
///     let result = try await context.session.authenticate(params: ["username": u, "password": p])
///     try await context.session.channels.subscribe("kids")
///     try await context.session.logout()
public final class ActionSession: Sendable {
    public let id: String
    private let backend: any SessionBackend
    private let state: LockedState

    private final class LockedState: @unchecked Sendable {
        let lock = NSLock()
        var userId: String?
        var attributes: [String: JSONValue]
        var channels: [String]
        init(userId: String?, attributes: [String: JSONValue], channels: [String]) {
            self.userId = userId
            self.attributes = attributes
            self.channels = channels
        }
        func with<T>(_ body: (LockedState) -> T) -> T {
            lock.lock()
            defer { lock.unlock() }
            return body(self)
        }
    }

    public init(
        id: String, userId: String?, attributes: [String: JSONValue] = [:], channels: [String] = [],
        backend: any SessionBackend
    ) {
        self.id = id
        self.backend = backend
        self.state = LockedState(userId: userId, attributes: attributes, channels: channels)
    }

    /// The logged-in user, if any.
    public var userId: String? { state.with { $0.userId } }
    public var isLoggedIn: Bool { userId != nil }
    public var attributes: [String: JSONValue] { state.with { $0.attributes } }

    public subscript(attribute key: String) -> JSONValue? { state.with { $0.attributes[key] } }

    /// Stores an attribute in the session (nil removes it).
    public func set(_ key: String, _ value: JSONValue?) async throws {
        try await backend.setAttribute(key, value, sessionId: id)
        state.with { $0.attributes[key] = value }
    }

    /// Logs the session in as `userId`: saved in the store, joins the user's pub/sub route
    /// and marks the user online.
    public func setUserId(_ userId: String) async throws {
        guard !userId.isEmpty else { throw ActionError(.badParams, "user id must not be empty") }
        try await backend.setUserId(userId, sessionId: id)
        state.with { $0.userId = userId }
    }

    /// Really logs out: clears the user in the store (a reload stays logged out), leaves the
    /// user's channels and the user's pub/sub route.
    public func logout() async throws {
        try await backend.setUserId(nil, sessionId: id)
        state.with {
            $0.userId = nil
            $0.channels = []
        }
    }

    /// Asks an authenticator (by name; nil means the app's default) and, on success, logs
    /// the session in as the returned user id.
    @discardableResult
    public func authenticate(using name: String? = nil, params: JSONValue) async throws -> AuthenticationResult {
        let result = try await backend.authenticate(using: name, params: params, sessionId: id)
        if result.success, let uid = result.userId {
            state.with { $0.userId = uid }
        }
        return result
    }

    /// Runs `handler` once when this connection closes.
    public func onDisconnect(_ handler: @escaping @Sendable () async -> Void) {
        backend.onDisconnect(sessionId: id, handler)
    }

    /// The session's channel memberships; stored with the session and re-joined on reconnect.
    public var channels: SessionChannels { SessionChannels(session: self) }

    /// Channel membership operations of a session.
    public struct SessionChannels: Sendable {
        let session: ActionSession

        public func subscribe(_ names: String...) async throws { try await subscribe(names) }

        public func subscribe(_ names: [String]) async throws {
            try SessionChannels.validate(names)
            try await session.backend.subscribe(names, sessionId: session.id)
            session.state.with { s in
                for n in names where !s.channels.contains(n) { s.channels.append(n) }
            }
        }

        public func unsubscribe(_ names: String...) async throws { try await unsubscribe(names) }

        public func unsubscribe(_ names: [String]) async throws {
            try await session.backend.unsubscribe(names, sessionId: session.id)
            session.state.with { s in s.channels.removeAll { names.contains($0) } }
        }

        /// The channels this session is in.
        public func list() -> [String] { session.state.with { $0.channels } }

        static func validate(_ names: [String]) throws {
            for n in names where n.isEmpty || n.count > 200 {
                throw ActionError(.badParams, "channel names must be 1-200 characters")
            }
        }
    }
}
