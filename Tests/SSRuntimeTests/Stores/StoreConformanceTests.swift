import Foundation
import SSActions
import Testing

@testable import SSRuntime

/// A way to build a store set for the conformance suite. Every store implementation adds
/// one entry to `all` (the Redis stores add theirs when a redis-server is available).
/// `idle` and `window` are the session idle timeout and presence window the stores must use;
/// `advance` moves their time forward.
struct StoreFactory: Sendable, CustomTestStringConvertible {
    let name: String
    let make:
        @Sendable (_ idle: Duration, _ window: Duration) async throws -> (
            RuntimeStores, @Sendable (Duration) async -> Void
        )

    var testDescription: String { name }

    static let inMemory = StoreFactory(name: "in-memory") { idle, window in
        let clock = ManualClock()
        let stores = RuntimeStores.inMemory(sessionIdleTimeout: idle, presenceWindow: window, clock: clock)
        return (stores, { clock.advance(by: $0) })
    }

    static let all: [StoreFactory] = [.inMemory]
}

@Suite struct SessionStoreConformance {
    @Test(arguments: StoreFactory.all)
    func createsUniqueWellFormedIds(_ factory: StoreFactory) async throws {
        let (stores, _) = try await factory.make(.seconds(60), .seconds(60))
        var ids = Set<String>()
        for _ in 0..<200 {
            let r = try await stores.sessions.create()
            #expect(SessionID.isWellFormed(r.id))
            ids.insert(r.id)
        }
        #expect(ids.count == 200)
    }

    @Test(arguments: StoreFactory.all)
    func roundTripsUserAttributesAndChannels(_ factory: StoreFactory) async throws {
        let (stores, _) = try await factory.make(.seconds(60), .seconds(60))
        let s = stores.sessions
        let id = try await s.create().id
        try await s.setUserId("u1", for: id)
        try await s.setAttribute("theme", "dark", for: id)
        try await s.setAttribute("n", 3, for: id)
        try await s.addChannels(["a", "b"], for: id)
        try await s.addChannels(["b", "c"], for: id)
        try await s.removeChannels(["a"], for: id)
        try await s.setAttribute("n", nil, for: id)
        let r = try #require(try await s.load(id))
        #expect(r.userId == "u1")
        #expect(r.attributes == ["theme": "dark"])
        #expect(r.channels == ["b", "c"])
    }

    @Test(arguments: StoreFactory.all)
    func logoutClearsUserAndChannelsInTheStore(_ factory: StoreFactory) async throws {
        let (stores, _) = try await factory.make(.seconds(60), .seconds(60))
        let s = stores.sessions
        let id = try await s.create().id
        try await s.setUserId("u1", for: id)
        try await s.addChannels(["x"], for: id)
        try await s.setUserId(nil, for: id)
        let r = try #require(try await s.load(id))
        #expect(r.userId == nil)
        #expect(r.channels.isEmpty)
    }

    @Test(arguments: StoreFactory.all)
    func unknownIdsAndDeletedSessionsLoadAsNil(_ factory: StoreFactory) async throws {
        let (stores, _) = try await factory.make(.seconds(60), .seconds(60))
        let s = stores.sessions
        #expect(try await s.load(SessionID.generate()) == nil)
        let id = try await s.create().id
        try await s.delete(id)
        #expect(try await s.load(id) == nil)
        // Writes to a missing session do not create it.
        try await s.setUserId("u", for: id)
        #expect(try await s.load(id) == nil)
    }

    @Test(arguments: StoreFactory.all)
    func idleSessionsExpireButUsedOnesLive(_ factory: StoreFactory) async throws {
        let (stores, advance) = try await factory.make(.seconds(10), .seconds(60))
        let s = stores.sessions
        let idle = try await s.create().id
        let used = try await s.create().id
        await advance(.seconds(6))
        #expect(try await s.load(used) != nil)
        await advance(.seconds(6))
        #expect(try await s.load(used) != nil)
        #expect(try await s.load(idle) == nil)
        await advance(.seconds(11))
        #expect(try await s.purgeExpired() >= 1)
        #expect(try await s.load(used) == nil)
    }
}

@Suite struct PubSubConformance {
    @Test(arguments: StoreFactory.all)
    func everySubscriberGetsEveryMessageInOrder(_ factory: StoreFactory) async throws {
        let (stores, _) = try await factory.make(.seconds(60), .seconds(60))
        let a = try await stores.pubsub.subscribe()
        let b = try await stores.pubsub.subscribe()
        let sent = (0..<50).map {
            PublishMessage(
                target: $0 % 2 == 0 ? .broadcast : .users(["u\($0)"]), event: "e", payload: RawJSON(unchecked: "\($0)"))
        }
        for m in sent { try await stores.pubsub.publish(m) }
        for sub in [a, b] {
            var got: [PublishMessage] = []
            for await m in sub.messages {
                got.append(m)
                if got.count == sent.count { break }
            }
            #expect(got == sent)
        }
        a.cancel()
        b.cancel()
    }

    @Test(arguments: StoreFactory.all)
    func cancelledSubscriptionEnds(_ factory: StoreFactory) async throws {
        let (stores, _) = try await factory.make(.seconds(60), .seconds(60))
        let a = try await stores.pubsub.subscribe()
        a.cancel()
        try await stores.pubsub.publish(PublishMessage(target: .broadcast, event: "e", payload: .null))
        var count = 0
        for await _ in a.messages { count += 1 }
        #expect(count == 0)
    }

    @Test(arguments: StoreFactory.all)
    func channelTargetsSurviveTheTrip(_ factory: StoreFactory) async throws {
        let (stores, _) = try await factory.make(.seconds(60), .seconds(60))
        let a = try await stores.pubsub.subscribe()
        let m = PublishMessage(
            target: .channels(["kids", "disney"]), event: "story", payload: RawJSON(unchecked: #"{"p":1}"#))
        try await stores.pubsub.publish(m)
        var it = a.messages.makeAsyncIterator()
        #expect(await it.next() == m)
        a.cancel()
    }
}

@Suite struct PresenceConformance {
    @Test(arguments: StoreFactory.all)
    func heartbeatsKeepUsersOnlineUntilTheWindowPasses(_ factory: StoreFactory) async throws {
        let (stores, advance) = try await factory.make(.seconds(60), .seconds(30))
        let p = stores.presence
        try await p.heartbeat(userId: "b")
        try await p.heartbeat(userId: "a")
        #expect(try await p.online() == ["a", "b"])
        await advance(.seconds(20))
        try await p.heartbeat(userId: "a")
        await advance(.seconds(20))
        #expect(try await p.online() == ["a"])
        try await p.purge()
        #expect(try await p.online() == ["a"])
        try await p.remove(userId: "a")
        #expect(try await p.online().isEmpty)
    }
}

@Suite struct InMemorySessionStoreTests {
    @Test func isBoundedAndEvictsAnonymousSessionsFirst() async throws {
        let clock = ManualClock()
        let store = InMemorySessionStore(idleTimeout: .seconds(1000), maxSessions: 10, clock: clock)
        let member = try await store.create().id
        try await store.setUserId("u", for: member)
        for _ in 0..<50 {
            clock.advance(by: .seconds(1))
            _ = try await store.create()
        }
        #expect(store.count <= 10)
        #expect(try await store.load(member)?.userId == "u", "a logged-in session survives eviction")
    }
}
