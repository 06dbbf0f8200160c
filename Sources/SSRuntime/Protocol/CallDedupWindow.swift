/// Remembers the call ids of one session for a time window, so a call resent after a
/// reconnect is never executed twice: a finished call replays its stored reply, a running
/// one is joined. Pure value type; the caller passes the time.
///
///     var window = CallDedupWindow(window: .seconds(120), capacity: 1000)
///     window.begin("\"c1\"", now: t)   // .execute
///     window.finish("\"c1\"", reply: frame, now: t)
///     window.begin("\"c1\"", now: t)   // .replay(frame)
struct CallDedupWindow: Sendable {
    enum Begin: Equatable {
        /// First time: run the action.
        case execute
        /// Already answered: send this reply again.
        case replay(String)
        /// Still running: the reply will come when it finishes.
        case running
    }

    private enum Entry {
        case running
        case done(String)
    }

    let window: Duration
    let capacity: Int
    /// Bound on the stored reply bytes; past it the oldest finished calls are forgotten.
    let maxBytes: Int
    private(set) var bytes = 0
    private var entries: [String: (entry: Entry, at: Duration)] = [:]
    private var order: [(key: String, at: Duration)] = []
    private var head = 0

    init(window: Duration, capacity: Int, maxBytes: Int = 1 << 20) {
        self.window = window
        self.capacity = max(1, capacity)
        self.maxBytes = max(0, maxBytes)
    }

    var count: Int { entries.count }

    mutating func begin(_ key: String, now: Duration) -> Begin {
        expire(now: now)
        // One hash for the usual case, a new id: insert, and put an existing record back.
        if let existing = entries.updateValue((.running, now), forKey: key) {
            entries[key] = existing
            switch existing.entry {
            case .running: return .running
            case .done(let reply): return .replay(reply)
            }
        }
        order.append((key, now))
        return .execute
    }

    mutating func finish(_ key: String, reply: String, now: Duration) {
        guard let i = entries.index(forKey: key) else { return }
        entries.values[i] = (.done(reply), now)
        bytes += reply.utf8.count
        order.append((key, now))
        expire(now: now)
    }

    /// Drops entries older than the window and, past capacity, the oldest finished ones.
    mutating func expire(now: Duration) {
        while head < order.count {
            let (key, at) = order[head]
            let stale = now - at > window
            let over = entries.count > capacity || bytes > maxBytes
            guard stale || over else { break }
            head += 1
            // Only the newest record of a key decides; older records of it are skipped.
            if let i = entries.index(forKey: key), entries.values[i].at == at,
                case .done(let reply) = entries.values[i].entry
            {
                entries.remove(at: i)
                bytes -= reply.utf8.count
            }
        }
        if head > 64, head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
    }
}
