import SSActions

/// The routing tables of one runtime instance: live connections, the sessions they belong
/// to, and who is reachable by user id and by channel. Also keeps each session's call-id
/// de-duplication window, which outlives its connections so a resend after a reconnect is
/// recognised.
final class ConnectionHub: Sendable {
    struct LiveSession {
        var userId: String?
        var attributes: [String: JSONValue]
        var channels: [String]
        var connections: Set<UInt64> = []
        var dedup: CallDedupWindow
        /// Extra connections waiting for a call that was resent while still running.
        var waiters: [String: Set<UInt64>] = [:]
        var lastActive: Duration
    }

    struct Snapshot: Equatable {
        var userId: String?
        var attributes: [String: JSONValue]
        var channels: [String]
    }

    private struct Tables {
        var connections: [UInt64: Connection] = [:]
        var sessions: [String: LiveSession] = [:]
        var byUser: [String: Set<UInt64>] = [:]
        var byChannel: [String: Set<UInt64>] = [:]
    }

    private let tables = Locked(Tables())
    private let nextId = Locked<UInt64>(0)
    private let dedupWindow: Duration
    private let dedupCapacity: Int

    init(dedupWindow: Duration, dedupCapacity: Int) {
        self.dedupWindow = dedupWindow
        self.dedupCapacity = dedupCapacity
    }

    func makeConnectionId() -> UInt64 {
        nextId.withLock {
            $0 += 1
            return $0
        }
    }

    var connectionCount: Int { tables.withLock { $0.connections.count } }
    var allConnections: [Connection] { tables.withLock { Array($0.connections.values) } }

    func connection(_ id: UInt64) -> Connection? { tables.withLock { $0.connections[id] } }

    /// Adds a connection for a session loaded from the store; returns the session state.
    func attach(_ connection: Connection, record: SessionRecord, now: Duration) -> Snapshot {
        tables.withLock { t in
            var live =
                t.sessions[record.id]
                ?? LiveSession(
                    userId: nil, attributes: [:], channels: [],
                    dedup: CallDedupWindow(window: dedupWindow, capacity: dedupCapacity), lastActive: now)
            // The store is the truth (another instance may have changed the session).
            live.userId = record.userId
            live.attributes = record.attributes
            live.channels = record.channels
            live.connections.insert(connection.id)
            live.lastActive = now
            t.sessions[record.id] = live
            t.connections[connection.id] = connection
            if let uid = live.userId { t.byUser[uid, default: []].insert(connection.id) }
            for c in live.channels { t.byChannel[c, default: []].insert(connection.id) }
            return Snapshot(userId: live.userId, attributes: live.attributes, channels: live.channels)
        }
    }

    /// Removes a connection from every table. Returns its user id.
    @discardableResult
    func detach(_ connection: Connection, now: Duration) -> String? {
        tables.withLock { t in
            t.connections[connection.id] = nil
            guard var live = t.sessions[connection.sessionId] else { return nil }
            live.connections.remove(connection.id)
            live.lastActive = now
            if let uid = live.userId { Self.remove(connection.id, from: uid, in: &t.byUser) }
            for c in live.channels { Self.remove(connection.id, from: c, in: &t.byChannel) }
            for key in live.waiters.keys { live.waiters[key]?.remove(connection.id) }
            t.sessions[connection.sessionId] = live
            return live.userId
        }
    }

    private static func remove(_ id: UInt64, from key: String, in table: inout [String: Set<UInt64>]) {
        table[key]?.remove(id)
        if table[key]?.isEmpty == true { table[key] = nil }
    }

    func snapshot(_ sessionId: String) -> Snapshot? {
        tables.withLock { t in
            t.sessions[sessionId].map { Snapshot(userId: $0.userId, attributes: $0.attributes, channels: $0.channels) }
        }
    }

    /// Logs every connection of the session in as `userId` (or out, with nil). Logging out
    /// also leaves the session's channels. Returns the previous user.
    @discardableResult
    func setUser(_ userId: String?, session sessionId: String) -> String? {
        tables.withLock { t in
            guard var live = t.sessions[sessionId] else { return nil }
            let old = live.userId
            for id in live.connections {
                if let old { Self.remove(id, from: old, in: &t.byUser) }
                if let userId { t.byUser[userId, default: []].insert(id) }
            }
            live.userId = userId
            if userId == nil {
                for c in live.channels {
                    for id in live.connections { Self.remove(id, from: c, in: &t.byChannel) }
                }
                live.channels = []
            }
            t.sessions[sessionId] = live
            return old
        }
    }

    func setAttribute(_ key: String, _ value: JSONValue?, session sessionId: String) {
        tables.withLock { t in t.sessions[sessionId]?.attributes[key] = value }
    }

    func addChannels(_ names: [String], session sessionId: String) {
        tables.withLock { t in
            guard var live = t.sessions[sessionId] else { return }
            for n in names where !live.channels.contains(n) {
                live.channels.append(n)
                for id in live.connections { t.byChannel[n, default: []].insert(id) }
            }
            t.sessions[sessionId] = live
        }
    }

    func removeChannels(_ names: [String], session sessionId: String) {
        tables.withLock { t in
            guard var live = t.sessions[sessionId] else { return }
            live.channels.removeAll { names.contains($0) }
            for n in names {
                for id in live.connections { Self.remove(id, from: n, in: &t.byChannel) }
            }
            t.sessions[sessionId] = live
        }
    }

    /// De-duplication: may this call run? A call still running elsewhere registers
    /// `connectionId` to get its reply too.
    func beginCall(_ key: String, session sessionId: String, connection connectionId: UInt64, now: Duration)
        -> CallDedupWindow.Begin
    {
        tables.withLock { t in
            // Mutate in place: copying the session out would copy its whole dedup table.
            guard let begin = t.sessions[sessionId]?.dedup.begin(key, now: now) else { return .execute }
            if begin == .running { t.sessions[sessionId]?.waiters[key, default: []].insert(connectionId) }
            t.sessions[sessionId]?.lastActive = now
            return begin
        }
    }

    /// Stores the reply for replay and returns the connections waiting for it.
    func finishCall(_ key: String, reply: String, session sessionId: String, now: Duration) -> [Connection] {
        tables.withLock { t in
            guard t.sessions[sessionId] != nil else { return [] }
            t.sessions[sessionId]?.dedup.finish(key, reply: reply, now: now)
            let waiting = t.sessions[sessionId]?.waiters.removeValue(forKey: key) ?? []
            return waiting.compactMap { t.connections[$0] }
        }
    }

    /// Forgets sessions with no connection that were idle longer than the dedup window.
    func sweepSessions(now: Duration) {
        tables.withLock { t in
            t.sessions = t.sessions.filter { !$0.value.connections.isEmpty || now - $0.value.lastActive <= dedupWindow }
        }
    }

    /// Delivers a published event to the local connections it targets.
    func deliver(_ message: PublishMessage) -> Int {
        var sends: [(Connection, String)] = []
        tables.withLock { t in
            switch message.target {
            case .broadcast:
                let text = ServerFrame.event(name: message.event, payload: message.payload, channel: nil).text
                sends = t.connections.values.map { ($0, text) }
            case .users(let ids):
                let text = ServerFrame.event(name: message.event, payload: message.payload, channel: nil).text
                var targets = Set<UInt64>()
                for id in ids { targets.formUnion(t.byUser[id] ?? []) }
                sends = targets.compactMap { t.connections[$0].map { ($0, text) } }
            case .channels(let names):
                // A connection in several of the channels gets the event once, tagged with
                // the first listed channel it is in.
                var seen = Set<UInt64>()
                for name in names {
                    guard let members = t.byChannel[name] else { continue }
                    let text = ServerFrame.event(name: message.event, payload: message.payload, channel: name).text
                    for id in members where seen.insert(id).inserted {
                        if let c = t.connections[id] { sends.append((c, text)) }
                    }
                }
            }
        }
        for (connection, text) in sends { connection.send(text) }
        return sends.count
    }
}
