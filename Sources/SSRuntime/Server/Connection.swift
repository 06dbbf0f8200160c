import HummingbirdWebSocket
import SSActions

/// One live WebSocket connection: its session, its protocol state machine and its send
/// queue. The machine is behind a lock because frames, clock ticks and finished calls reach
/// it from different tasks.
final class Connection: Sendable {
    let id: UInt64
    let sessionId: String
    let ip: String?
    let origin: String?
    let queue: OutboundQueue
    private let machine: Locked<ConnectionStateMachine>
    private let disconnectHandlers = Locked([@Sendable () async -> Void]())
    /// Set when the connection must close; the reader loop performs the close.
    let pendingClose = Locked<(code: UInt16, reason: String)?>(nil)
    private let hardClose: (@Sendable () -> Void)?
    private let closer: @Sendable (UInt16, String) async -> Void
    /// Removes the connection from routing at once when it overflows.
    let onOverflow = Locked<(@Sendable (Connection) -> Void)?>(nil)
    let lastPresence = Locked(Duration.zero)
    /// Calls this connection is running: call key -> id (for the shutdown's cut-off replies).
    private let running = Locked([String: JSONValue]())
    /// The close the writer performs when it reaches `closeMarker` in the queue.
    private let queuedClose = Locked<(code: UInt16, reason: String)?>(nil)
    /// Stands for "close now" in the send queue; no JSON text starts with NUL.
    static let closeMarker = "\u{0}close"
    /// Writes straight to the channel on its event loop, instead of `outbound`.
    let fastPath: FastPathLink?

    init(
        id: UInt64, sessionId: String, ip: String?, origin: String?, machine: ConnectionStateMachine,
        policy: SendQueuePolicy, outbound: WebSocketOutboundWriter?, fastPath: FastPathLink? = nil,
        hardClose: (@Sendable () -> Void)?, closer: @escaping @Sendable (UInt16, String) async -> Void
    ) {
        self.outbound = outbound
        self.fastPath = fastPath
        self.closer = closer
        self.id = id
        self.sessionId = sessionId
        self.ip = ip
        self.origin = origin
        self.machine = Locked(machine)
        self.queue = OutboundQueue(policy: policy)
        self.hardClose = hardClose
    }

    func withMachine<T>(_ body: (inout ConnectionStateMachine) -> T) -> T {
        machine.withLock(body)
    }

    /// The socket's writer; only the current queue drainer uses it.
    private let outbound: WebSocketOutboundWriter?

    /// Queues a frame for the socket; if no one is writing, a short task drains the queue.
    /// Used for pushes, so a broadcast never waits on one client's socket. On overflow the
    /// connection is closed (4001) and its transport cut, since a client that does not read
    /// would also block the close handshake.
    func send(_ text: String) {
        switch queue.enqueue(text) {
        case .queued: break
        case .becomeWriter:
            if let fastPath {
                fastPath.drain(self)
            } else {
                Task { await self.drain() }
            }
        case .rejected: overflow()
        }
    }

    /// Drains as the new writer: on the event loop with the fast path, else in this task.
    private func drainAsWriter() async {
        if let fastPath {
            fastPath.drain(self)
        } else {
            await drain()
        }
    }

    /// Queues a frame and, if no one is writing, writes the queue from this task (a call's
    /// reply: saves a task switch).
    func sendInline(_ text: String) async {
        switch queue.enqueue(text) {
        case .queued: break
        case .becomeWriter: await drainAsWriter()
        case .rejected: overflow()
        }
    }

    private func drain() async {
        guard let outbound else {
            while queue.next() != nil {}
            return
        }
        while let text = queue.next() {
            if text == Self.closeMarker {
                let (code, reason) = queuedClose.withLock { $0 } ?? (1000, "")
                withMachine { $0.closed() }
                await closer(code, reason)
                queue.finish()
                _ = queue.next()
                return
            }
            do {
                try await outbound.write(.text(text))
            } catch {
                queue.finish()
                _ = queue.next()
                return
            }
        }
    }

    /// The fast path's writer reached `closeMarker`: the frames before it are written.
    func reachedQueuedClose() {
        let (code, reason) = queuedClose.withLock { $0 } ?? (1000, "")
        withMachine { $0.closed() }
        queue.finish()
        _ = queue.next()
        Task { await closer(code, reason) }
    }

    func overflow() {
        let actions = withMachine { $0.sendQueueOverflowed() }
        guard !actions.isEmpty else { return }
        pendingClose.withLock { $0 = (ConnectionStateMachine.CloseCode.slowConsumer, "send queue overflow") }
        queue.finish()
        if let detach = onOverflow.withLock({ $0 }) { detach(self) }
        if let hardClose {
            hardClose()
        } else {
            Task { await closer(ConnectionStateMachine.CloseCode.slowConsumer, "send queue overflow") }
        }
    }

    /// Starts the closing handshake with `code` (the reader loop then ends).
    func close(code: UInt16, reason: String) async {
        withMachine { $0.closed() }
        await closer(code, reason)
    }

    /// Starts the closing handshake after the frames already queued were written, through
    /// the queue's one writer (a direct close could overtake a frame being written).
    func closeAfterQueued(code: UInt16, reason: String) async {
        queuedClose.withLock { $0 = (code, reason) }
        switch queue.enqueue(Self.closeMarker) {
        case .queued: break
        case .becomeWriter: await drainAsWriter()
        case .rejected: await close(code: code, reason: reason)
        }
    }

    /// Cuts the transport (when the client did not finish the close handshake in time).
    func abort() {
        if let hardClose {
            hardClose()
        } else {
            Task { await closer(ConnectionStateMachine.CloseCode.serviceRestart, "server restarting") }
        }
    }

    /// Records a call that started running here.
    func callStarted(key: String, id: JSONValue) {
        running.withLock { $0[key] = id }
    }

    /// Forgets a finished call; false if the shutdown already answered it (then its own
    /// reply must not be sent: every call gets exactly one).
    func callEnded(key: String) -> Bool {
        running.withLock { $0.removeValue(forKey: key) != nil }
    }

    /// The ids of the calls still running, which now count as answered.
    func takeRunningCalls() -> [JSONValue] {
        running.withLock {
            let ids = Array($0.values)
            $0 = [:]
            return ids
        }
    }

    func onDisconnect(_ handler: @escaping @Sendable () async -> Void) {
        disconnectHandlers.withLock { $0.append(handler) }
    }

    func takeDisconnectHandlers() -> [@Sendable () async -> Void] {
        disconnectHandlers.withLock {
            let h = $0
            $0 = []
            return h
        }
    }
}
