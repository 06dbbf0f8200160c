import SSActions

/// The routing tables of one runtime instance: live connections, the sessions they belong
/// to, and who is reachable by user id and by channel. Also keeps each session's call-id
/// de-duplication window, which outlives its connections so a resend after a reconnect is
/// recognised.
///
/// With an interest-routed pub/sub engine (Redis) the hub also tells the engine what this
/// instance needs to hear, one declaration per connection and topic, under the same lock
/// as the tables: the engine listens to a user's or channel's Redis channel exactly while a
/// local connection is in it.
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
        /// Counts changes, so a re-read from the store that raced a local change is retried.
        var version = 0
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
    /// The engine told which users and channels have local connections (nil: the engine
    /// delivers everything and `deliver` filters).
    let interest: (any InterestRoutedPubSub)?

    init(dedupWindow: Duration, dedupCapacity: Int, interest: (any InterestRoutedPubSub)? = nil) {
        self.dedupWindow = dedupWindow
        self.dedupCapacity = dedupCapacity
        self.interest = interest
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

    /// Local connections subscribed to a channel.
    func memberCount(channel: String) -> Int { tables.withLock { $0.byChannel[channel]?.count ?? 0 } }

    /// Adds a connection for a session loaded from the store; returns the session state.
    func attach(_ connection: Connection, record: SessionRecord, now: Duration) -> Snapshot {
        tables.withLock { t in
            var live =
                t.sessions[record.id]
                ?? LiveSession(
                    userId: nil, attributes: [:], channels: [],
                    dedup: CallDedupWindow(window: dedupWindow, capacity: dedupCapacity), lastActive: now)
            // The store is the truth (another instance may have changed the session): move the
            // session's other connections here to it as well.
            route(
                live.connections, from: (live.userId, live.channels), to: (record.userId, record.channels), in: &t)
            live.userId = record.userId
            live.attributes = record.attributes
            live.channels = record.channels
            live.connections.insert(connection.id)
            live.lastActive = now
            live.version += 1
            t.sessions[record.id] = live
            t.connections[connection.id] = connection
            route([connection.id], from: (nil, []), to: (live.userId, live.channels), in: &t)
            return Snapshot(userId: live.userId, attributes: live.attributes, channels: live.channels)
        }
    }

    /// Removes a connection from every table. Returns its user id. A second call for the
    /// same connection (an overflow detaches early, the reader loop again at its end)
    /// changes nothing.
    @discardableResult
    func detach(_ connection: Connection, now: Duration) -> String? {
        tables.withLock { t in
            let wasAttached = t.connections.removeValue(forKey: connection.id) != nil
            guard var live = t.sessions[connection.sessionId] else { return nil }
            guard wasAttached, live.connections.remove(connection.id) != nil else { return live.userId }
            live.lastActive = now
            for key in live.waiters.keys { live.waiters[key]?.remove(connection.id) }
            t.sessions[connection.sessionId] = live
            route([connection.id], from: (live.userId, live.channels), to: (nil, []), in: &t)
            return live.userId
        }
    }

    /// Moves connections from one (user, channels) to another in the routing tables and in
    /// the engine's interest (one declaration per connection and topic). New topics are
    /// declared before old ones are withdrawn, so a topic kept through the change is never
    /// unsubscribed in between.
    private func route(
        _ ids: some Collection<UInt64>, from old: (user: String?, channels: [String]),
        to new: (user: String?, channels: [String]), in t: inout Tables
    ) {
        guard !ids.isEmpty else { return }
        let before = Set(PubSubTopic.topics(user: old.user, channels: old.channels))
        let after = Set(PubSubTopic.topics(user: new.user, channels: new.channels))
        let added = after.subtracting(before)
        let removed = before.subtracting(after)
        guard !added.isEmpty || !removed.isEmpty else { return }
        for id in ids {
            for topic in added {
                switch topic {
                case .user(let u): t.byUser[u, default: []].insert(id)
                case .channel(let c): t.byChannel[c, default: []].insert(id)
                }
            }
            for topic in removed {
                switch topic {
                case .user(let u): Self.remove(id, from: u, in: &t.byUser)
                case .channel(let c): Self.remove(id, from: c, in: &t.byChannel)
                }
            }
        }
        guard let interest else { return }
        if !added.isEmpty { interest.addInterest(Array(Array(added).repeated(ids.count))) }
        if !removed.isEmpty { interest.removeInterest(Array(Array(removed).repeated(ids.count))) }
    }

    private static func remove(_ id: UInt64, from key: String, in table: inout [String: Set<UInt64>]) {
        table[key]?.remove(id)
        if table[key]?.isEmpty == true { table[key] = nil }
    }

    func snapshot(_ sessionId: String) -> Snapshot? {
        tables.withLock { t in
            // Read the three fields in place: `sessions[id].map` copies the whole record
            // (a retain per field, dedup table included), and this runs per call.
            guard let i = t.sessions.index(forKey: sessionId) else { return nil }
            return Snapshot(
                userId: t.sessions.values[i].userId, attributes: t.sessions.values[i].attributes,
                channels: t.sessions.values[i].channels)
        }
    }

    /// Logs every connection of the session in as `userId` (or out, with nil). Logging out
    /// also leaves the session's channels. Returns the previous user.
    @discardableResult
    func setUser(_ userId: String?, session sessionId: String) -> String? {
        let old = update(sessionId) { live -> String? in
            let old = live.userId
            live.userId = userId
            if userId == nil { live.channels = [] }
            return old
        }
        return old ?? nil
    }

    /// The session's change count, if it has connections here.
    func version(session sessionId: String) -> Int? {
        tables.withLock { t in
            guard let live = t.sessions[sessionId], !live.connections.isEmpty else { return nil }
            return live.version
        }
    }

    /// Takes the store's state of a session another instance changed, for its connections
    /// here, unless the session changed here since `version` (the record may predate that).
    @discardableResult
    func refresh(_ record: SessionRecord, ifVersion version: Int) -> Bool {
        update(record.id) { live -> Bool in
            guard live.version == version else { return false }
            live.userId = record.userId
            live.attributes = record.attributes
            live.channels = record.channels
            return true
        } ?? true
    }

    func setAttribute(_ key: String, _ value: JSONValue?, session sessionId: String) {
        tables.withLock { t in
            t.sessions[sessionId]?.attributes[key] = value
            t.sessions[sessionId]?.version += 1
        }
    }

    func addChannels(_ names: [String], session sessionId: String) {
        update(sessionId) { live in
            for n in names where !live.channels.contains(n) { live.channels.append(n) }
        }
    }

    func removeChannels(_ names: [String], session sessionId: String) {
        update(sessionId) { live in live.channels.removeAll { names.contains($0) } }
    }

    /// Changes a session's user or channels and re-routes its connections to match.
    @discardableResult
    private func update<T>(_ sessionId: String, _ change: (inout LiveSession) -> T?) -> T? {
        tables.withLock { t in
            guard var live = t.sessions[sessionId] else { return nil }
            let old = (live.userId, live.channels)
            let result = change(&live)
            live.version += 1
            t.sessions[sessionId] = live
            route(live.connections, from: old, to: (live.userId, live.channels), in: &t)
            return result
        }
    }

    /// De-duplication: may this call run? A call still running elsewhere registers
    /// `connectionId` to get its reply too.
    func beginCall(_ key: String, session sessionId: String, connection connectionId: UInt64, now: Duration)
        -> CallDedupWindow.Begin
    {
        tables.withLock { t in
            // Mutate in place through one lookup: copying the session out would copy its whole
            // dedup table, and each `sessions[id]?.` hashes the id again (this runs per call).
            guard let i = t.sessions.index(forKey: sessionId) else { return .execute }
            let begin = t.sessions.values[i].dedup.begin(key, now: now)
            if begin == .running { t.sessions.values[i].waiters[key, default: []].insert(connectionId) }
            t.sessions.values[i].lastActive = now
            return begin
        }
    }

    /// Stores the reply for replay and returns the connections waiting for it.
    func finishCall(_ key: String, reply: String, session sessionId: String, now: Duration) -> [Connection] {
        tables.withLock { t in
            guard let i = t.sessions.index(forKey: sessionId) else { return [] }
            t.sessions.values[i].dedup.finish(key, reply: reply, now: now)
            guard !t.sessions.values[i].waiters.isEmpty,
                let waiting = t.sessions.values[i].waiters.removeValue(forKey: key)
            else { return [] }
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

extension Array {
    /// The elements `count` times over.
    fileprivate func repeated(_ count: Int) -> [Element] {
        count == 1 ? self : (0..<count).flatMap { _ in self }
    }
}
