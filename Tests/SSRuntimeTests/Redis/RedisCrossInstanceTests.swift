#if canImport(CHiredis)
import Foundation
import SSActions
import Testing

@testable import SSRuntime

/// Two "instances" (two engines, each with its own connections and store set) on one real
/// redis-server, as two `ssbuild serve` processes would be.
@Suite(.enabled(if: RedisTestServer.available, "needs redis-server"))
struct RedisCrossInstanceTests {
    private func twoInstances(
        _ body: (RedisTestServer, RedisEngine, RedisEngine) async throws -> Void
    ) async throws {
        try await RedisTestServer.with { server in
            let engines = RedisEngines()
            let a = engines.make(server.configuration)
            let b = engines.make(server.configuration)
            // "Eventually connected", not a latency check: in the full parallel run,
            // synchronous CPU-bound tests can hold both threads of the cooperative pool for
            // tens of seconds on a 2-core machine (20 s was hit in CI rehearsals).
            #expect(await a.waitUntilConnected(timeout: .seconds(60)))
            #expect(await b.waitUntilConnected(timeout: .seconds(60)))
            do {
                try await body(server, a, b)
            } catch {
                await engines.shutdownAll()
                throw error
            }
            await engines.shutdownAll()
        }
    }

    private func message(_ target: PublishTarget, _ event: String) -> PublishMessage {
        PublishMessage(target: target, event: event, payload: RawJSON(unchecked: #"{"e":"\#(event)"}"#))
    }

    @Test func publishUserFromBReachesTheUsersConnectionsOnA() async throws {
        try await twoInstances { _, a, b in
            let inbox = RedisMailbox(try await a.pubsub.subscribeByInterest())
            a.pubsub.addInterest([.user("alice")])
            await a.pubsub.interestSettled()
            try await b.pubsub.publish(message(.users(["alice"]), "hi"))
            let got = try #require(await inbox.wait(event: "hi"))
            #expect(got == message(.users(["alice"]), "hi"))
        }
    }

    @Test func channelMessagesReachSubscribersOnBothInstances() async throws {
        try await twoInstances { _, a, b in
            let inboxA = RedisMailbox(try await a.pubsub.subscribeByInterest())
            let inboxB = RedisMailbox(try await b.pubsub.subscribeByInterest())
            a.pubsub.addInterest([.channel("room")])
            await a.pubsub.interestSettled()
            b.pubsub.addInterest([.channel("room")])
            await b.pubsub.interestSettled()
            try await b.pubsub.publish(message(.channels(["room"]), "said"))
            #expect(await inboxA.wait(event: "said") != nil)
            #expect(await inboxB.wait(event: "said") != nil)
        }
    }

    /// Not a firehose: an instance hears only broadcasts and its declared users and channels,
    /// and Redis knows it (the subscriber is not subscribed to other users' channels).
    @Test func instancesOnlyListenToTheirOwnUsersAndChannels() async throws {
        try await twoInstances { _, a, b in
            let inbox = RedisMailbox(try await a.pubsub.subscribeByInterest())
            a.pubsub.addInterest([.user("alice"), .channel("kids")])
            await a.pubsub.interestSettled()
            try await b.pubsub.publish(message(.users(["bob"]), "for-bob"))
            try await b.pubsub.publish(message(.channels(["adults"]), "for-adults"))
            try await b.pubsub.publish(message(.broadcast, "marker"))
            let got = await inbox.wait(for: 1)
            #expect(got.map(\.event) == ["marker"])
            let numsub = try await b.client.send([
                "PUBSUB", "NUMSUB", "ss:pub:u:alice", "ss:pub:u:bob", "ss:pub:c:kids",
            ])
            #expect(numsub.array?.compactMap(\.integer) == [1, 0, 1])
            // Withdrawing interest unsubscribes in Redis.
            a.pubsub.removeInterest([.user("alice")])
            var left: Int64 = -1
            for _ in 0..<200 {
                left = try await b.client.send(["PUBSUB", "NUMSUB", "ss:pub:u:alice"]).array?.last?.integer ?? -1
                if left == 0 { break }
                try await Task.sleep(for: .milliseconds(5))
            }
            #expect(left == 0)
        }
    }

    /// Per-connection declarations from many tasks at once: Redis ends up subscribed to
    /// exactly the topics with a positive count.
    @Test func concurrentInterestChangesStayBalanced() async throws {
        try await twoInstances { _, a, b in
            _ = try await a.pubsub.subscribeByInterest()
            await withTaskGroup(of: Void.self) { group in
                for t in 0..<8 {
                    group.addTask {
                        for i in 0..<200 {
                            let topics: [PubSubTopic] = [.user("u\(i % 10)"), .channel("c\((i + t) % 10)")]
                            a.pubsub.addInterest(topics)
                            if i % 3 != 0 || t == 0 { a.pubsub.removeInterest(topics) }
                        }
                    }
                }
            }
            await a.pubsub.interestSettled()
            let wanted = Set(
                a.pubsub.interest.map { t -> String in
                    switch t {
                    case .user(let id): return "ss:pub:u:\(id)"
                    case .channel(let name): return "ss:pub:c:\(name)"
                    }
                })
            let reply = try await b.client.send(["PUBSUB", "CHANNELS", "ss:pub:*"])
            let subscribed = Set(reply.array?.compactMap(\.string) ?? [])
            #expect(subscribed == wanted.union(["ss:pub:b"]))
            #expect(!wanted.isEmpty)
        }
    }

    /// A message for several channels reaches an instance subscribed to several of them once.
    @Test func multiTargetMessagesArriveOnce() async throws {
        try await twoInstances { _, a, b in
            let inbox = RedisMailbox(try await a.pubsub.subscribeByInterest())
            a.pubsub.addInterest([.channel("x"), .channel("y"), .user("u1"), .user("u2")])
            await a.pubsub.interestSettled()
            try await b.pubsub.publish(message(.channels(["x", "y", "z"]), "c"))
            try await b.pubsub.publish(message(.users(["u1", "u2"]), "u"))
            try await b.pubsub.publish(message(.broadcast, "end"))
            _ = await inbox.wait(event: "end")
            #expect(inbox.messages.map(\.event) == ["c", "u", "end"])
            #expect(a.pubsub.statistics == .init(published: 0, delivered: 3, duplicates: 2, malformed: 0))
            #expect(b.pubsub.statistics.published == 3)
            // Someone else's payload on our channel is dropped, not delivered or crashed on.
            try await b.client.send(["PUBLISH", "ss:pub:b", "not an envelope"])
            try await b.pubsub.publish(message(.broadcast, "after"))
            _ = await inbox.wait(event: "after")
            #expect(a.pubsub.statistics.malformed == 1)
        }
    }

    /// Delivery is ordered per publisher, across different Redis channels.
    @Test func orderIsKeptPerPublisher() async throws {
        try await twoInstances { _, a, b in
            let inbox = RedisMailbox(try await a.pubsub.subscribeByInterest())
            a.pubsub.addInterest([.user("alice"), .channel("c")])
            await a.pubsub.interestSettled()
            let sent = (0..<300).map { i -> PublishMessage in
                let target: PublishTarget = [.broadcast, .users(["alice"]), .channels(["c"])][i % 3]
                return message(target, "m\(i)")
            }
            for m in sent { try await b.pubsub.publish(m) }
            let got = await inbox.wait(for: sent.count)
            #expect(got == sent)
        }
    }

    @Test func usersOnlineListsUsersFromBothInstances() async throws {
        try await twoInstances { _, a, b in
            let sa = a.stores(presenceWindow: .seconds(60))
            let sb = b.stores(presenceWindow: .seconds(60))
            try await sa.presence.heartbeat(userId: "alice")
            try await sb.presence.heartbeat(userId: "bob")
            #expect(try await sa.presence.online() == ["alice", "bob"])
            #expect(try await sb.presence.online() == ["alice", "bob"])
        }
    }

    /// An instance that dies (no goodbye, no remove) leaves no ghost after the window.
    @Test func aDeadInstanceLeavesNoGhostsAfterTheWindow() async throws {
        try await twoInstances { server, a, b in
            // Wide enough that a loaded CI machine cannot expire the ghost before the first check.
            let window = Duration.seconds(2)
            let sa = a.stores(presenceWindow: window)
            let sb = b.stores(presenceWindow: window)
            try await sa.presence.heartbeat(userId: "ghost")
            try await sb.presence.heartbeat(userId: "bob")
            await a.shutdown()  // instance A is gone; B keeps heartbeating bob
            #expect(try await sb.presence.online() == ["bob", "ghost"])
            for _ in 0..<3 {
                try await Task.sleep(for: .milliseconds(800))
                try await sb.presence.heartbeat(userId: "bob")
            }
            #expect(try await sb.presence.online() == ["bob"])
            try await sb.presence.purge()
            #expect(try await b.client.send(["ZCARD", "ss:presence"]).integer == 1)
        }
    }

    @Test func sessionsAreSharedBetweenInstances() async throws {
        try await twoInstances { _, a, b in
            let sa = a.stores()
            let sb = b.stores()
            let id = try await sa.sessions.create().id
            try await sa.sessions.setUserId("alice", for: id)
            try await sa.sessions.addChannels(["kids"], for: id)
            let seenOnB = try #require(try await sb.sessions.load(id))
            #expect(seenOnB.userId == "alice" && seenOnB.channels == ["kids"])
            try await sb.sessions.setUserId(nil, for: id)
            let back = try #require(try await sa.sessions.load(id))
            #expect(back.userId == nil && back.channels.isEmpty)
        }
    }

    @Test func keyPrefixesSeparateApps() async throws {
        try await RedisTestServer.with { server in
            var other = server.configuration
            other.keyPrefix = "other:"
            let a = RedisEngine(configuration: server.configuration)
            let b = RedisEngine(configuration: other)
            let inbox = RedisMailbox(try await a.pubsub.subscribe())
            try await b.pubsub.publish(message(.broadcast, "elsewhere"))
            try await a.pubsub.publish(message(.broadcast, "here"))
            _ = await inbox.wait(event: "here")
            #expect(inbox.messages.map(\.event) == ["here"])
            let id = try await a.stores().sessions.create().id
            #expect(try await b.stores().sessions.load(id) == nil)
            await a.shutdown()
            await b.shutdown()
        }
    }

    /// `unix:///path?db=N`: the same stores over a Unix domain socket, in another database.
    @Test func worksOverAUnixSocketAndSelectsTheDatabase() async throws {
        try await RedisTestServer.with { server in
            let unix = RedisEngine(configuration: try RedisConfiguration(url: "unix://\(server.socketPath)?db=3"))
            let tcp = RedisEngine(configuration: server.configuration)
            let id = try await unix.stores().sessions.create().id
            #expect(try await unix.stores().sessions.load(id) != nil)
            #expect(try await tcp.stores().sessions.load(id) == nil)  // db 0
            let inbox = RedisMailbox(try await unix.pubsub.subscribe())
            try await tcp.pubsub.publish(message(.broadcast, "across"))  // pub/sub ignores databases
            #expect(await inbox.wait(event: "across") != nil)
            await unix.shutdown()
            await tcp.shutdown()
        }
    }

    /// `redis://:password@host:port/db` authenticates both connections; a wrong password
    /// makes calls fail with an error that says why.
    @Test func authenticatesWithThePasswordFromTheURL() async throws {
        try await RedisTestServer.with(arguments: ["--requirepass", "s3cret"]) { server in
            let good = try RedisEngine(url: "redis://:s3cret@127.0.0.1:\(server.port)/2")
            #expect(await good.waitUntilConnected(timeout: .seconds(60)))
            let id = try await good.stores().sessions.create().id
            #expect(try await good.stores().sessions.load(id) != nil)
            let inbox = RedisMailbox(try await good.pubsub.subscribe())
            try await good.pubsub.publish(message(.broadcast, "authed"))
            #expect(await inbox.wait(event: "authed") != nil)
            let bad = try RedisEngine(url: "redis://:wrong@127.0.0.1:\(server.port)/0")
            do {
                _ = try await bad.client.send(["PING"])
                Issue.record("PING with a wrong password succeeded")
            } catch let error as RedisError {
                #expect("\(error)".contains("WRONGPASS") || "\(error)".contains("invalid"), "\(error)")
            }
            await good.shutdown()
            await bad.shutdown()
        }
    }
}
#endif
