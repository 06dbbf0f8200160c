import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import NIOCore
import NIOWebSocket
import SSActions

extension Runtime {
    func registerWebSocket<Context: RequestContext & WebSocketRequestContext>(on router: Router<Context>) {
        router.ws(
            RouterPath(configuration.webSocketPath),
            shouldUpgrade: { [self] request, _ in try await self.shouldUpgrade(request) },
            onUpgrade: { [self] inbound, outbound, context in
                try await self.serve(inbound: inbound, outbound: outbound, context: context)
            })
    }

    /// Checks the upgrade (Origin, WebSocket headers), then loads or creates the session and
    /// sets its cookie on the 101 response.
    func shouldUpgrade(_ request: Request) async throws -> RouterShouldUpgrade {
        // hummingbird-websocket answers every refused upgrade with 400, whatever is thrown.
        guard request.headers[.upgrade]?.lowercased() == "websocket" else {
            throw HTTPError(.badRequest, message: "WebSocket upgrade required")
        }
        let origin = request.headers[.origin]
        guard originPolicy.allows(origin: origin, host: request.head.authority) else {
            logger.error("refused WebSocket upgrade from origin \(origin ?? "-")")
            throw HTTPError(.forbidden, message: "origin not allowed")
        }
        // Draining for a shutdown: the client retries, and finds another instance.
        guard !isShuttingDown else { throw HTTPError(.serviceUnavailable, message: "server shutting down") }
        let key = request.headers[.secWebSocketKey] ?? ""
        let now = clock.now
        if let id = sessionCookie(request), let record = try await stores.sessions.load(id) {
            pendingUpgrades.withLock { $0[key] = (record, false, now) }
            return .upgrade([:])
        }
        let record = try await stores.sessions.create()
        pendingUpgrades.withLock { $0[key] = (record, true, now) }
        return .upgrade([.setCookie: sessionCookieHeader(record.id, request: request)])
    }

    func sessionCookie(_ request: Request) -> String? {
        guard let value = request.cookies[configuration.sessionCookieName]?.value, SessionID.isWellFormed(value) else {
            return nil
        }
        return value
    }

    func sessionCookieHeader(_ id: String, request: Request) -> String {
        var cookie = "\(configuration.sessionCookieName)=\(id); Path=/; HttpOnly; SameSite=Lax"
        if configuration.secureCookies || tlsEnabled.withLock({ $0 }) || request.head.scheme == "https"
            || request.headers[HTTPField.Name("X-Forwarded-Proto")!] == "https"
        {
            cookie += "; Secure"
        }
        return cookie
    }

    /// One connection: a writer task drains the send queue; this task reads frames and feeds
    /// the state machine; calls run as their own tasks.
    func serve<Context: WebSocketRequestContext>(
        inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, context: WebSocketRouterContext<Context>
    ) async throws {
        let request = context.request
        let key = request.headers[.secWebSocketKey] ?? ""
        let now = clock.now
        var pending = pendingUpgrades.withLock { $0.removeValue(forKey: key) }
        if pending == nil {
            if let id = sessionCookie(request), let r = try await stores.sessions.load(id) {
                pending = (r, false, now)
            } else {
                pending = (try await stores.sessions.create(), true, now)
            }
        }
        guard let (record, isNew, _) = pending else { return }

        let ip = clientAddress(request, peer: (context.requestContext as? any RemoteAddressRequestContext))
        let channel = (context.requestContext as? any ChannelCarryingContext)?.channel
        let fastPath = await installFastPath(on: channel)
        let machine = ConnectionStateMachine(configuration: configuration.machineConfiguration, now: now)
        let policy = SendQueuePolicy(
            maxMessages: configuration.sendQueueMaxMessages, maxBytes: configuration.sendQueueMaxBytes)
        var hardClose: (@Sendable () -> Void)?
        if let channel {
            hardClose = { channel.close(promise: nil) }
        }
        let closer: @Sendable (UInt16, String) async -> Void = { code, reason in
            let wsCode = WebSocketErrorCode(codeNumber: Int(code))
            try? await outbound.close(wsCode, reason: reason)
        }
        let connection = Connection(
            id: hub.makeConnectionId(), sessionId: record.id, ip: ip, origin: request.headers[.origin],
            machine: machine, policy: policy, outbound: outbound, fastPath: fastPath, hardClose: hardClose,
            closer: closer)
        connection.onOverflow.withLock { [hub, clock] in $0 = { hub.detach($0, now: clock.now) } }
        let snapshot = hub.attach(connection, record: record, now: now)
        // Before `init`: once the client has it, publishes to its user and channels reach it.
        if snapshot.userId != nil || !snapshot.channels.isEmpty { await interestSettled() }
        if let uid = snapshot.userId { try? await stores.presence.heartbeat(userId: uid) }
        connection.lastPresence.withLock { $0 = now }
        await awaitExpectedWorker()
        connection.send(
            ServerFrame.initial(
                InitInfo(
                    env: configuration.env, api: currentAPITree, userId: snapshot.userId, channels: snapshot.channels,
                    heartbeatInterval: configuration.heartbeatInterval,
                    heartbeatTimeout: configuration.heartbeatTimeout,
                    newSession: isNew)
            ).text)
        logger.debug(
            "connection \(connection.id) opened (session \(record.id.prefix(6)), user \(snapshot.userId ?? "-"))")
        await actions.connectHook?(makeContext(method: "", connection: connection))

        var failure: (any Error)?
        do {
            try await readLoop(inbound: inbound, outbound: outbound, connection: connection, fastPath: fastPath)
        } catch {
            failure = error
        }
        connection.withMachine { $0.closed() }
        connection.queue.finish()
        hub.detach(connection, now: clock.now)
        worker?.disconnected(connection: connection.id)
        for handler in connection.takeDisconnectHandlers() { await handler() }
        logger.debug("connection \(connection.id) closed")
        if let failure { throw failure }
    }

    private func readLoop(
        inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, connection: Connection,
        fastPath: FastPathLink?
    ) async throws {
        for try await message in inbound.messages(maxSize: configuration.maxMessageSize) {
            let now = clock.now
            let actions: [ConnectionStateMachine.Action]
            switch message {
            case .text(let text):
                if let fastPath, text == fastPath.handler.marker {
                    activate(fastPath, for: connection)
                    continue
                }
                actions = connection.withMachine { $0.receive(text: text, now: now) }
            case .binary(let buffer):
                actions = connection.withMachine { $0.receive(binaryCount: buffer.readableBytes, now: now) }
            }
            if let close = perform(actions, on: connection, now: now) {
                logger.info("closing connection \(connection.id): \(close.reason)")
                try? await outbound.close(WebSocketErrorCode(codeNumber: Int(close.code)), reason: close.reason)
                return
            }
        }
    }

    /// Performs what the state machine asked for one message, without waiting: calls and
    /// presence updates run as their own tasks. Returns the close to perform, if any.
    func perform(
        _ actions: [ConnectionStateMachine.Action], on connection: Connection, now: Duration
    ) -> (code: UInt16, reason: String)? {
        for action in actions {
            switch action {
            case .send(let frame):
                if case .error(let e) = frame {
                    logger.info("bad message from connection \(connection.id): \(e.message)")
                }
                connection.send(frame.text)
            case .dispatch(let call):
                if let ip = connection.ip, let limiter = addressLimiter,
                    case .refused(let retryAfter) = limiter.take(ip, now: now)
                {
                    connection.withMachine { $0.callFinished(key: call.key) }
                    let error = WireError(.rateLimited, "too many calls from your address; slow down",
                                          retryAfter: retryAfter)
                    connection.send(ServerFrame.failure(id: call.id, error: error).text)
                    continue
                }
                if let link = connection.fastPath, worker != nil || configuration.inProcessActionsOnEventLoop {
                    // With a worker, what runs here is the runtime's own non-blocking code;
                    // in-process actions only when the embedder vouched that theirs await.
                    Task(executorPreference: link.executor) { await self.runCall(call, on: connection) }
                } else {
                    Task { await self.runCall(call, on: connection) }
                }
            case .heartbeat:
                presenceHeartbeat(connection, now: now)
            case .close(let code, let reason):
                return (code, reason)
            }
        }
        return nil
    }

    /// Marks the session's user online, at most every few seconds per connection.
    private func presenceHeartbeat(_ connection: Connection, now: Duration) {
        let due = connection.lastPresence.withLock { last -> Bool in
            guard now - last >= .seconds(5) else { return false }
            last = now
            return true
        }
        guard due, let uid = hub.snapshot(connection.sessionId)?.userId else { return }
        Task { try? await stores.presence.heartbeat(userId: uid) }
    }

    func makeContext(method: String, connection: Connection) -> ActionContext {
        ActionContext(
            method: method, session: makeSession(for: connection), publish: publish, ip: connection.ip,
            origin: connection.origin, transport: .webSocket, logger: logger)
    }

    func makeSession(for connection: Connection) -> ActionSession {
        let snap = hub.snapshot(connection.sessionId)
        return ActionSession(
            id: connection.sessionId, userId: snap?.userId, attributes: snap?.attributes ?? [:],
            channels: snap?.channels ?? [], backend: ConnectionSessionBackend(runtime: self, connection: connection))
    }

    /// Replies larger than this are not stored for replay.
    static let maxReplayBytes = 64 * 1024

    /// Runs a call at most once per session (ids are de-duplicated) and sends its one reply.
    func runCall(_ call: CallRequest, on connection: Connection) async {
        let key = call.key
        defer { connection.withMachine { $0.callFinished(key: key) } }
        switch hub.beginCall(key, session: connection.sessionId, connection: connection.id, now: clock.now) {
        case .replay(let reply):
            await connection.sendInline(reply)
            return
        case .running:
            return
        case .execute:
            break
        }
        if let ledger = stores.calls,
            let earlier = await claimAcrossInstances(ledger, call, session: connection.sessionId)
        {
            let waiting = hub.finishCall(key, reply: earlier, session: connection.sessionId, now: clock.now)
            for other in waiting where other.id != connection.id { other.send(earlier) }
            await connection.sendInline(earlier)
            return
        }
        let backend = ConnectionSessionBackend(runtime: self, connection: connection)
        connection.callStarted(key: key, id: call.id)
        let result = await trackingCall {
            await perform(
                method: call.method, arguments: ActionArguments(call.params), session: makeSession(for: connection),
                backend: backend, connection: connection.id, transport: .webSocket, ip: connection.ip,
                origin: connection.origin, silent: call.silent,
                executor: configuration.inProcessActionsOnEventLoop ? connection.fastPath?.executor : nil)
        }
        // Answered already by a shutdown that could not wait for it: a resend gets that answer.
        guard connection.callEnded(key: key) else {
            let cutOff = ServerFrame.failure(id: call.id, error: Self.cutOffError).text
            _ = hub.finishCall(key, reply: cutOff, session: connection.sessionId, now: clock.now)
            try? await stores.calls?.finish(session: connection.sessionId, call: key, reply: cutOff)
            return
        }
        let reply: String
        switch result {
        case .success(let raw): reply = ServerFrame.result(id: call.id, result: raw).text
        case .failure(let error): reply = ServerFrame.failure(id: call.id, error: error).text
        }
        // A large reply is not kept for a resend: the call still ran once, and a resend learns
        // that its answer is gone instead of running it again.
        let kept =
            reply.utf8.count <= Self.maxReplayBytes
            ? reply
            : ServerFrame.failure(
                id: call.id, error: WireError(.unavailable, "the reply was too large to keep for a resend")
            ).text
        let waiting = hub.finishCall(key, reply: kept, session: connection.sessionId, now: clock.now)
        for other in waiting where other.id != connection.id { other.send(reply) }
        await connection.sendInline(reply)
        do {
            try await stores.calls?.finish(session: connection.sessionId, call: key, reply: kept)
        } catch {
            logger.error("call ledger: could not store the reply of \(call.method): \(error)")
        }
    }

    /// With a call ledger shared by instances: nil when this instance should run the call;
    /// otherwise the reply to send: the one stored by the instance that ran it, or
    /// `unavailable` when another instance still holds it after the action time limit (it
    /// stopped before finishing; the outcome is unknown). A ledger that cannot be reached
    /// does not stop the call (it runs, de-duplicated by this instance only).
    func claimAcrossInstances(_ ledger: any CallLedger, _ call: CallRequest, session: String) async -> String? {
        let deadline = ContinuousClock.now + (configuration.actionTimeout ?? .seconds(30)) + .seconds(1)
        while true {
            let claim: CallClaim
            do {
                claim = try await ledger.claim(session: session, call: call.key)
            } catch {
                logger.error("call ledger unavailable (\(error)); running \(call.method) without it")
                return nil
            }
            switch claim {
            case .execute:
                return nil
            case .replay(let reply):
                return reply
            case .running:
                guard ContinuousClock.now < deadline else {
                    let error = WireError(
                        .unavailable,
                        "the call is held by another instance that did not finish it; its outcome is unknown")
                    return ServerFrame.failure(id: call.id, error: error).text
                }
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
    }
}
