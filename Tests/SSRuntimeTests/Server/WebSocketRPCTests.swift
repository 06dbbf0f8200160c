import Foundation
import Hummingbird
import HummingbirdWebSocket
import SSActions
import Testing

@testable import SSRuntime

/// Real sockets on 127.0.0.1, the runtime mounted the way the dev server mounts it.
@Suite(.timeLimit(.minutes(1))) struct WebSocketRPCTests {
    @Test func initThenSquareOverBasicContext() async throws {
        try await withRuntimeServer(context: BasicWebSocketRequestContext.self) { (port, _) async throws in
            let ws = try await TestWebSocket.connect(port: port)
            defer { ws.close() }
            let initial = try await ws.next()
            #expect(initial["type"] == "init")
            #expect(initial["version"] == 1)
            #expect(initial["api"]?["app"]?["square"] == 1)
            #expect(initial["session"] == "new")
            let cookie = try #require(ws.handshake.header("Set-Cookie"))
            #expect(cookie.hasPrefix("ss_session="))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            let reply = try await ws.call("app.square", [25], id: "c1")
            #expect(reply == ["type": "reply", "id": "c1", "result": 625])
        }
    }

    @Test func everyErrorCodeReachesTheCaller() async throws {
        try await withRuntimeServer(
            configuration: testConfiguration { $0.rateLimit = .init(burst: 30, perSecond: 0.001) }
        ) { (port, _) async throws in
            let ws = try await TestWebSocket.connect(port: port)
            defer { ws.close() }
            _ = try await ws.next(type: "init")
            func code(_ m: String, _ p: [JSONValue] = []) async throws -> JSONValue? {
                try await ws.call(m, p)["error"]?["code"]
            }
            #expect(try await code("app.sqare", [25]) == "not_found")
            #expect(try await code("nope.x") == "not_found")
            #expect(try await code("app.square", ["abc"]) == "bad_params")
            #expect(try await code("secret.data") == "unauthenticated")
            #expect(try await code("app.deny") == "forbidden")
            let boom = try await ws.call("app.boom")
            #expect(boom["error"]?["code"] == "internal")
            #expect(boom["error"]?["detail"] != nil, "development sends details")
            try await ws.send(#"{"type":"call","id":"m"}"#)
            #expect(try await ws.next(type: "reply")["error"]?["code"] == "bad_message")
            // Exhaust the bucket: rate_limited.
            var limited = false
            for _ in 0..<40 where !limited {
                limited = try await code("app.square", [1]) == "rate_limited"
            }
            #expect(limited)
        }
    }

    @Test func productionHidesErrorDetail() async throws {
        try await withRuntimeServer(configuration: testConfiguration { $0.env = "production" }) {
            (port, _) async throws in
            let ws = try await TestWebSocket.connect(port: port)
            defer { ws.close() }
            _ = try await ws.next(type: "init")
            let boom = try await ws.call("app.boom")
            #expect(boom["error"]?["code"] == "internal")
            #expect(boom["error"]?["detail"] == nil)
        }
    }

    @Test func actionTimeoutGivesTimeoutCode() async throws {
        try await withRuntimeServer(configuration: testConfiguration { $0.actionTimeout = .milliseconds(100) }) {
            (port, _) async throws in
            let ws = try await TestWebSocket.connect(port: port)
            defer { ws.close() }
            _ = try await ws.next(type: "init")
            #expect(try await ws.call("app.slow", [2000])["error"]?["code"] == "timeout")
        }
    }

    @Test func malformedJSONGetsAnErrorAndTheConnectionStays() async throws {
        try await withRuntimeServer { (port, _) async throws in
            let ws = try await TestWebSocket.connect(port: port)
            defer { ws.close() }
            _ = try await ws.next(type: "init")
            try await ws.send("{oops")
            let error = try await ws.next(type: "error")
            #expect(error["error"]?["code"] == "bad_message")
            try await ws.send(#"{"type":"launch"}"#)
            #expect(try await ws.next(type: "error")["error"]?["message"] == "unknown message type 'launch'")
            try await ws.send(frame: 2, [1, 2, 3])
            #expect(try await ws.next(type: "error")["error"]?["code"] == "bad_message")
            #expect(try await ws.call("app.square", [3])["result"] == 9)
        }
    }

    @Test func oversizeMessageClosesWith1009() async throws {
        try await withRuntimeServer(configuration: testConfiguration { $0.maxMessageSize = 1000 }) {
            (port, runtime) async throws in
            let ws = try await TestWebSocket.connect(port: port)
            defer { ws.close() }
            _ = try await ws.next(type: "init")
            let big =
                #"{"type":"call","id":1,"method":"app.echo","params":[""# + String(repeating: "x", count: 1200)
                + #""]}"#
            try await ws.send(big)
            #expect(try await ws.closeCode() == 1009)
            // Fragmented: two 600-byte fragments.
            let ws2 = try await TestWebSocket.connect(port: port)
            defer { ws2.close() }
            _ = try await ws2.next(type: "init")
            try await ws2.send(frame: 1, Array(repeating: 0x20, count: 600), fin: false)
            try await ws2.send(frame: 0, Array(repeating: 0x20, count: 600), fin: true)
            #expect(try await ws2.closeCode() == 1009)
            // Just under the limit is fine.
            let ws3 = try await TestWebSocket.connect(port: port)
            defer { ws3.close() }
            _ = try await ws3.next(type: "init")
            #expect(try await ws3.call("app.echo", [.string(String(repeating: "y", count: 900))])["result"] != nil)
            _ = runtime
        }
    }

    @Test func pingGetsPong() async throws {
        try await withRuntimeServer { (port, _) async throws in
            let ws = try await TestWebSocket.connect(port: port)
            defer { ws.close() }
            _ = try await ws.next(type: "init")
            try await ws.send(#"{"type":"ping"}"#)
            #expect(try await ws.next() == ["type": "pong"])
        }
    }

    @Test func silentPeerIsDisconnectedByHeartbeatTimeout() async throws {
        try await withRuntimeServer(configuration: testConfiguration { $0.heartbeatTimeout = .milliseconds(300) }) {
            (port, runtime) async throws in
            let ws = try await TestWebSocket.connect(port: port)
            defer { ws.close() }
            _ = try await ws.next(type: "init")
            #expect(try await ws.closeCode(timeout: .seconds(5)) == 4000)
        }
    }
}
