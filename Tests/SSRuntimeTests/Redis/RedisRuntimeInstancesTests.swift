#if canImport(CHiredis)
import Foundation
import SSActions
import Testing

@testable import SSRuntime

/// One runtime instance of a multi-instance test: a `Runtime` served by Hummingbird on its
/// own loopback port, with its own Redis engine (two connections), as one `ssbuild serve`.
struct RuntimeInstance: Sendable {
    let port: Int
    let runtime: Runtime
    let engine: RedisEngine

    func open(cookie: String? = nil) async throws -> (TestWebSocket, JSONValue) {
        let ws = try await TestWebSocket.connect(port: port, cookie: cookie)
        return (ws, try await ws.next(type: "init", timeout: .seconds(20)))
    }

    /// A connection logged in as `user`.
    func open(as user: String) async throws -> TestWebSocket {
        let (ws, _) = try await open()
        #expect(try await ws.call("app.login", [.string(user)])["result"] == .string(user))
        return ws
    }
}

/// Runs `body` with two runtime instances on one real redis-server, each on its own port.
func withTwoRuntimeInstances(
    configuration: RuntimeConfiguration = testConfiguration(), callWindow: Duration? = nil,
    _ body: @Sendable (RedisTestServer, RuntimeInstance, RuntimeInstance) async throws -> Void
) async throws {
    try await RedisTestServer.with { server in
        let engines = RedisEngines()
        let engineA = engines.make(server.configuration)
        let engineB = engines.make(server.configuration)
        #expect(await engineA.waitUntilConnected(timeout: .seconds(60)))
        #expect(await engineB.waitUntilConnected(timeout: .seconds(60)))
        do {
            let storesA = engineA.stores(callWindow: callWindow)
            let storesB = engineB.stores(callWindow: callWindow)
            try await withRuntimeServer(configuration: configuration, stores: storesA) { portA, runtimeA in
                try await withRuntimeServer(configuration: configuration, stores: storesB) {
                    portB, runtimeB in
                    try await body(
                        server, RuntimeInstance(port: portA, runtime: runtimeA, engine: engineA),
                        RuntimeInstance(port: portB, runtime: runtimeB, engine: engineB))
                }
            }
        } catch {
            await engines.shutdownAll()
            throw error
        }
        await engines.shutdownAll()
    }
}

/// Asks Redis how many subscriber connections listen to each channel.
func redisNumsub(_ engine: RedisEngine, _ channels: [String]) async throws -> [Int64] {
    try await engine.client.send(["PUBSUB", "NUMSUB"] + channels).array?.compactMap(\.integer) ?? []
}

/// Polls `NUMSUB` until it matches (an UNSUBSCRIBE is asynchronous); returns the last answer.
func redisNumsub(_ engine: RedisEngine, _ channels: [String], becomes expected: [Int64]) async throws -> [Int64] {
    var last: [Int64] = []
    for _ in 0..<1000 {
        last = try await redisNumsub(engine, channels)
        if last == expected { break }
        try await Task.sleep(for: .milliseconds(10))
    }
    return last
}

/// Two `Runtime` instances, real WebSocket clients, one redis-server: the multi-instance
/// guarantees of issue 9, with the runtime listening by interest (no pattern subscription).
@Suite(.enabled(if: RedisTestServer.available, "needs redis-server"), .timeLimit(.minutes(3)))
struct RedisRuntimeInstancesTests {
    @Test func publishUserOnBReachesEveryConnectionOfTheUserOnA() async throws {
        try await withTwoRuntimeInstances { _, a, b in
            let ann1 = try await a.open(as: "ann")
            let ann2 = try await a.open(as: "ann")
            let bob = try await b.open(as: "bob")
            defer { [ann1, ann2, bob].forEach { $0.close() } }
            // From an action on B ...
            #expect(try await bob.call("app.tell", ["ann", "from bob"])["result"] == .null)
            for ws in [ann1, ann2] {
                let e = try await ws.next(type: "event", timeout: .seconds(20))
                #expect(e["name"] == "note")
                #expect(e["payload"] == "from bob")
                #expect(e["channel"] == nil)
            }
            // ... and from B's host API.
            try await b.runtime.publish.user("ann", "flash", ["n": 2])
            #expect(try await ann1.next(type: "event", timeout: .seconds(20))["payload"] == ["n": 2])
            #expect(try await ann2.next(type: "event", timeout: .seconds(20))["payload"] == ["n": 2])
            // bob got nothing of it: the next thing he sees is his own marker.
            try await b.runtime.publish.user("bob", "marker", JSONValue.null)
            #expect(try await bob.next(type: "event", timeout: .seconds(20))["name"] == "marker")
        }
    }

    @Test func channelMessagesReachSubscribersOnBothInstancesAndNoOneElse() async throws {
        try await withTwoRuntimeInstances { _, a, b in
            let (inA, _) = try await a.open()
            let (outA, _) = try await a.open()
            let (inB, _) = try await b.open()
            let (outB, _) = try await b.open()
            defer { [inA, outA, inB, outB].forEach { $0.close() } }
            _ = try await inA.call("app.join", ["room"])
            _ = try await inB.call("app.join", ["room"])
            _ = try await outA.call("app.join", ["other"])
            #expect(try await inB.call("app.say", ["room", "hello"])["result"] == .null)
            for ws in [inA, inB] {
                let e = try await ws.next(type: "event", timeout: .seconds(20))
                #expect(e["name"] == "said")
                #expect(e["payload"] == "hello")
                #expect(e["channel"] == "room")
            }
            // Non-subscribers: the first event they get is the broadcast published after it
            // (one publisher, so Redis keeps the order).
            try await b.runtime.publish.broadcast("marker", JSONValue.null)
            for ws in [outA, outB, inA, inB] {
                #expect(try await ws.next(type: "event", timeout: .seconds(20))["name"] == "marker")
            }
            // Leaving stops delivery on that instance only.
            _ = try await inA.call("app.leave", ["room"])
            try await a.runtime.publish.channel("room", "again", JSONValue.null)
            try await a.runtime.publish.broadcast("marker2", JSONValue.null)
            #expect(try await inB.next(type: "event", timeout: .seconds(20))["name"] == "again")
            #expect(try await inA.next(type: "event", timeout: .seconds(20))["name"] == "marker2")
        }
    }

    @Test func usersOnlineListsTheUsersOfBothInstances() async throws {
        try await withTwoRuntimeInstances { _, a, b in
            let ann = try await a.open(as: "ann")
            let bob = try await b.open(as: "bob")
            defer { [ann, bob].forEach { $0.close() } }
            #expect(try await a.runtime.usersOnline() == ["ann", "bob"])
            #expect(try await b.runtime.usersOnline() == ["ann", "bob"])
            _ = try await bob.call("app.logout")
            #expect(try await a.runtime.usersOnline() == ["ann"])
        }
    }

    /// Not a firehose: each instance's subscriber connection is SUBSCRIBEd to the broadcast
    /// channel and the user and channel channels of its own connections, no patterns, and
    /// drops a channel when its last local connection leaves it.
    @Test func eachInstanceSubscribesOnlyToWhatItsConnectionsNeed() async throws {
        try await withTwoRuntimeInstances { _, a, b in
            let ann = try await a.open(as: "ann")
            let bob = try await b.open(as: "bob")
            _ = try await ann.call("app.join", ["kids"])
            _ = try await bob.call("app.join", ["kids"])
            _ = try await bob.call("app.join", ["adults"])
            let (anon, _) = try await a.open()
            defer { [ann, bob, anon].forEach { $0.close() } }

            #expect(a.engine.pubsub.interest == [.user("ann"), .channel("kids")])
            #expect(b.engine.pubsub.interest == [.user("bob"), .channel("kids"), .channel("adults")])
            let channels = try await a.engine.client.send(["PUBSUB", "CHANNELS", "ss:pub:*"])
            #expect(
                Set(channels.array?.compactMap(\.string) ?? []) == [
                    "ss:pub:b", "ss:pub:u:ann", "ss:pub:u:bob", "ss:pub:c:kids", "ss:pub:c:adults",
                ])
            #expect(
                try await redisNumsub(a.engine, ["ss:pub:b", "ss:pub:u:ann", "ss:pub:u:bob", "ss:pub:c:kids",
                                                 "ss:pub:c:adults"]) == [2, 1, 1, 2, 1])
            // No pattern subscription anywhere (the old design's PSUBSCRIBE ss:pub:*).
            #expect(try await a.engine.client.send(["PUBSUB", "NUMPAT"]).integer == 0)

            // Logout leaves the user's and the session's channels; closing leaves the rest.
            _ = try await bob.call("app.logout")
            #expect(
                try await redisNumsub(
                    a.engine, ["ss:pub:u:bob", "ss:pub:c:adults", "ss:pub:c:kids"], becomes: [0, 0, 1]) == [0, 0, 1])
            ann.close()
            #expect(
                try await redisNumsub(a.engine, ["ss:pub:u:ann", "ss:pub:c:kids"], becomes: [0, 0]) == [0, 0])
            #expect(a.engine.pubsub.interest.isEmpty)
            #expect(b.engine.pubsub.interest.isEmpty)
        }
    }

    /// The session lives in Redis: a client of A that reconnects to B keeps its user and
    /// channels, and B starts listening for them.
    @Test func aSessionMovesToTheOtherInstanceWithItsUserAndChannels() async throws {
        try await withTwoRuntimeInstances { _, a, b in
            let (first, _) = try await a.open()
            let cookie = try #require(first.sessionCookie)
            _ = try await first.call("app.login", ["ann"])
            _ = try await first.call("app.join", ["kids"])
            first.close()
            let (moved, initial) = try await b.open(cookie: cookie)
            defer { moved.close() }
            #expect(initial["session"] == "resumed")
            #expect(initial["user"] == "ann")
            #expect(initial["channels"] == ["kids"])
            try await a.runtime.publish.user("ann", "u", JSONValue.null)
            try await a.runtime.publish.channel("kids", "c", JSONValue.null)
            #expect(try await moved.next(type: "event", timeout: .seconds(20))["name"] == "u")
            #expect(try await moved.next(type: "event", timeout: .seconds(20))["name"] == "c")
        }
    }

    /// Two tabs of one session on two instances (a load balancer without affinity): a login,
    /// join, logout or attribute change in the tab on A reaches the tab on B's routing too.
    @Test func aSessionChangedOnOneInstanceIsSeenByItsConnectionsOnTheOther() async throws {
        try await withTwoRuntimeInstances { _, a, b in
            let (tabA, _) = try await a.open()
            let cookie = try #require(tabA.sessionCookie)
            let (tabB, _) = try await b.open(cookie: cookie)
            defer { [tabA, tabB].forEach { $0.close() } }
            let inboxB = WebSocketInbox(tabB)
            _ = try await tabA.call("app.login", ["ann"])
            _ = try await tabA.call("app.join", ["kids"])
            _ = try await tabA.call("app.remember", ["from A"])
            // B re-reads the session: publishes to the user and the channel reach tab B.
            var seen = false
            for i in 0..<200 where !seen {
                try await a.runtime.publish.user("ann", "u\(i)", JSONValue.null)
                try await a.runtime.publish.channel("kids", "c\(i)", JSONValue.null)
                seen = await inboxB.wait(within: .milliseconds(50)) { messages in
                    messages.contains { ($0["name"]?.stringValue ?? "").hasPrefix("u") }
                        && messages.contains { $0["channel"] == "kids" }
                }
            }
            #expect(seen, "tab B gets the user's and the channel's events")
            let session = try #require(cookie.split(separator: "=").last.map(String.init))
            let expected = ConnectionHub.Snapshot(userId: "ann", attributes: ["v": "from A"], channels: ["kids"])
            for _ in 0..<500 where b.runtime.hub.snapshot(session) != expected {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(b.runtime.hub.snapshot(session) == expected, "attributes too")
            #expect(try await redisNumsub(a.engine, ["ss:pub:u:ann", "ss:pub:c:kids"]) == [2, 2])

            _ = try await tabA.call("app.logout")
            #expect(
                try await redisNumsub(a.engine, ["ss:pub:u:ann", "ss:pub:c:kids"], becomes: [0, 0]) == [0, 0],
                "logout on A leaves the user and channels on B too")
        }
    }

    /// A graceful shutdown of A on Redis: its client is told to reconnect, moves to B with
    /// its session (user and channels in Redis), hears B's publishes there, and A's
    /// subscriber drops the user's and channel's Redis channels.
    @Test func aClientOfAShutDownInstanceContinuesOnTheOther() async throws {
        try await withTwoRuntimeInstances { _, a, b in
            let (ws, _) = try await a.open()
            let cookie = try #require(ws.sessionCookie)
            _ = try await ws.call("app.login", ["ann"])
            _ = try await ws.call("app.join", ["kids"])
            let inbox = WebSocketInbox(ws)
            #expect(try await redisNumsub(b.engine, ["ss:pub:u:ann", "ss:pub:c:kids"]) == [1, 1])

            let report = await a.runtime.shutdown(drainTimeout: .seconds(5))
            #expect(report.connectionsNotified == 1)
            // The reconnect message precedes the close frame on the wire; shutdown returns
            // once it is written, not once this client has read it.
            #expect(await inbox.waitClosed() == 1012)
            #expect(inbox.messages.contains { $0["type"] == "reconnect" })
            #expect(try await redisNumsub(b.engine, ["ss:pub:u:ann", "ss:pub:c:kids"], becomes: [0, 0]) == [0, 0])

            let (moved, initial) = try await b.open(cookie: cookie)
            defer { moved.close() }
            #expect(initial["session"] == "resumed")
            #expect(initial["user"] == "ann")
            #expect(initial["channels"] == ["kids"])
            #expect(try await redisNumsub(b.engine, ["ss:pub:u:ann", "ss:pub:c:kids"]) == [1, 1])
            try await b.runtime.publish.channel("kids", "story", JSONValue.null)
            #expect(try await moved.next(type: "event", timeout: .seconds(20))["channel"] == "kids")
        }
    }
}
#endif
