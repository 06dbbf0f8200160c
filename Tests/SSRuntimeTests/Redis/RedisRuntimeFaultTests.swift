#if canImport(CHiredis)
import Foundation
import SSActions
import Testing

@testable import SSRuntime

/// What one stream of calls saw.
private struct StreamCounts: Sendable {
    /// Payloads of calls answered with a result (Redis accepted the publish).
    var ok: [String] = []
    /// Payloads of calls answered with an error, and the error codes seen.
    var failed: [String] = []
    var codes: [String: Int] = [:]
}

/// Sends `method(target, n)` on `ws` back to back until `stop` is set; n counts up from 1.
/// (Stopping by flag, not cancellation, lets the last call get its reply.)
private func callStream(
    _ ws: TestWebSocket, method: String, target: String, stop: Locked<Bool>
) -> (Task<Void, Never>, Locked<StreamCounts>) {
    let counts = Locked(StreamCounts())
    let task = Task {
        var n = 0
        while !stop.withLock({ $0 }) {
            n += 1
            let text = String(n)
            guard let reply = try? await ws.call(method, [.string(target), .string(text)]) else { return }
            if let code = reply["error"]?["code"]?.stringValue {
                counts.withLock {
                    $0.failed.append(text)
                    $0.codes[code, default: 0] += 1
                }
                try? await Task.sleep(for: .milliseconds(5))
            } else {
                counts.withLock { $0.ok.append(text) }
            }
        }
    }
    return (task, counts)
}

/// Redis is SIGKILLed under a stream of calls that publish across instances, and restarted:
/// calls get errors while it is down, nothing crashes or disconnects, and afterwards every
/// route works again for the clients that stayed connected.
@Suite(.enabled(if: RedisTestServer.available, "needs redis-server"), .timeLimit(.minutes(3)))
struct RedisRuntimeFaultTests {
    @Test func runtimeSurvivesARedisRestartUnderLoad() async throws {
        // No call rate limit: the streams call back to back (the limiter has its own tests).
        try await withTwoRuntimeInstances(configuration: testConfiguration { $0.rateLimit = nil }) { server, a, b in
            let ann = try await a.open(as: "ann")
            let bob = try await b.open(as: "bob")
            let (carol, _) = try await b.open()
            let (dave, _) = try await b.open()
            _ = try await ann.call("app.join", ["room"])
            _ = try await dave.call("app.join", ["room"])
            defer { [ann, bob, carol, dave].forEach { $0.close() } }
            let (probeClient, _) = try await b.open()
            defer { probeClient.close() }
            let annInbox = WebSocketInbox(ann)
            let daveInbox = WebSocketInbox(dave)

            // bob tells ann (user route B -> A); carol talks in the room (channel route to A and B).
            let stop = Locked(false)
            let (userStream, userCounts) = callStream(bob, method: "app.tell", target: "ann", stop: stop)
            let (roomStream, roomCounts) = callStream(carol, method: "app.say", target: "room", stop: stop)
            try await Task.sleep(for: .milliseconds(300))
            server.kill()
            let killedAt = ContinuousClock.now

            // While down: publishing calls fail with `unavailable`, promptly; calls that do
            // not need Redis still work; a new connection is refused (no session store).
            #expect(try await probeClient.call("app.add", [2, 3])["result"] == 5)
            #expect(try await probeClient.call("app.tell", ["ann", "x"])["error"]?["code"] == "unavailable")
            #expect(ContinuousClock.now - killedAt < .seconds(5))
            await #expect(throws: TestWebSocket.Refused.self) { _ = try await TestWebSocket.connect(port: a.port) }
            try await Task.sleep(for: .milliseconds(700))

            try await server.start()
            let restartedAt = ContinuousClock.now
            // Recovered = a publish on B reaches ann's open socket on A again.
            var recovery: Duration?
            var probe = 0
            while ContinuousClock.now - restartedAt < .seconds(20) {
                probe += 1
                try? await b.runtime.publish.user("ann", "probe", String(probe))
                if !annInbox.events("probe").isEmpty {
                    recovery = ContinuousClock.now - restartedAt
                    break
                }
                try await Task.sleep(for: .milliseconds(5))
            }
            try await Task.sleep(for: .milliseconds(300))
            stop.withLock { $0 = true }
            _ = await (userStream.value, roomStream.value)
            let recoveryTime = try #require(recovery)

            // Every route works again, without any client reconnecting.
            try await b.runtime.publish.channel("room", "room-after", JSONValue.null)
            try await a.runtime.publish.user("bob", "user-after", JSONValue.null)
            try await b.runtime.publish.broadcast("all-after", JSONValue.null)
            let bobInbox = WebSocketInbox(bob)
            #expect(await annInbox.wait { _ in !annInbox.events("room-after").isEmpty })
            #expect(await daveInbox.wait { _ in !daveInbox.events("room-after").isEmpty })
            #expect(await bobInbox.wait { _ in !bobInbox.events("user-after").isEmpty })
            #expect(await annInbox.wait { _ in !annInbox.events("all-after").isEmpty })
            #expect(a.runtime.connectionCount == 1)
            #expect(b.runtime.connectionCount == 4)  // bob, carol, dave, the probe
            #expect(!annInbox.isClosed && !daveInbox.isClosed)

            // Counts. A call answered with an error may still have been published (the
            // connection dropped after Redis took it), so those are counted apart.
            let user = userCounts.withLock { $0 }
            let room = roomCounts.withLock { $0 }
            let toAnn = annInbox.events("note").compactMap { $0["payload"]?.stringValue }
            let roomToAnn = annInbox.events("said").compactMap { $0["payload"]?.stringValue }
            let roomToDave = daveInbox.events("said").compactMap { $0["payload"]?.stringValue }
            func report(_ name: String, _ c: StreamCounts, _ got: [String]) -> Int {
                let delivered = Set(got)
                let lost = c.ok.filter { !delivered.contains($0) }.count
                let lateOK = c.failed.filter { delivered.contains($0) }.count
                print(
                    "redis runtime fault (\(name)): recovery \(recoveryTime); calls ok \(c.ok.count), "
                        + "failed \(c.failed.count) \(c.codes), delivered \(got.count) "
                        + "(\(lateOK) of them from calls that failed), lost \(lost)")
                #expect(got.count == delivered.count, "no duplicates")
                return lost
            }
            _ = report("user B->A", user, toAnn)
            _ = report("channel B->A", room, roomToAnn)
            _ = report("channel B->B", room, roomToDave)
            #expect(user.failed.count > 0 && room.failed.count > 0, "the streams ran into the outage")
            #expect(user.ok.count > 0 && room.ok.count > 0)
            #expect(Set(user.codes.keys).isSubset(of: ["unavailable"]), "\(user.codes)")
            #expect(Set(room.codes.keys).isSubset(of: ["unavailable"]), "\(room.codes)")
            #expect(recoveryTime < .seconds(5))

            // After recovery nothing is lost: the last calls of each stream all arrived.
            let lastUser = user.ok.suffix(5)
            let lastRoom = room.ok.suffix(5)
            #expect(await annInbox.wait { _ in
                let got = Set(annInbox.events("note").compactMap { $0["payload"]?.stringValue })
                return lastUser.allSatisfy(got.contains)
            })
            #expect(await daveInbox.wait { _ in
                let got = Set(daveInbox.events("said").compactMap { $0["payload"]?.stringValue })
                return lastRoom.allSatisfy(got.contains)
            })
        }
    }
}
#endif
