/// One connection's outgoing frames, drained by exactly one writer task. Frames are never
/// written concurrently to a socket (see deps-feasibility §5: concurrent writes corrupt
/// compressed streams). The queue is bounded by `SendQueuePolicy`; `enqueue` returns
/// false on overflow and the caller disconnects the client.
final class OutboundQueue: Sendable {
    let stream: AsyncStream<String>
    private let continuation: AsyncStream<String>.Continuation
    private let policy: SendQueuePolicy
    private let counters = Locked((messages: 0, bytes: 0, finished: false))

    init(policy: SendQueuePolicy) {
        self.policy = policy
        (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .unbounded)
    }

    /// Queues a frame; false if the queue is full or finished (the frame is dropped).
    @discardableResult
    func enqueue(_ text: String) -> Bool {
        let bytes = text.utf8.count
        let admitted = counters.withLock { c -> Bool in
            guard !c.finished, policy.admits(messages: c.messages, queuedBytes: c.bytes, adding: bytes) else {
                return false
            }
            c.messages += 1
            c.bytes += bytes
            return true
        }
        if admitted { continuation.yield(text) }
        return admitted
    }

    /// The writer wrote a frame.
    func written(_ text: String) {
        let bytes = text.utf8.count
        counters.withLock {
            $0.messages -= 1
            $0.bytes -= bytes
        }
    }

    var depth: (messages: Int, bytes: Int) {
        counters.withLock { ($0.messages, $0.bytes) }
    }

    func finish() {
        counters.withLock { $0.finished = true }
        continuation.finish()
    }
}
