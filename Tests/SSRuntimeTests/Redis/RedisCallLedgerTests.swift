#if canImport(CHiredis)
import Foundation
import SSActions
import Testing

@testable import SSRuntime

/// The call ledger shared by instances (`engine.stores(callWindow:)`): a call resent to
/// another instance runs at most once.
@Suite(.enabled(if: RedisTestServer.available, "needs redis-server"), .timeLimit(.minutes(2)))
struct RedisCallLedgerTests {
    @Test func claimsAreExclusiveAndKeepTheReply() async throws {
        try await RedisTestServer.with { server in
            let engines = RedisEngines()
            let engineA = engines.make(server.configuration)
            let a = engineA.stores(callWindow: .seconds(60))
            let b = engines.make(server.configuration).stores(callWindow: .seconds(60))
            let ledgerA = try #require(a.calls)
            let ledgerB = try #require(b.calls)
            #expect(try await ledgerA.claim(session: "s1", call: "7") == .execute)
            #expect(try await ledgerB.claim(session: "s1", call: "7") == .running)
            #expect(try await ledgerB.claim(session: "s2", call: "7") == .execute, "per session")
            try await ledgerA.finish(session: "s1", call: "7", reply: #"{"type":"reply","id":"7","result":1}"#)
            #expect(try await ledgerB.claim(session: "s1", call: "7") == .replay(#"{"type":"reply","id":"7","result":1}"#))
            // Concurrent claims of one call: exactly one wins.
            let wins = try await withThrowingTaskGroup(of: CallClaim.self) { group in
                for i in 0..<8 {
                    let ledger = i % 2 == 0 ? ledgerA : ledgerB
                    group.addTask { try await ledger.claim(session: "s3", call: "race") }
                }
                return try await group.reduce(into: [CallClaim]()) { $0.append($1) }
            }
            #expect(wins.filter { $0 == .execute }.count == 1)
            #expect(wins.filter { $0 == .running }.count == 7)
            // The window expires: the id can be used again.
            let brief = try #require(engineA.stores(callWindow: .seconds(1)).calls)
            #expect(try await brief.claim(session: "s4", call: "9") == .execute)
            #expect(try await brief.claim(session: "s4", call: "9") == .running)
            try await Task.sleep(for: .milliseconds(1500))
            #expect(try await brief.claim(session: "s4", call: "9") == .execute)
            #expect(RuntimeStores.inMemory().calls == nil, "off unless asked for")
            await engines.shutdownAll()
        }
    }

    /// The client's socket to A drops while A runs its call; it resends the same id to B. B
    /// waits for A's reply and sends it: the action ran once.
    @Test func aCallResentToAnotherInstanceRunsOnce() async throws {
        try await withTwoRuntimeInstances(callWindow: .seconds(120)) { _, a, b in
            let (first, _) = try await a.open()
            let cookie = try #require(first.sessionCookie)
            let key = "ledger-\(UUID().uuidString)"
            try await first.send([
                "type": "call", "id": "resent-1", "method": "counter.bump", "params": [400, .string(key)],
            ])
            // A has started it; the client loses the socket before the reply.
            for _ in 0..<2000 where a.runtime.lifecycle.withLock({ $0.callsInFlight }) == 0 {
                try await Task.sleep(for: .milliseconds(2))
            }
            first.close()
            let (moved, _) = try await b.open(cookie: cookie)
            defer { moved.close() }
            let reply = try await moved.call("counter.bump", [400, .string(key)], id: "resent-1")
            #expect(reply["result"] == 1, "B sends A's reply")
            #expect(Counter.count(key) == 1, "the action ran once")
            // A new id runs normally, on B.
            #expect(try await moved.call("counter.bump", [0, .string(key)], id: "resent-2")["result"] == 2)
        }
    }

    /// An instance claimed the call and died before finishing: the resend does not run it
    /// again; after the action time limit it gets `unavailable` (outcome unknown).
    @Test func aCallHeldByADeadInstanceIsNotRunAgain() async throws {
        let config = testConfiguration { $0.actionTimeout = .milliseconds(300) }
        try await withTwoRuntimeInstances(configuration: config, callWindow: .seconds(120)) { _, _, b in
            let (ws, _) = try await b.open()
            defer { ws.close() }
            let session = String(try #require(ws.sessionCookie).split(separator: "=")[1])
            let ledger = try #require(b.runtime.stores.calls)
            // The dead instance's claim (calls are keyed by the id's JSON text).
            #expect(try await ledger.claim(session: session, call: #""held-1""#) == .execute)
            let key = "ledger-dead-\(UUID().uuidString)"
            let started = ContinuousClock.now
            let reply = try await ws.call("counter.bump", [0, .string(key)], id: "held-1")
            #expect(reply["error"]?["code"] == "unavailable")
            #expect(Counter.count(key) == 0)
            #expect(ContinuousClock.now - started >= .milliseconds(1200), "waited for the holder")
        }
    }
}
#endif
