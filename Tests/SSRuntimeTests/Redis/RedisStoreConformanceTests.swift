#if canImport(CHiredis)
import Foundation
import Testing

@testable import SSRuntime

extension StoreFactory {
    /// Redis stores on `server`, with a hand-moved clock (the stores pass their clock's time
    /// to Redis, so `advance` works as for the in-memory stores). Engines go into `engines`
    /// for shutdown at the end of the test.
    static func redis(_ server: RedisTestServer, _ engines: RedisEngines) -> StoreFactory {
        StoreFactory(name: "redis") { idle, window in
            let clock = ManualClock()
            let engine = engines.make(server.configuration)
            let stores = engine.stores(sessionIdleTimeout: idle, presenceWindow: window, clock: clock)
            return (stores, { clock.advance(by: $0) })
        }
    }
}

/// The shared store conformance suite (Stores/StoreConformanceTests.swift), run against the
/// Redis stores on a real redis-server that each test starts and stops. The suite's
/// functions are called, not copied: a new conformance test needs one line here.
@Suite(.enabled(if: RedisTestServer.available, "needs redis-server"))
struct RedisStoreConformanceTests {
    private func onRedis(_ body: (StoreFactory) async throws -> Void) async throws {
        try await RedisTestServer.with { server in
            let engines = RedisEngines()
            do {
                try await body(.redis(server, engines))
            } catch {
                await engines.shutdownAll()
                throw error
            }
            await engines.shutdownAll()
        }
    }

    @Test func sessionsCreateUniqueWellFormedIds() async throws {
        try await onRedis { try await SessionStoreConformance().createsUniqueWellFormedIds($0) }
    }

    @Test func sessionsRoundTripUserAttributesAndChannels() async throws {
        try await onRedis { try await SessionStoreConformance().roundTripsUserAttributesAndChannels($0) }
    }

    @Test func sessionsLogoutClearsUserAndChannels() async throws {
        try await onRedis { try await SessionStoreConformance().logoutClearsUserAndChannelsInTheStore($0) }
    }

    @Test func sessionsUnknownAndDeletedLoadAsNil() async throws {
        try await onRedis { try await SessionStoreConformance().unknownIdsAndDeletedSessionsLoadAsNil($0) }
    }

    @Test func sessionsIdleExpireUsedLive() async throws {
        try await onRedis { try await SessionStoreConformance().idleSessionsExpireButUsedOnesLive($0) }
    }

    @Test func pubsubEverySubscriberGetsEveryMessageInOrder() async throws {
        try await onRedis { try await PubSubConformance().everySubscriberGetsEveryMessageInOrder($0) }
    }

    @Test func pubsubCancelledSubscriptionEnds() async throws {
        try await onRedis { try await PubSubConformance().cancelledSubscriptionEnds($0) }
    }

    @Test func pubsubChannelTargetsSurviveTheTrip() async throws {
        try await onRedis { try await PubSubConformance().channelTargetsSurviveTheTrip($0) }
    }

    @Test func presenceHeartbeatsKeepUsersOnlineUntilTheWindowPasses() async throws {
        try await onRedis { try await PresenceConformance().heartbeatsKeepUsersOnlineUntilTheWindowPasses($0) }
    }

    /// Redis's own TTL backs up the clock: an idle session's hash disappears without a purge.
    @Test func sessionHashesCarryTheIdleTTL() async throws {
        try await RedisTestServer.with { server in
            let engine = RedisEngine(configuration: server.configuration)
            let stores = engine.stores(sessionIdleTimeout: .seconds(30))
            let id = try await stores.sessions.create().id
            let ttl = try await engine.client.send(["PTTL", "ss:session:\(id)"])
            #expect(ttl.integer.map { $0 > 29_000 && $0 <= 30_000 } == true, "PTTL gave \(ttl)")
            await engine.shutdown()
        }
    }
}
#endif
