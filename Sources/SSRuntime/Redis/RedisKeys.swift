#if canImport(CHiredis)
import SSActions

/// Every key and pub/sub channel name the Redis engine uses, under one prefix (default `ss:`).
///
///     ss:session:<id>     hash: c (created ms), s (last seen ms), u (user), a:<name> (JSON), h:<channel> (order)
///     ss:sessions         sorted set: session id by last seen, for purging
///     ss:presence         sorted set: user id by last heartbeat
///     ss:call:<s>:<id>    string: a call's reply ("" while it runs), for a resend elsewhere
///     ss:pub:b            pub/sub: broadcasts
///     ss:pub:u:<user>     pub/sub: events for one user's connections
///     ss:pub:c:<channel>  pub/sub: events for one channel's subscribers
///     ss:ctl:session      pub/sub: "<publisher> <session id>" when an instance changed a session
struct RedisKeys: Sendable, Equatable {
    let prefix: String

    func session(_ id: String) -> String { prefix + "session:" + id }
    var sessionIndex: String { prefix + "sessions" }
    var sessionKeyPrefix: String { prefix + "session:" }
    var presence: String { prefix + "presence" }
    /// One call's claim and reply (see `RedisCallLedger`).
    func call(session: String, call: String) -> String { prefix + "call:" + session + ":" + call }

    var broadcastChannel: String { prefix + "pub:b" }
    func userChannel(_ userId: String) -> String { prefix + "pub:u:" + userId }
    func channelChannel(_ name: String) -> String { prefix + "pub:c:" + name }
    /// Session-change notices between instances (outside `pub:`, so not in the pattern).
    var sessionChangesChannel: String { prefix + "ctl:session" }

    /// Matches every channel above, for a subscriber that wants everything.
    var everythingPattern: String { Self.escapeGlob(prefix) + "pub:*" }

    /// The Redis channels one message goes to.
    func channels(for target: PublishTarget) -> [String] {
        switch target {
        case .broadcast: return [broadcastChannel]
        case .users(let ids): return Array(Set(ids)).sorted().map(userChannel)
        case .channels(let names): return Array(Set(names)).sorted().map(channelChannel)
        }
    }

    static func escapeGlob(_ s: String) -> String {
        var out = ""
        for ch in s {
            if "*?[]\\".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}
#endif
