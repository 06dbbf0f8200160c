#if canImport(CHiredis)
import SSActions
import Testing

@testable import SSRuntime

@Suite struct RedisUnitTests {
    @Test func parsesRedisURLs() throws {
        let plain = try RedisConfiguration(url: "redis://localhost")
        #expect(plain.host == "localhost" && plain.port == 6379 && plain.database == 0 && plain.password == nil)
        let full = try RedisConfiguration(url: "redis://:s%40cret@10.0.0.5:6380/3", keyPrefix: "chat:")
        #expect(full.host == "10.0.0.5" && full.port == 6380 && full.database == 3)
        #expect(full.password == "s@cret" && full.username == nil && full.keyPrefix == "chat:")
        #expect(full.redactedURL == "redis://:***@10.0.0.5:6380/3")
        let acl = try RedisConfiguration(url: "redis://app:pw@h:1/0")
        #expect(acl.username == "app" && acl.password == "pw")
        #expect(throws: RedisError.self) { try RedisConfiguration(url: "http://x") }
        #expect(throws: RedisError.self) { try RedisConfiguration(url: "rediss://x") }
        #expect(throws: RedisError.self) { try RedisConfiguration(url: "redis://h/notanumber") }
        let unix = try RedisConfiguration(url: "unix:///run/redis/redis.sock?db=2&password=pw")
        #expect(unix.unixSocketPath == "/run/redis/redis.sock" && unix.database == 2 && unix.password == "pw")
        #expect(unix.redactedURL == "unix:///run/redis/redis.sock?db=2")
        #expect(throws: RedisError.self) { try RedisConfiguration(url: "unix://") }
        #expect(throws: RedisError.self) { try RedisConfiguration(url: "unix:///s?colour=red") }
    }

    @Test func readsTheEnvironment() throws {
        #expect(try RedisConfiguration.fromEnvironment([:]) == nil)
        let c = try #require(
            try RedisConfiguration.fromEnvironment(["SS_REDIS_URL": "redis://r:7000/1", "SS_REDIS_PREFIX": "x:"]))
        #expect(c.port == 7000 && c.database == 1 && c.keyPrefix == "x:")
    }

    @Test func backoffDoublesUpToTheCapAndResets() {
        var b = ReconnectBackoff(initial: .milliseconds(50), maximum: .milliseconds(300), jitter: 0.2)
        let delays = (0..<6).map { _ in b.nextDelay(random: 0) }
        #expect(delays == [50, 100, 200, 300, 300, 300].map { Duration.milliseconds($0) })
        #expect(b.nextDelay(random: 1) == .milliseconds(240))
        b.reset()
        #expect(b.nextDelay(random: 0) == .milliseconds(50))
    }

    @Test func envelopesRoundTripExactly() throws {
        let messages = [
            PublishMessage(target: .broadcast, event: "flash", payload: RawJSON(unchecked: #"{ "b":1,"a" : [ ] }"#)),
            PublishMessage(target: .users(["42", "a\nb", ""]), event: "n\ne", payload: .null),
            PublishMessage(
                target: .channels(["kids", "dis ney"]), event: "story", payload: RawJSON(unchecked: "\"é\"")),
        ]
        for (i, m) in messages.enumerated() {
            let e = PubSubEnvelope(publisher: "p-1", sequence: UInt64(i + 7), message: m)
            #expect(PubSubEnvelope(decoding: e.encoded()) == e)
        }
    }

    @Test func garbageEnvelopesAreIgnored() {
        let good = PubSubEnvelope(
            publisher: "p", sequence: 1, message: PublishMessage(target: .users(["u"]), event: "e", payload: .null)
        ).encoded()
        for cut in 0..<good.count - 4 {  // every truncation short of the payload
            _ = PubSubEnvelope(decoding: Array(good[..<cut]))  // must not crash
        }
        #expect(PubSubEnvelope(decoding: Array("hello".utf8)) == nil)
        #expect(PubSubEnvelope(decoding: Array("SS1\np\nx\nb\n0\n1\ne".utf8)) == nil)
        #expect(PubSubEnvelope(decoding: Array("SS1\np\n1\nu\n99999\n".utf8)) == nil)
        #expect(PubSubEnvelope(decoding: Array("SS1\np\n1\nz\n0\n1\ne".utf8)) == nil)
    }

    @Test func keysLiveUnderThePrefix() {
        let k = RedisKeys(prefix: "a*b:")
        #expect(k.session("X") == "a*b:session:X")
        #expect(k.everythingPattern == "a\\*b:pub:*")
        #expect(k.channels(for: .users(["b", "a", "b"])) == ["a*b:pub:u:a", "a*b:pub:u:b"])
        #expect(k.channels(for: .broadcast) == ["a*b:pub:b"])
    }
}
#endif
