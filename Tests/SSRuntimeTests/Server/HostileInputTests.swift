import Foundation
import SSActions
import Testing

@testable import SSRuntime

/// Nothing a client sends may crash the server or drop the connection (except size).
@Suite(.timeLimit(.minutes(1))) struct HostileInputTests {
    @Test func randomFramesGetErrorsAndTheConnectionSurvives() async throws {
        try await withRuntimeServer(configuration: testConfiguration { $0.rateLimit = nil }) {
            (port, runtime) async throws in
            let ws = try await TestWebSocket.connect(port: port)
            defer { ws.close() }
            _ = try await ws.next(type: "init")
            var rng = SplitMix(seed: 11)
            let pieces = [
                "{", "}", "[", "]", "\"type\"", ":", "\"call\"", ",", "\"id\"", "1", "\"method\"", "\"app.echo\"",
                "\"params\"", "null", "true", "-0.5e9", "\"\\u0000\"", "\"\\ud800\"", "\"ping\"",
                "9999999999999999999999",
            ]
            for _ in 0..<300 {
                let n = Int(rng.next() % 12)
                let text = (0..<n).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
                try await ws.send(text)
            }
            // Invalid UTF-8 in a text frame, a binary frame, an empty frame, a lone continuation.
            try await ws.send(frame: 1, [0xFF, 0xFE, 0x22])
            try await ws.send(frame: 2, [0, 1, 2])
            try await ws.send(frame: 1, [])
            // Deep nesting is refused by the parser, not by the stack.
            try await ws.send(String(repeating: "[", count: 50_000))
            try await ws.send(#"{"type":"ping"}"#)
            while try await ws.next()["type"] != "pong" {}
            #expect(try await ws.call("app.square", [4])["result"] == 16)
            #expect(runtime.connectionCount == 1)
        }
    }

    @Test func hostileHTTPInputGetsStatusesNotCrashes() async throws {
        try await withRuntimeServer { (port, _) async throws in
            for path in [
                "/api/app/square?%ZZ", "/api/app/echo?a=%&b", "/api/../../etc/passwd", "/api/app/square.json.json?2",
                "/api/a/b/c/d/e/f/g?x", "/api/app/echo?" + String(repeating: "[", count: 5000),
            ] {
                let r = try await testHTTP(port: port, "GET", path)
                #expect([200, 400, 404].contains(r.status), "\(path) -> \(r.status)")
            }
            #expect(try await testHTTP(port: port, "POST", "/api/app/echo", body: "\u{0}\u{1}").status == 400)
            #expect(try await testHTTP(port: port, "GET", "/api/app/square?3").body == "9")
        }
    }
}
