/// One connection's outgoing frames. Exactly one writer drains it at a time: whoever
/// enqueues into an idle queue becomes the writer (a call's own task writes its reply;
/// pushes start a short-lived drain task), and stops when the queue is empty. So frames are
/// never written concurrently to a socket (see deps-feasibility §5: concurrent writes corrupt
/// compressed streams), order is kept, and an idle connection holds no writer task.
/// The queue is bounded by `SendQueuePolicy`; `enqueue` reports overflow and the caller
/// disconnects the client.
final class OutboundQueue: Sendable {
    enum Enqueued: Equatable {
        /// Queued; a writer is already draining.
        case queued
        /// Queued, and the caller must now drain (`next()` until nil).
        case becomeWriter
        /// Full or finished: dropped.
        case rejected
    }

    private struct State {
        var items: [String] = []
        var head = 0
        var bytes = 0
        var draining = false
        var finished = false
        var count: Int { items.count - head }
    }

    private let policy: SendQueuePolicy
    private let state = Locked(State())

    init(policy: SendQueuePolicy) {
        self.policy = policy
    }

    func enqueue(_ text: String) -> Enqueued {
        let bytes = text.utf8.count
        return state.withLock { s in
            guard !s.finished, policy.admits(messages: s.count, queuedBytes: s.bytes, adding: bytes) else {
                return .rejected
            }
            s.items.append(text)
            s.bytes += bytes
            if s.draining { return .queued }
            s.draining = true
            return .becomeWriter
        }
    }

    /// The writer's next frame; nil means the queue is empty (or finished) and the caller is
    /// no longer the writer.
    func next() -> String? {
        state.withLock { s in
            guard !s.finished, s.head < s.items.count else {
                s.draining = false
                s.items.removeAll(keepingCapacity: false)
                s.head = 0
                s.bytes = 0
                return nil
            }
            let text = s.items[s.head]
            s.items[s.head] = ""
            s.head += 1
            s.bytes -= text.utf8.count
            if s.head > 32, s.head * 2 > s.items.count {
                s.items.removeFirst(s.head)
                s.head = 0
            }
            return text
        }
    }

    var depth: (messages: Int, bytes: Int) {
        state.withLock { ($0.count, $0.bytes) }
    }

    /// Drops what is queued and refuses more.
    func finish() {
        state.withLock { s in
            s.finished = true
            s.items = []
            s.head = 0
            s.bytes = 0
        }
    }
}
