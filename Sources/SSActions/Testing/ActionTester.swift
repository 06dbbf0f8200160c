import Foundation

/// Calls actions in-process, without sockets or a server, and records what they publish and
/// what they do to the session. For app authors' tests (and the base of `SSTesting`).
///
///     let tester = try ActionTester(App.self, path: "app/server/app.swift")
///     #expect(try await tester.call("app.square", 25, as: Double.self) == 625)
///     try await tester.call("app.announce", "hi")
///     #expect(tester.events(named: "flash") == [["text": "hi"]])
public final class ActionTester: Sendable {
    public let registry: ActionRegistry
    private let state = SDKLocked(TesterState())

    struct TesterState {
        var userId: String?
        var attributes: [String: JSONValue] = [:]
        var channels: [String] = []
        var published: [PublishMessage] = []
        var disconnectHandlers: [@Sendable () async -> Void] = []
    }

    /// What `context.shared` calls in the actions under test (nil: it throws `unavailable`).
    public let sharedCode: SharedCode.Handler?

    /// - Parameter sharedCode: answers `context.shared.call(path, args)`; pass a stub, or
    ///   a real engine's handler to run the app's `app/shared` code.
    public init(_ registry: ActionRegistry, sharedCode: SharedCode.Handler? = nil) {
        self.registry = registry
        self.sharedCode = sharedCode
    }

    /// A tester for one namespace type, registered for the server file at `path`.
    ///
    ///     let tester = try ActionTester(App.self, path: "app/server/app.swift") { path, args in
    ///         path == "calculate.circumference" ? .number(2 * .pi * (args[0].doubleValue ?? 0)) : .null
    ///     }
    public convenience init<N: ActionNamespace>(
        _ type: N.Type, path: String, sharedCode: SharedCode.Handler? = nil
    ) throws {
        var registry = ActionRegistry()
        try registry.register(type, path: path)
        self.init(registry, sharedCode: sharedCode)
    }

    /// Calls `method` with positional arguments and decodes the result. Errors are thrown as
    /// `ActionError` with the code a browser would get (`not_found`, `unauthenticated`, ...).
    @discardableResult
    public func call<R: Decodable>(_ method: String, _ arguments: JSONValue..., as type: R.Type = JSONValue.self)
        async throws -> R
    {
        let raw = try await callRaw(method, arguments)
        return try JSONValueDecoder().decode(R.self, from: raw)
    }

    /// Calls `method` and returns the result as a JSON value.
    public func callRaw(_ method: String, _ arguments: [JSONValue]) async throws -> JSONValue {
        guard let action = registry.lookup(method) else { throw ActionError(.notFound, "no action '\(method)'") }
        if action.requiresAuthentication, userId == nil {
            throw ActionError(.unauthenticated, "'\(action.namespace)' requires a logged-in user")
        }
        let snapshot = state.with { $0 }
        let session = ActionSession(
            id: "test-session", userId: snapshot.userId, attributes: snapshot.attributes, channels: snapshot.channels,
            backend: TesterBackend(tester: self))
        let publisher = Publisher { [self] message in state.with { $0.published.append(message) } }
        let context = ActionContext(
            method: method, session: session, publish: publisher, ip: "127.0.0.1", origin: nil, transport: .test,
            shared: SharedCode(sharedCode))
        return try await action.handler(ActionArguments(arguments), context).value()
    }

    /// Everything published so far, in order.
    public var published: [PublishMessage] { state.with { $0.published } }

    /// The payloads of the events named `name`.
    public func events(named name: String) -> [JSONValue] {
        published.filter { $0.event == name }.compactMap { try? $0.payload.value() }
    }

    public var userId: String? { state.with { $0.userId } }
    public var channels: [String] { state.with { $0.channels } }
    public var attributes: [String: JSONValue] { state.with { $0.attributes } }

    /// Logs the test session in (as if an action had called `setUserId`).
    public func login(_ userId: String) { state.with { $0.userId = userId } }

    /// Simulates the browser closing: runs the `onDisconnect` handlers registered so far.
    public func disconnect() async {
        let handlers = state.with { s -> [@Sendable () async -> Void] in
            defer { s.disconnectHandlers = [] }
            return s.disconnectHandlers
        }
        for h in handlers { await h() }
    }

    fileprivate func update(_ body: (inout TesterState) -> Void) { state.with(body) }
}

private struct TesterBackend: SessionBackend {
    let tester: ActionTester

    func setUserId(_ userId: String?, sessionId: String) async throws {
        tester.update {
            $0.userId = userId
            if userId == nil { $0.channels = [] }
        }
    }

    func setAttribute(_ key: String, _ value: JSONValue?, sessionId: String) async throws {
        tester.update { $0.attributes[key] = value }
    }

    func subscribe(_ channels: [String], sessionId: String) async throws {
        tester.update { s in for c in channels where !s.channels.contains(c) { s.channels.append(c) } }
    }

    func unsubscribe(_ channels: [String], sessionId: String) async throws {
        tester.update { s in s.channels.removeAll { channels.contains($0) } }
    }

    func authenticate(using name: String?, params: JSONValue, sessionId: String) async throws -> AuthenticationResult {
        guard let authenticator = tester.registry.authenticator(named: name) else {
            throw ActionError(.notFound, "no authenticator named '\(name ?? "default")'")
        }
        let result = try await authenticator.authenticate(params)
        if result.success, let uid = result.userId { try await setUserId(uid, sessionId: sessionId) }
        return result
    }

    func onDisconnect(sessionId: String, _ handler: @escaping @Sendable () async -> Void) {
        tester.update { $0.disconnectHandlers.append(handler) }
    }
}
