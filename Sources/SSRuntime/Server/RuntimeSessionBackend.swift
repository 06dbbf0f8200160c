import SSActions

/// Session operations of actions called over a WebSocket: each change goes to the store and
/// to the routing tables, for every connection of the session.
struct ConnectionSessionBackend: SessionBackend {
    let runtime: Runtime
    let connection: Connection?

    func setUserId(_ userId: String?, sessionId: String) async throws {
        try await runtime.stores.sessions.setUserId(userId, for: sessionId)
        let old = runtime.hub.setUser(userId, session: sessionId)
        if let userId {
            // A publish.user right after the login must reach this session on any instance.
            await runtime.interestSettled()
            try await runtime.stores.presence.heartbeat(userId: userId)
            runtime.logger.debug("session \(sessionId.prefix(6)) logged in as \(userId)")
        } else if let old {
            try await runtime.stores.presence.remove(userId: old)
            runtime.logger.debug("session \(sessionId.prefix(6)) logged out (\(old))")
        }
        await runtime.announceSessionChange(sessionId)
    }

    func setAttribute(_ key: String, _ value: JSONValue?, sessionId: String) async throws {
        try await runtime.stores.sessions.setAttribute(key, value, for: sessionId)
        runtime.hub.setAttribute(key, value, session: sessionId)
        await runtime.announceSessionChange(sessionId)
    }

    func subscribe(_ channels: [String], sessionId: String) async throws {
        try await runtime.stores.sessions.addChannels(channels, for: sessionId)
        runtime.hub.addChannels(channels, session: sessionId)
        await runtime.interestSettled()
        await runtime.announceSessionChange(sessionId)
    }

    func unsubscribe(_ channels: [String], sessionId: String) async throws {
        try await runtime.stores.sessions.removeChannels(channels, for: sessionId)
        runtime.hub.removeChannels(channels, session: sessionId)
        await runtime.announceSessionChange(sessionId)
    }

    func authenticate(using name: String?, params: JSONValue, sessionId: String) async throws -> AuthenticationResult {
        guard let authenticator = runtime.actions.authenticator(named: name) else {
            throw ActionError(.notFound, "no authenticator named '\(name ?? "default")'")
        }
        let result = try await authenticator.authenticate(params)
        if result.success, let uid = result.userId {
            try await setUserId(uid, sessionId: sessionId)
        }
        return result
    }

    func onDisconnect(sessionId: String, _ handler: @escaping @Sendable () async -> Void) {
        connection?.onDisconnect(handler)
    }
}

/// Session operations of HTTP API calls: a fresh session per request that is never stored.
final class TransientSessionBackend: SessionBackend {
    let runtime: Runtime
    let handlers = Locked([@Sendable () async -> Void]())

    init(runtime: Runtime) { self.runtime = runtime }

    func setUserId(_ userId: String?, sessionId: String) async throws {}
    func setAttribute(_ key: String, _ value: JSONValue?, sessionId: String) async throws {}
    func subscribe(_ channels: [String], sessionId: String) async throws {}
    func unsubscribe(_ channels: [String], sessionId: String) async throws {}

    func authenticate(using name: String?, params: JSONValue, sessionId: String) async throws -> AuthenticationResult {
        guard let authenticator = runtime.actions.authenticator(named: name) else {
            throw ActionError(.notFound, "no authenticator named '\(name ?? "default")'")
        }
        return try await authenticator.authenticate(params)
    }

    func onDisconnect(sessionId: String, _ handler: @escaping @Sendable () async -> Void) {
        handlers.withLock { $0.append(handler) }
    }

    func runHandlers() async {
        for h in handlers.withLock({ $0 }) { await h() }
    }
}
