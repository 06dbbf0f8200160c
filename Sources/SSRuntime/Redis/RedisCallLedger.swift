#if canImport(CHiredis)
/// The call ledger in Redis: one key per call, `<prefix>call:<session>:<call id>`, empty
/// while the call runs and holding its reply frame once it finished, expiring after the
/// de-duplication window. A claim is one `SET ... NX GET` (Redis 7), so two instances
/// cannot both get `.execute`.
final class RedisCallLedger: CallLedger {
    private let client: RedisClient
    private let keys: RedisKeys
    private let window: Duration

    init(client: RedisClient, keys: RedisKeys, window: Duration) {
        self.client = client
        self.keys = keys
        self.window = window
    }

    func claim(session: String, call: String) async throws -> CallClaim {
        let key = keys.call(session: session, call: call)
        let ms = String(max(1, window.milliseconds))
        // Nil: the key was absent and is ours now; otherwise its value, unchanged.
        let old = try await client.send(["SET", key, "", "NX", "GET", "PX", ms])
        guard let text = old.string else { return .execute }
        return text.isEmpty ? .running : .replay(text)
    }

    func finish(session: String, call: String, reply: String) async throws {
        let key = keys.call(session: session, call: call)
        try await client.send(["SET", key, reply, "XX", "PX", String(max(1, window.milliseconds))])
    }
}
#endif
