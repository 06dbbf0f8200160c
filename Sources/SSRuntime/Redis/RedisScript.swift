#if canImport(CHiredis)
/// A Lua script run with EVALSHA. The SHA comes from `SCRIPT LOAD` on first use; after a
/// Redis restart (script cache empty) a NOSCRIPT reply loads it again and retries once.
///
///     let touch = RedisScript("return redis.call('PEXPIRE', KEYS[1], ARGV[1])")
///     try await touch.run(on: client, keys: ["ss:k"], args: ["1000"])
final class RedisScript: Sendable {
    let source: String
    private let sha = Locked<String?>(nil)

    init(_ source: String) { self.source = source }

    func run(on client: RedisClient, keys: [String], args: [String]) async throws -> RESPValue {
        let tail = [String(keys.count)] + keys + args
        if let known = sha.withLock({ $0 }) {
            do {
                return try await client.send(["EVALSHA", known] + tail)
            } catch RedisError.server(let message) where message.hasPrefix("NOSCRIPT") {
                // fall through: the server lost its script cache
            }
        }
        let loaded = try await client.send(["SCRIPT", "LOAD", source])
        guard let digest = loaded.string else { throw RedisError.unexpectedReply("SCRIPT LOAD gave \(loaded)") }
        sha.withLock { $0 = digest }
        return try await client.send(["EVALSHA", digest] + tail)
    }
}
#endif
