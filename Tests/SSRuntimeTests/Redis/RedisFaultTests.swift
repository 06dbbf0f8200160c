#if canImport(CHiredis)
import Foundation
import SSActions
import Testing

@testable import SSRuntime

/// Redis dies under load and comes back on the same port: calls fail with errors (no crash,
/// no hang), and afterwards every subscription works again without re-creating the stores.
@Suite(.enabled(if: RedisTestServer.available, "needs redis-server"))
struct RedisFaultTests {
    private func message(_ target: PublishTarget, _ event: String) -> PublishMessage {
        PublishMessage(target: target, event: event, payload: .null)
    }

    @Test func recoversAfterRedisIsKilledAndRestarted() async throws {
        try await RedisTestServer.with { server in
            let logA = Locked([String]())
            let a = RedisEngine(configuration: server.configuration) { line in logA.withLock { $0.append(line) } }
            let b = RedisEngine(configuration: server.configuration)
            #expect(await a.waitUntilConnected(timeout: .seconds(60)))
            #expect(await b.waitUntilConnected(timeout: .seconds(60)))
            let storesB = b.stores()
            let routed = RedisMailbox(try await a.pubsub.subscribeByInterest())
            let everything = RedisMailbox(try await a.pubsub.subscribe())
            a.pubsub.addInterest([.user("alice"), .channel("room")])
            await a.pubsub.interestSettled()
            let session = try await storesB.sessions.create().id

            // Load: four tasks on B publish to alice back to back while Redis dies and comes back.
            let counts = Locked((published: 0, failed: 0))
            let load = Task {
                await withTaskGroup(of: Void.self) { group in
                    for _ in 0..<4 {
                        group.addTask {
                            while !Task.isCancelled {
                                do {
                                    try await b.pubsub.publish(message(.users(["alice"]), "load"))
                                    counts.withLock { $0.published += 1 }
                                } catch {
                                    counts.withLock { $0.failed += 1 }
                                    try? await Task.sleep(for: .milliseconds(5))
                                }
                            }
                        }
                    }
                }
            }
            try await Task.sleep(for: .milliseconds(200))
            server.kill()
            let killedAt = ContinuousClock.now

            // While down: every kind of call throws a RedisError, promptly.
            await #expect(throws: RedisError.self) { try await storesB.sessions.load(session) }
            await #expect(throws: RedisError.self) { try await storesB.presence.online() }
            await #expect(throws: RedisError.self) { try await b.pubsub.publish(message(.broadcast, "lost")) }
            #expect(ContinuousClock.now - killedAt < .seconds(2))
            try await Task.sleep(for: .milliseconds(500))

            try await server.start()
            let restartedAt = ContinuousClock.now
            // Recovered = a publish from B reaches A's routed subscription again.
            var recovered: Duration? = nil
            var probe = 0
            while ContinuousClock.now - restartedAt < .seconds(10) {
                probe += 1
                try? await b.pubsub.publish(message(.users(["alice"]), "probe\(probe)"))
                if routed.messages.contains(where: { $0.event.hasPrefix("probe") }) {
                    recovered = ContinuousClock.now - restartedAt
                    break
                }
                try await Task.sleep(for: .milliseconds(5))
            }
            load.cancel()
            _ = await load.value
            let recoveryTime = try #require(recovered)

            // Every subscription works again: user, channel, broadcast, and the pattern one.
            try await b.pubsub.publish(message(.channels(["room"]), "room-after"))
            try await b.pubsub.publish(message(.broadcast, "all-after"))
            #expect(await routed.wait(event: "room-after") != nil)
            #expect(await routed.wait(event: "all-after") != nil)
            #expect(await everything.wait(event: "all-after") != nil)
            #expect(a.pubsub.subscriberReconnects >= 1)
            // Stores work again (the session itself died with the unsaved Redis: --save "").
            #expect(try await storesB.sessions.load(session) == nil)
            #expect(try await storesB.sessions.create().id.count == 32)

            let c = counts.withLock { $0 }
            let delivered = routed.messages.filter { $0.event == "load" }.count
            print(
                "redis fault: recovery \(recoveryTime) after restart; load publishes ok \(c.published), "
                    + "failed with error \(c.failed), delivered \(delivered), lost \(c.published - delivered)")
            #expect(recoveryTime < .seconds(3))
            // One line per state change, not one per retry.
            #expect(await a.waitUntilConnected(timeout: .seconds(60)))
            let lines = logA.withLock { $0 }
            for role in ["commands", "subscriber"] {
                let mine = lines.filter { $0.hasPrefix("redis \(role) ") }
                #expect(mine.first?.hasSuffix(": connected") == true, "\(mine)")
                #expect(mine.contains { $0.hasSuffix("connection lost; reconnecting") }, "\(mine)")
                #expect(mine.contains { $0.contains("reconnected after") }, "\(mine)")
                #expect(mine.count <= 4, "\(mine)")
            }
            #expect(c.failed > 0)
            #expect(delivered <= c.published)
            await a.shutdown()
            await b.shutdown()
        }
    }

    /// After a restart the subscriber re-subscribes every wanted channel (here 1,500 users and
    /// channels, sent in chunks), but not the ones whose interest was withdrawn.
    @Test func resubscribesEveryWantedChannelAfterARestart() async throws {
        try await RedisTestServer.with { server in
            let a = RedisEngine(configuration: server.configuration)
            let probe = RedisEngine(configuration: server.configuration)
            _ = try await a.pubsub.subscribeByInterest()
            let users = (0..<1000).map { PubSubTopic.user("u\($0)") }
            let channels = (0..<500).map { PubSubTopic.channel("c\($0)") }
            a.pubsub.addInterest(users + channels)
            await a.pubsub.interestSettled()
            a.pubsub.removeInterest([.user("u7"), .channel("c7")])
            func count() async -> Int {
                (try? await probe.client.send(["PUBSUB", "CHANNELS", "ss:pub:*"]).array?.count) ?? -1
            }
            func settled() async -> Int {
                var n = -1
                for _ in 0..<500 {
                    n = await count()
                    if n == 1 + 999 + 499 { break }
                    try? await Task.sleep(for: .milliseconds(10))
                }
                return n
            }
            #expect(await settled() == 1 + 999 + 499)  // the unsubscribe is asynchronous
            server.kill()
            try await server.start()
            #expect(await settled() == 1 + 999 + 499)
            let numsub = try await probe.client.send(["PUBSUB", "NUMSUB", "ss:pub:u:u7", "ss:pub:u:u8"])
            #expect(numsub.array?.compactMap(\.integer) == [0, 1])
            await a.shutdown()
            await probe.shutdown()
        }
    }

    /// A hung Redis (SIGSTOP) cannot hang callers: the command timeout fails the call, and
    /// the idle health-check PING notices the hang on connections nobody is using.
    @Test func aFrozenRedisTimesOut() async throws {
        try await RedisTestServer.with { server in
            var config = server.configuration
            config.commandTimeout = .milliseconds(300)
            config.healthCheckInterval = .milliseconds(100)
            let engine = RedisEngine(configuration: config)
            #expect(await engine.waitUntilConnected(timeout: .seconds(60)))
            let pid = try #require(server.pid)
            kill(pid, SIGSTOP)
            let start = ContinuousClock.now
            await #expect(throws: RedisError.self) { try await engine.client.send(["PING"]) }
            #expect(ContinuousClock.now - start < .seconds(2))
            // The idle subscriber connection is replaced too (the kernel still accepts the
            // new TCP connection while the process is stopped).
            var replaced = false
            for _ in 0..<200 where !replaced {
                try await Task.sleep(for: .milliseconds(10))
                replaced = engine.pubsub.subscriberReconnects >= 1
            }
            #expect(replaced)
            kill(pid, SIGCONT)
            var ok = false
            for _ in 0..<200 {
                if (try? await engine.client.send(["PING"])) == .status("PONG") {
                    ok = true
                    break
                }
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(ok)
            await engine.shutdown()
        }
    }

    /// Stores made while Redis is down start working once it is up.
    @Test func storesMadeBeforeRedisStartsConnectLater() async throws {
        let server = try RedisTestServer()
        let engine = RedisEngine(configuration: server.configuration)
        let stores = engine.stores()
        await #expect(throws: RedisError.self) { try await stores.presence.online() }
        let inbox = RedisMailbox(try await engine.pubsub.subscribeByInterest())
        engine.pubsub.addInterest([.user("early")])
        await engine.pubsub.interestSettled()
        try await server.start()
        defer { server.stop() }
        #expect(await engine.waitUntilConnected(timeout: .seconds(60)))
        let other = RedisEngine(configuration: server.configuration)
        #expect(await other.waitUntilConnected(timeout: .seconds(60)))
        var got = false
        for _ in 0..<100 where !got {
            try await other.pubsub.publish(message(.users(["early"]), "hello"))
            got = await inbox.wait(event: "hello", within: .milliseconds(50)) != nil
        }
        #expect(got)
        await engine.shutdown()
        await other.shutdown()
    }
}

/// Cross-instance publish latency on loopback: B publishes, A's routed subscription receives.
@Suite(.enabled(if: RedisTestServer.available, "needs redis-server"))
struct RedisLatencyTests {
    @Test func crossInstancePublishLatency() async throws {
        try await RedisTestServer.with { server in
            let a = RedisEngine(configuration: server.configuration)
            let b = RedisEngine(configuration: server.configuration)
            #expect(await a.waitUntilConnected(timeout: .seconds(60)))
            #expect(await b.waitUntilConnected(timeout: .seconds(60)))
            let sub = try await a.pubsub.subscribeByInterest()
            a.pubsub.addInterest([.user("alice")])
            await a.pubsub.interestSettled()
            let n = 2000
            let received = Locked([ContinuousClock.Instant]())
            let (acks, ack) = AsyncStream<Void>.makeStream()
            let reader = Task {
                for await _ in sub.messages {
                    let count = received.withLock { r in
                        r.append(.now)
                        return r.count
                    }
                    ack.yield()
                    if count >= n { return }
                }
            }
            var sent = [ContinuousClock.Instant]()
            var acked = acks.makeAsyncIterator()
            for i in 0..<n {
                sent.append(.now)
                try await b.pubsub.publish(
                    PublishMessage(target: .users(["alice"]), event: "t", payload: RawJSON(unchecked: String(i))))
                // One message in flight at a time: wait for its receipt.
                _ = await acked.next()
            }
            await reader.value
            let got = received.withLock { $0 }
            #expect(got.count == n)
            let latencies = zip(sent, got).map { ($1 - $0) }.sorted()
            let p50 = latencies[latencies.count / 2]
            let p99 = latencies[latencies.count * 99 / 100]
            print(
                "redis cross-instance publish latency over \(n) messages: "
                    + "p50 \(p50), p99 \(p99), max \(latencies.last!)"
            )
            #expect(p50 < .milliseconds(20))
            sub.cancel()
            await a.shutdown()
            await b.shutdown()
        }
    }
}
#endif
