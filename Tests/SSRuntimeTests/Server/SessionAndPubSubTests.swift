import Foundation
import SSActions
import Testing

@testable import SSRuntime

private func open(_ port: Int, cookie: String? = nil, origin: String? = nil) async throws -> (TestWebSocket, JSONValue)
{
    let ws = try await TestWebSocket.connect(port: port, origin: origin, cookie: cookie)
    return (ws, try await ws.next(type: "init"))
}

@Suite(.timeLimit(.minutes(1))) struct SessionAndPubSubTests {
    @Test func originCheckRefusesCrossSiteUpgrades() async throws {
        try await withRuntimeServer { (port, _) async throws in
            await #expect(throws: TestWebSocket.Refused(status: 400)) {
                _ = try await TestWebSocket.connect(port: port, origin: "http://evil.example")
            }
            // Same origin as Host is accepted.
            let (ws, _) = try await open(port, origin: "http://127.0.0.1:\(port)")
            ws.close()
            // No Origin (not a browser) is accepted.
            let (ws2, _) = try await open(port)
            ws2.close()
        }
        try await withRuntimeServer(configuration: testConfiguration { $0.allowedOrigins = ["https://app.example"] }) {
            (port, _) async throws in
            let (ws, _) = try await open(port, origin: "https://app.example")
            ws.close()
            await #expect(throws: TestWebSocket.Refused.self) {
                _ = try await TestWebSocket.connect(port: port, origin: "http://127.0.0.1:\(port)")
            }
        }
    }

    @Test func sessionSurvivesReconnectWithItsUserAttributesAndChannels() async throws {
        try await withRuntimeServer { (port, _) async throws in
            let (ws, _) = try await open(port)
            let cookie = try #require(ws.sessionCookie)
            _ = try await ws.call("app.login", ["ann"])
            _ = try await ws.call("app.join", ["kids"])
            _ = try await ws.call("app.remember", [["a": 1]])
            ws.close()
            let (again, initial) = try await open(port, cookie: cookie)
            defer { again.close() }
            #expect(again.handshake.header("Set-Cookie") == nil)
            #expect(initial["session"] == "resumed")
            #expect(initial["user"] == "ann")
            #expect(initial["channels"] == ["kids"])
            #expect(try await again.call("app.recall")["result"] == ["a": 1])
            // A forged or unknown cookie gets a fresh session.
            let (other, fresh) = try await open(port, cookie: "ss_session=" + String(repeating: "A", count: 32))
            defer { other.close() }
            #expect(fresh["session"] == "new")
            #expect(fresh["user"] == .null)
        }
    }

    @Test func authGuardOnWebSocketAndLogoutReallyLogsOut() async throws {
        try await withRuntimeServer { (port, runtime) async throws in
            let (ws, _) = try await open(port)
            let cookie = try #require(ws.sessionCookie)
            #expect(try await ws.call("secret.data")["error"]?["code"] == "unauthenticated")
            #expect(try await ws.call("app.signin", ["bob", "wrong"])["result"] == false)
            #expect(try await ws.call("secret.data")["error"]?["code"] == "unauthenticated")
            #expect(try await ws.call("app.signin", ["bob", "pw"])["result"] == true)
            #expect(try await ws.call("secret.data")["result"] == "secret for bob")
            #expect(try await runtime.usersOnline() == ["bob"])
            _ = try await ws.call("app.join", ["room"])
            _ = try await ws.call("app.logout")
            #expect(try await ws.call("secret.data")["error"]?["code"] == "unauthenticated")
            #expect(try await runtime.usersOnline().isEmpty)
            ws.close()
            // A reload stays logged out and out of the user's channels (0.0.55 issue #46).
            let (again, initial) = try await open(port, cookie: cookie)
            defer { again.close() }
            #expect(initial["user"] == .null)
            #expect(initial["channels"] == [])
        }
    }

    @Test func publishUserReachesEveryTabOfTheUser() async throws {
        try await withRuntimeServer { (port, runtime) async throws in
            let (tab1, _) = try await open(port)
            let cookie = try #require(tab1.sessionCookie)
            _ = try await tab1.call("app.login", ["ann"])
            let (tab2, _) = try await open(port, cookie: cookie)
            // A different session logged in as the same user (another browser).
            let (other, _) = try await open(port)
            _ = try await other.call("app.login", ["ann"])
            let (stranger, _) = try await open(port)
            defer { [tab1, tab2, other, stranger].forEach { $0.close() } }
            try await runtime.publish.user("ann", "note", "hi ann")
            for ws in [tab1, tab2, other] {
                let e = try await ws.next(type: "event")
                #expect(e == ["type": "event", "name": "note", "payload": "hi ann"])
            }
            try await runtime.publish.broadcast("all", 1)
            #expect(
                try await stranger.next(type: "event")["name"] == "all", "the stranger got no note, only the broadcast")
        }
    }

    @Test func channelMessagesReachOnlySubscribersOnce() async throws {
        try await withRuntimeServer { (port, runtime) async throws in
            let (a, _) = try await open(port)
            let (b, _) = try await open(port)
            let (c, _) = try await open(port)
            defer { [a, b, c].forEach { $0.close() } }
            _ = try await a.call("app.join", ["kids"])
            _ = try await a.call("app.join", ["disney"])
            _ = try await b.call("app.join", ["disney"])
            _ = try await c.call("app.say", ["kids", "story"])
            #expect(
                try await a.next(type: "event") == [
                    "type": "event", "name": "said", "payload": "story", "channel": "kids",
                ])
            // A subscriber of both channels gets a two-channel publish once.
            try await runtime.publish.channels(["kids", "disney"], "both", 2)
            #expect(try await b.next(type: "event")["channel"] == "disney")
            #expect(
                try await a.next(type: "event") == ["type": "event", "name": "both", "payload": 2, "channel": "kids"])
            _ = try await c.call("app.say", ["disney", "one"])
            #expect(try await b.next(type: "event")["payload"] == "one")
            #expect(try await a.next(type: "event")["payload"] == "one", "no second copy of 'both' came first")
            _ = try await a.call("app.leave", ["kids"])
            #expect(try await a.call("app.channels")["result"] == ["disney"])
            // c (no channels) and a (left kids) get nothing from kids: the next event c sees
            // is the broadcast sent after it.
            _ = try await b.call("app.say", ["kids", "lost"])
            _ = try await b.call("app.announce", ["after"])
            #expect(try await c.next(type: "event")["name"] == "flash")
            #expect(try await a.next(type: "event")["name"] == "flash")
        }
    }

    @Test func resentCallAfterReconnectRunsExactlyOnce() async throws {
        try await withRuntimeServer { (port, _) async throws in
            let start = Counter.count("resend")
            let (ws, _) = try await open(port)
            let cookie = try #require(ws.sessionCookie)
            // Finished before the drop: the resend gets the stored reply.
            let first = try await ws.call("counter.bump", [0, "resend"], id: "same-1")
            // Still running when the connection drops: the resend joins it.
            try await ws.send(["type": "call", "id": "same-2", "method": "counter.bump", "params": [300, "resend"]])
            try await Task.sleep(for: .milliseconds(50))
            ws.close()
            let (again, _) = try await open(port, cookie: cookie)
            defer { again.close() }
            #expect(try await again.call("counter.bump", [0, "resend"], id: "same-1") == first)
            let second = try await again.call("counter.bump", [300, "resend"], id: "same-2")
            #expect(second["result"] != nil)
            try await Task.sleep(for: .milliseconds(100))
            #expect(Counter.count("resend") - start == 2)
        }
    }

    @Test func connectionsAreForgottenOnClose() async throws {
        try await withRuntimeServer { (port, runtime) async throws in
            let (ws, _) = try await open(port)
            #expect(runtime.connectionCount == 1)
            ws.close()
            for _ in 0..<100 where runtime.connectionCount > 0 { try await Task.sleep(for: .milliseconds(10)) }
            #expect(runtime.connectionCount == 0)
        }
    }
}
