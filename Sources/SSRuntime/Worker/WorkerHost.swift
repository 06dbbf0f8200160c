import Foundation
import SSActions

/// The runtime's side of one action worker: sends calls, correlates results, and performs
/// the worker's session and publish `op`s with the same backends in-process actions use.
/// Transport-agnostic: `send` writes one line; the owner feeds received lines to `receive`.
public final class WorkerHost: Sendable {
    struct State {
        var hello: JSONValue?
        var helloWaiters: [CheckedContinuation<Void, Never>] = []
        var nextCall = 0
        var calls:
            [Int: (
                continuation: CheckedContinuation<Result<RawJSON, WireError>, Never>, backend: any SessionBackend,
                session: String
            )] = [:]
        var closed = false
    }

    private let send: @Sendable (String) -> Void
    private let state = Locked(State())
    private let logSink: @Sendable (ActionLogLevel, String) -> Void

    public init(
        logSink: @escaping @Sendable (ActionLogLevel, String) -> Void = { _, _ in },
        send: @escaping @Sendable (String) -> Void
    ) {
        self.send = send
        self.logSink = logSink
    }

    /// Waits for the worker's `hello`.
    public func ready() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let now = state.withLock { s -> Bool in
                if s.hello != nil || s.closed { return true }
                s.helloWaiters.append(c)
                return false
            }
            if now { c.resume() }
        }
    }

    /// The worker's API tree (from `hello`).
    public var apiTree: JSONValue { state.withLock { $0.hello?["api"] } ?? .object([:]) }

    func knows(_ method: String) -> Bool { state.withLock { $0.hello?["methods"]?[method] != nil } }

    func requiresAuthentication(_ method: String) -> Bool {
        state.withLock { $0.hello?["methods"]?[method]?["auth"] == .bool(true) }
    }

    /// Number of calls waiting for a result.
    public var inFlight: Int { state.withLock { $0.calls.count } }

    /// One line from the worker.
    public func receive(_ line: String) {
        if let (n, result) = WorkerProtocol.parseResultLine(line) {
            // The common case, a call's result: no parse and re-encode of the whole line.
            guard let entry = state.withLock({ $0.calls.removeValue(forKey: n) }) else { return }
            entry.continuation.resume(returning: .success(RawJSON(unchecked: result)))
            return
        }
        guard let m = try? JSONParser.parse(line), let type = m["t"]?.stringValue else { return }
        switch type {
        case "hello":
            let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
                s.hello = m
                defer { s.helloWaiters = [] }
                return s.helloWaiters
            }
            for w in waiters { w.resume() }
        case "result":
            let n = Int(m["n"]?.doubleValue ?? -1)
            guard let entry = state.withLock({ $0.calls.removeValue(forKey: n) }) else { return }
            if let e = m["error"] {
                let error = WorkerProtocol.actionError(e)
                entry.continuation.resume(
                    returning: .failure(WireError(error.code, error.message, detail: e["detail"]?.stringValue)))
            } else {
                entry.continuation.resume(returning: .success(RawJSON(unchecked: (m["result"] ?? .null).jsonText)))
            }
        case "op":
            Task { await self.perform(op: m) }
        case "log":
            let level = ActionLogLevel(rawValue: Int(m["level"]?.doubleValue ?? 2)) ?? .info
            logSink(level, "[worker] " + (m["message"]?.stringValue ?? ""))
        default:
            break
        }
    }

    /// The worker went away: every waiting call fails with `unavailable`.
    public func closed() {
        let (calls, waiters) = state.withLock { s in
            s.closed = true
            defer {
                s.calls = [:]
                s.helloWaiters = []
            }
            return (Array(s.calls.values), s.helloWaiters)
        }
        for c in calls {
            c.continuation.resume(returning: .failure(WireError(.unavailable, "the action worker stopped")))
        }
        for w in waiters { w.resume() }
    }

    /// Runs a call in the worker.
    func call(
        method: String, arguments: ActionArguments, session: ActionSession, snapshot: ConnectionHub.Snapshot,
        backend: any SessionBackend, connection: UInt64, ip: String?, origin: String?, transport: ActionTransport
    ) async -> Result<RawJSON, WireError> {
        await withCheckedContinuation { continuation in
            let n = state.withLock { s -> Int? in
                guard !s.closed else { return nil }
                s.nextCall += 1
                s.calls[s.nextCall] = (continuation, backend, session.id)
                return s.nextCall
            }
            guard let n else {
                continuation.resume(returning: .failure(WireError(.unavailable, "the action worker stopped")))
                return
            }
            send(
                WorkerProtocol.callLine(
                    n: n, method: method, args: arguments.values, lenient: arguments.lenient, sessionId: session.id,
                    userId: snapshot.userId, attributes: snapshot.attributes, channels: snapshot.channels,
                    connection: connection, ip: ip, origin: origin, transport: transport.rawValue))
        }
    }

    /// Tells the worker a connection closed (its `onDisconnect` handlers run there).
    func disconnected(connection: UInt64) {
        send(WorkerProtocol.line(["t": "disconnect", "conn": .number(Double(connection))]))
    }

    private func perform(op m: JSONValue) async {
        let n = m["n"] ?? .null
        let call = Int(m["call"]?.doubleValue ?? -1)
        guard let (backend, session) = state.withLock({ s in s.calls[call].map { ($0.backend, $0.session) } }) else {
            send(
                WorkerProtocol.line([
                    "t": "reply", "n": n, "error": ["code": "bad_message", "message": "no such call"],
                ]))
            return
        }
        let strings = { (key: String) -> [String] in m[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        var result: JSONValue = .bool(true)
        do {
            switch m["op"]?.stringValue {
            case "shared":
                guard let sharedCode else {
                    throw ActionError(.unavailable, "shared code is not available: this server runs no app/shared code")
                }
                result = try await sharedCode(m["path"]?.stringValue ?? "", m["args"]?.arrayValue ?? [])
            case "setUser": try await backend.setUserId(m["user"]?.stringValue, sessionId: session)
            case "setAttr":
                let remove = m["remove"] == .bool(true)
                try await backend.setAttribute(
                    m["key"]?.stringValue ?? "", remove ? nil : m["value"], sessionId: session)
            case "sub": try await backend.subscribe(strings("channels"), sessionId: session)
            case "unsub": try await backend.unsubscribe(strings("channels"), sessionId: session)
            case "publish":
                guard let target = WorkerProtocol.decodeTarget(m["target"]) else {
                    throw ActionError(.badParams, "bad publish target")
                }
                try await publisher?(
                    PublishMessage(
                        target: target, event: m["event"]?.stringValue ?? "",
                        payload: RawJSON(encoding: m["payload"] ?? .null)))
            default:
                throw ActionError(.badMessage, "unknown op")
            }
            send(WorkerProtocol.line(["t": "reply", "n": n, "result": result]))
        } catch {
            let e = (error as? ActionError) ?? ActionError(.internal, String(describing: error))
            send(
                WorkerProtocol.line([
                    "t": "reply", "n": n, "error": ["code": .string(e.code.rawValue), "message": .string(e.message)],
                ]))
        }
    }

    /// Answers the worker's `shared` op (`context.shared.call(path, args)` in an action):
    /// runs `SS.shared.<path>` and returns its JSON result. Throw `ActionError` to choose
    /// the code the action sees; nil answers `unavailable`.
    ///
    ///     host.sharedCode = sharedCodeEngine.actionHandler   // SSBuild's SharedCodeEngine
    public var sharedCode: (@Sendable (String, [JSONValue]) async throws -> JSONValue)? {
        get { sharedCodeBox.withLock { $0 } }
        set { sharedCodeBox.withLock { $0 = newValue } }
    }
    private let sharedCodeBox = Locked<(@Sendable (String, [JSONValue]) async throws -> JSONValue)?>(nil)

    /// Set by the runtime that uses this worker.
    var publisher: (@Sendable (PublishMessage) async throws -> Void)? {
        get { publisherBox.withLock { $0 } }
        set { publisherBox.withLock { $0 = newValue } }
    }
    private let publisherBox = Locked<(@Sendable (PublishMessage) async throws -> Void)?>(nil)
}
