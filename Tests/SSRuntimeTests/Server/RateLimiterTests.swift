import Foundation
import SSActions
import Testing

@testable import SSRuntime

/// Sends `count` calls at once (pipelined), then reads their replies; returns them by id.
private func burst(_ ws: TestWebSocket, _ count: Int, prefix: String) async throws -> [String: JSONValue] {
    for i in 0..<count {
        try await ws.send(["type": "call", "id": .string("\(prefix)\(i)"), "method": "app.square", "params": [3]])
    }
    var replies: [String: JSONValue] = [:]
    while replies.count < count {
        let m = try await ws.next(type: "reply", timeout: .seconds(20))
        if let id = m["id"]?.stringValue, id.hasPrefix(prefix) { replies[id] = m }
    }
    return replies
}

private func code(_ reply: JSONValue) -> String? { reply["error"]?["code"]?.stringValue }

/// The limiter over real sockets: per connection and per client address, on the WebSocket
/// and the HTTP API. Over the limit a call is refused with `rate_limited` (429) and a hint of
/// when to retry; the connection stays, and calls work again once the rate drops (0.0.55
/// blocked a client for good).
@Suite(.timeLimit(.minutes(2))) struct RateLimiterTests {
    @Test func webSocketCallsOverTheRateAreRefusedAndTheClientRecovers() async throws {
        let config = testConfiguration { $0.rateLimit = .init(burst: 5, perSecond: 4) }
        try await withRuntimeServer(configuration: config) { (port, _) async throws in
            let ws = try await TestWebSocket.connect(port: port)
            defer { ws.close() }
            _ = try await ws.next(type: "init")
            let started = ContinuousClock.now
            let replies = try await burst(ws, 15, prefix: "b")
            let elapsed = ContinuousClock.now - started
            let ok = replies.values.filter { $0["result"] == 9 }
            let limited = replies.values.filter { code($0) == "rate_limited" }
            #expect(ok.count + limited.count == 15)
            #expect(ok.count >= 5)
            // The burst of 5, plus what 4/s refilled while the calls were in flight (a
            // loaded machine stretches that window, so the bound follows the measured time).
            let refilled = Int(elapsed.seconds * 4) + 1
            #expect(ok.count <= 5 + refilled, "\(ok.count) calls ran in \(elapsed)")
            #expect(limited.count >= 1, "15 calls at once against a burst of 5 at 4/s")
            // The first five (the burst) ran; each refusal says when to retry (one token at 4/s).
            #expect((0..<5).allSatisfy { replies["b\($0)"]?["result"] == 9 })
            let hints = limited.compactMap { $0["error"]?["retryAfter"]?.doubleValue }
            #expect(hints.count == limited.count)
            #expect(hints.allSatisfy { $0 > 0 && $0 <= 250 }, "\(hints)")

            // Slower than the refill: every call works again, on the same connection.
            try await Task.sleep(for: .milliseconds(300))
            for i in 0..<5 {
                #expect(try await ws.call("app.square", [.number(Double(i))])["result"] == .number(Double(i * i)))
                try await Task.sleep(for: .milliseconds(350))
            }
            // Another connection has its own bucket.
            let other = try await TestWebSocket.connect(port: port)
            defer { other.close() }
            _ = try await other.next(type: "init")
            #expect(try await burst(other, 5, prefix: "o").values.allSatisfy { $0["result"] == 9 })
        }
    }

    /// One bucket per client address, shared by all its WebSocket connections and its HTTP
    /// API requests; other addresses (127.0.0.2, 127.0.0.3 on loopback) are not affected.
    @Test func theAddressLimitIsSharedByConnectionsAndTheHTTPAPI() async throws {
        let config = testConfiguration {
            $0.rateLimit = nil
            $0.addressRateLimit = .init(burst: 6, perSecond: 0.25)
        }
        try await withRuntimeServer(context: RuntimeRequestContext.self, configuration: config) {
            (port, _) async throws in
            let first = try await TestWebSocket.connect(port: port)
            let second = try await TestWebSocket.connect(port: port)
            let elsewhere = try await TestWebSocket.connect(port: port, source: "127.0.0.2")
            defer { [first, second, elsewhere].forEach { $0.close() } }
            for ws in [first, second, elsewhere] { _ = try await ws.next(type: "init") }

            for _ in 0..<4 { #expect(try await first.call("app.square", [2])["result"] == 4) }
            // Alone, `second` would have six calls; sharing the address it has about two.
            var refused: JSONValue?
            for _ in 0..<5 where refused == nil {
                let reply = try await second.call("app.square", [2])
                if code(reply) == "rate_limited" { refused = reply }
            }
            let refusal = try #require(refused, "the second connection shares the first one's bucket")
            #expect(refusal["error"]?["message"] == "too many calls from your address; slow down")
            let http = try await testHTTP(port: port, "GET", "/api/app/square?2")
            #expect(http.status == 429)
            #expect(try JSONValue(parsing: http.body)["error"]?["code"] == "rate_limited")
            #expect(Int(http.header("Retry-After") ?? "") ?? 0 >= 1)

            // Other addresses are not limited.
            #expect(try await elsewhere.call("app.square", [3])["result"] == 9)
            #expect(try await testHTTP(port: port, "GET", "/api/app/square?3", source: "127.0.0.3").status == 200)

            // The address recovers once it slows down: wait for the hinted time.
            let wait = try #require(refusal["error"]?["retryAfter"]?.doubleValue)
            #expect(wait > 0 && wait <= 4000)
            try await Task.sleep(for: .milliseconds(Int(wait) + 300))
            #expect(try await first.call("app.square", [5])["result"] == 25)
        }
    }

    @Test func theHTTPAPIAnswers429WithRetryAfterAndRecovers() async throws {
        let config = testConfiguration { $0.apiRateLimit = .init(burst: 2, perSecond: 0.5) }
        try await withRuntimeServer(context: RuntimeRequestContext.self, configuration: config) {
            (port, _) async throws in
            // Six at once, so a slow machine cannot spread them over a refill.
            let responses = try await withThrowingTaskGroup(of: TestHTTPResponse.self) { group in
                for _ in 0..<6 { group.addTask { try await testHTTP(port: port, "GET", "/api/app/square?2") } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let statuses = responses.map(\.status).sorted()
            #expect(statuses.filter { $0 == 200 }.count >= 2, "\(statuses)")
            #expect(Set(statuses).isSubset(of: [200, 429]), "\(statuses)")
            let refusal = try #require(responses.first { $0.status == 429 }, "six at once, burst 2: \(statuses)")
            let retryAfter = try #require(Int(refusal.header("Retry-After") ?? ""))
            #expect((1...2).contains(retryAfter), "one token per 2 s")
            let error = try JSONValue(parsing: refusal.body)["error"]
            #expect(error?["code"] == "rate_limited")
            #expect((error?["retryAfter"]?.doubleValue ?? 0) > 0)
            try await Task.sleep(for: .seconds(retryAfter))
            #expect(try await testHTTP(port: port, "GET", "/api/app/square?2").status == 200)
            // The WebSocket is not limited by the HTTP API's buckets.
            let ws = try await TestWebSocket.connect(port: port)
            defer { ws.close() }
            _ = try await ws.next(type: "init")
            #expect(try await ws.call("app.square", [2])["result"] == 4)
        }
    }

    /// Behind a reverse proxy on loopback (trusted by default) each forwarded client has its
    /// own bucket; from any other peer the header is ignored (it could be forged).
    @Test func forwardedClientsOfATrustedProxyHaveTheirOwnBuckets() async throws {
        let config = testConfiguration { $0.addressRateLimit = .init(burst: 1, perSecond: 0.01) }
        try await withRuntimeServer(context: RuntimeRequestContext.self, configuration: config) {
            (port, _) async throws in
            func status(_ forwarded: String, from source: String = "127.0.0.1") async throws -> Int {
                try await testHTTP(
                    port: port, "GET", "/api/app/square?2", headers: ["X-Forwarded-For": forwarded], source: source
                ).status
            }
            #expect(try await status("10.0.0.1") == 200)
            #expect(try await status("10.0.0.1") == 429)
            #expect(try await status("203.0.113.9, 10.0.0.2") == 200, "the proxy's own entry counts")
            #expect(try await status("10.0.0.1, 10.0.0.2") == 429)
            #expect(try await status("10.0.0.3", from: "127.0.0.2") == 200)
            #expect(try await status("10.0.0.4", from: "127.0.0.2") == 429, "not a trusted proxy: one bucket")
        }
    }

    /// Buckets that refilled are forgotten, so the table only holds recently active
    /// addresses, and forgetting never grants an extra burst.
    @Test func fullBucketsArePurged() {
        let table = RateLimiterTable(.init(burst: 2, perSecond: 1))
        #expect(table.take("a", now: .zero) == .admitted)
        #expect(table.take("a", now: .zero) == .admitted)
        #expect(table.take("a", now: .zero) == .refused(retryAfter: .seconds(1)))
        #expect(table.take("b", now: .zero) == .admitted)
        table.purge(now: .milliseconds(1500))
        #expect(table.count == 1, "b is full again, a is not")
        table.purge(now: .seconds(2))
        #expect(table.count == 0)
        #expect(table.take("a", now: .seconds(2)) == .admitted)
    }
}
