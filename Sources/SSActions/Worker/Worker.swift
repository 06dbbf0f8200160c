import Foundation

/// The worker side of the protocol, independent of how lines travel (a process's pipes, or
/// an in-memory pair in tests). Calls run concurrently; session changes and publishes are
/// sent to the host as `op`s and awaited.
public final class Worker: Sendable {
    private let registry: ActionRegistry
    private let send: @Sendable (String) -> Void
    private let state = SDKLocked(WorkerState())

    struct WorkerState {
        var nextOp = 0
        var waiting: [Int: CheckedContinuation<JSONValue, any Error>] = [:]
        var disconnectHandlers: [Int: [@Sendable () async -> Void]] = [:]
    }

    public init(registry: ActionRegistry, send: @escaping @Sendable (String) -> Void) {
        self.registry = registry
        self.send = send
    }

    /// Says hello, then handles lines until the stream ends.
    public func serve(_ lines: AsyncStream<String>) async {
        sayHello()
        for await line in lines { handle(line) }
        inputEnded()
    }

    /// Sends the `hello` line: the protocol version and the actions this worker serves.
    public func sayHello() {
        var methods: [String: JSONValue] = [:]
        for m in registry.methods {
            methods[m] = ["auth": .bool(registry.lookup(m)?.requiresAuthentication ?? false)]
        }
        send(
            WorkerProtocol.line([
                "t": "hello", "version": .number(Double(WorkerProtocol.version)), "api": registry.apiTree,
                "methods": .object(methods), "pid": .number(Double(ProcessInfo.processInfo.processIdentifier)),
            ]))
    }

    /// Handles one line from the host, on the caller's thread without waiting: a call starts
    /// its own task, a reply resumes the call waiting for it, and a connection's disconnect
    /// handlers run in a task, in the order they were added. (The pipe's reader thread
    /// calls this directly: no hop through a stream and a reader task per line.)
    public func handle(_ line: String) {
        guard let message = try? JSONParser.parse(line), let type = message["t"]?.stringValue else { return }
        switch type {
        case "call": Task { await self.run(message) }
        case "reply": resume(message)
        case "disconnect":
            let conn = Int(message["conn"]?.doubleValue ?? -1)
            let handlers = state.with { $0.disconnectHandlers.removeValue(forKey: conn) } ?? []
            if !handlers.isEmpty { Task { for h in handlers { await h() } } }
        default: break
        }
    }

    /// The host went away: operations still waiting fail with `unavailable`.
    public func inputEnded() {
        let waiting = state.with { s -> [CheckedContinuation<JSONValue, any Error>] in
            let w = Array(s.waiting.values)
            s.waiting = [:]
            return w
        }
        for w in waiting { w.resume(throwing: ActionError(.unavailable, "the runtime went away")) }
    }

    private func resume(_ message: JSONValue) {
        let n = Int(message["n"]?.doubleValue ?? -1)
        guard let waiter = state.with({ $0.waiting.removeValue(forKey: n) }) else { return }
        if let error = message["error"] {
            waiter.resume(throwing: WorkerProtocol.actionError(error))
        } else {
            waiter.resume(returning: message["result"] ?? .null)
        }
    }

    /// Sends an `op` for call `call` and waits for the host's reply.
    func op(_ call: Int, _ name: String, _ fields: [String: JSONValue]) async throws -> JSONValue {
        try await withCheckedThrowingContinuation { continuation in
            let n = state.with { s -> Int in
                s.nextOp += 1
                s.waiting[s.nextOp] = continuation
                return s.nextOp
            }
            var message = fields
            message["t"] = "op"
            message["n"] = .number(Double(n))
            message["call"] = .number(Double(call))
            message["op"] = .string(name)
            send(WorkerProtocol.line(message))
        }
    }

    func onDisconnect(conn: Int, _ handler: @escaping @Sendable () async -> Void) {
        state.with { $0.disconnectHandlers[conn, default: []].append(handler) }
    }

    private func run(_ message: JSONValue) async {
        let n = Int(message["n"]?.doubleValue ?? -1)
        let method = message["method"]?.stringValue ?? ""
        let reply: [String: JSONValue]
        if let action = registry.lookup(method) {
            let s = message["session"]
            let session = ActionSession(
                id: s?["id"]?.stringValue ?? "", userId: s?["user"]?.stringValue,
                attributes: s?["attributes"]?.objectValue ?? [:],
                channels: s?["channels"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                backend: WorkerSessionBackend(worker: self, call: n, conn: Int(message["conn"]?.doubleValue ?? 0)))
            let publisher = Publisher { [self] m in
                _ = try await op(
                    n, "publish",
                    [
                        "target": WorkerProtocol.encode(m.target), "event": .string(m.event),
                        "payload": try m.payload.value(),
                    ])
            }
            let context = ActionContext(
                method: method, session: session, publish: publisher, ip: message["ip"]?.stringValue,
                origin: message["origin"]?.stringValue,
                transport: ActionTransport(rawValue: message["transport"]?.stringValue ?? "") ?? .webSocket,
                logger: ActionLogger(level: .debug) { [self] level, text in
                    send(
                        WorkerProtocol.line([
                            "t": "log", "level": .number(Double(level.rawValue)), "message": .string(text),
                        ]))
                },
                shared: SharedCode { [self] path, arguments in
                    try await op(n, "shared", ["path": .string(path), "args": .array(arguments)])
                })
            let args = ActionArguments(message["args"]?.arrayValue ?? [], lenient: message["lenient"] == .bool(true))
            do {
                let raw = try await action.handler(args, context)
                if let line = WorkerProtocol.resultLine(n: n, raw: raw) {
                    send(line)
                    return
                }
                reply = ["t": "result", "n": .number(Double(n)), "result": try raw.value()]
            } catch let e as ActionError {
                reply = [
                    "t": "result", "n": .number(Double(n)), "error": WorkerProtocol.errorObject(e.code, e.message),
                ]
            } catch {
                reply = [
                    "t": "result", "n": .number(Double(n)),
                    "error": WorkerProtocol.errorObject(
                        .internal, "internal error in '\(method)'", detail: String(describing: error)),
                ]
            }
        } else {
            reply = [
                "t": "result", "n": .number(Double(n)),
                "error": WorkerProtocol.errorObject(.notFound, "no action '\(method)'"),
            ]
        }
        send(WorkerProtocol.line(reply))
    }
}

/// Session operations of a call running in a worker: each becomes an `op` to the host.
struct WorkerSessionBackend: SessionBackend {
    let worker: Worker
    let call: Int
    let conn: Int

    func setUserId(_ userId: String?, sessionId: String) async throws {
        _ = try await worker.op(call, "setUser", ["user": userId.map(JSONValue.string) ?? .null])
    }

    func setAttribute(_ key: String, _ value: JSONValue?, sessionId: String) async throws {
        _ = try await worker.op(
            call, "setAttr", ["key": .string(key), "value": value ?? .null, "remove": .bool(value == nil)])
    }

    func subscribe(_ channels: [String], sessionId: String) async throws {
        _ = try await worker.op(call, "sub", ["channels": .array(channels.map(JSONValue.string))])
    }

    func unsubscribe(_ channels: [String], sessionId: String) async throws {
        _ = try await worker.op(call, "unsub", ["channels": .array(channels.map(JSONValue.string))])
    }

    func authenticate(using name: String?, params: JSONValue, sessionId: String) async throws -> AuthenticationResult {
        // The authenticator is app code, so it runs here; only the login goes to the host.
        guard let authenticator = worker.registryAuthenticator(name) else {
            throw ActionError(.notFound, "no authenticator named '\(name ?? "default")'")
        }
        let result = try await authenticator.authenticate(params)
        if result.success, let uid = result.userId { try await setUserId(uid, sessionId: sessionId) }
        return result
    }

    func onDisconnect(sessionId: String, _ handler: @escaping @Sendable () async -> Void) {
        worker.onDisconnect(conn: conn, handler)
    }
}

extension Worker {
    func registryAuthenticator(_ name: String?) -> (any Authenticator)? { registry.authenticator(named: name) }
}
