import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import SSActions
import ServiceLifecycle
import Testing

@testable import SSRuntime

/// Waits (up to 20 s) until the runtime has `count` calls running.
private func waitForCallsInFlight(_ runtime: Runtime, _ count: Int) async -> Bool {
    let deadline = ContinuousClock.now + .seconds(20)
    while ContinuousClock.now < deadline {
        if runtime.lifecycle.withLock({ $0.callsInFlight }) >= count { return true }
        try? await Task.sleep(for: .milliseconds(2))
    }
    return false
}

private func callFrame(_ id: String, _ method: String, _ params: [JSONValue]) -> JSONValue {
    ["type": "call", "id": .string(id), "method": .string(method), "params": .array(params)]
}

/// SIGTERM's part in the runtime: `shutdown(drainTimeout:)` refuses new upgrades, tells every
/// client to reconnect, lets calls in flight finish up to the timeout, answers the rest with
/// `unavailable`, and closes every socket with 1012.
@Suite(.timeLimit(.minutes(2))) struct GracefulShutdownTests {
    @Test func drainsCallsTellsClientsToReconnectAndCloses() async throws {
        try await withRuntimeServer(configuration: testConfiguration { $0.rateLimit = nil }) {
            (port, runtime) async throws in
            let quick = try await TestWebSocket.connect(port: port)
            let idle = try await TestWebSocket.connect(port: port)
            let stuck = try await TestWebSocket.connect(port: port)
            for ws in [quick, idle, stuck] { _ = try await ws.next(type: "init") }
            defer { [quick, idle, stuck].forEach { $0.close() } }
            try await quick.send(callFrame("q", "app.slow", [1000]))
            try await stuck.send(callFrame("s", "app.slow", [20_000]))
            let api = Task { try await testHTTP(port: port, "GET", "/api/app/slow?400") }
            #expect(await waitForCallsInFlight(runtime, 3))
            let inboxes = [quick, idle, stuck].map(WebSocketInbox.init)

            let shutdown = Task {
                // The drain outlasts the quick call by 2 s: a loaded machine (the full parallel
                // run) delayed a 1 s call past a 1.5 s drain.
                await runtime.shutdown(drainTimeout: .milliseconds(3000), reconnectWindow: .milliseconds(250))
            }
            // Every client is told at once.
            for inbox in inboxes {
                #expect(
                    await inbox.wait(within: .seconds(5)) {
                        $0.contains { $0["type"] == "reconnect" }
                    })
                let notice = inbox.messages.first { $0["type"] == "reconnect" }
                #expect(notice == ["type": "reconnect", "reason": "shutdown", "within": 250])
            }
            // Draining: no new connections; the open ones still work.
            await #expect(throws: TestWebSocket.Refused(status: 400)) {
                _ = try await TestWebSocket.connect(port: port)
            }
            try await idle.send(callFrame("i", "app.square", [4]))

            let report = await shutdown.value
            #expect(report.connectionsNotified == 3)
            #expect(report.callsInFlight == 3)
            #expect(report.callsCutOff == 1)
            #expect(report.duration >= .milliseconds(2900))
            #expect(report.duration < .seconds(10))
            #expect(try await api.value.status == 200, "the HTTP API call finished")
            // Replies precede the close frame on the wire; the drain returns once they are
            // written, not once the clients have read them.
            for inbox in inboxes { #expect(await inbox.waitClosed() == 1012) }
            func reply(_ inbox: WebSocketInbox, _ id: String) -> JSONValue? {
                inbox.messages.first { $0["type"] == "reply" && $0["id"] == .string(id) }
            }
            #expect(reply(inboxes[0], "q")?["result"] == 1000, "finished within the drain")
            // The notice came first, before the drained reply and before the cut-off one.
            for (inbox, id) in [(inboxes[0], "q"), (inboxes[2], "s")] {
                let notice = inbox.messages.firstIndex { $0["type"] == "reconnect" }
                let answer = inbox.messages.firstIndex { $0["id"] == .string(id) }
                #expect(notice != nil && answer != nil && notice! < answer!)
            }
            #expect(reply(inboxes[1], "i")?["result"] == 16, "a call sent while draining still runs")
            #expect(reply(inboxes[2], "s")?["error"]?["code"] == "unavailable", "cut off at the deadline")
            for inbox in inboxes {
                // Exactly one reply per call, and the reply comes before the close.
                let ids = inbox.messages.filter { $0["type"] == "reply" }.compactMap { $0["id"] }
                #expect(ids.count == Set(ids).count)
            }
            #expect(runtime.connectionCount == 0)
            #expect(runtime.isShuttingDown)
        }
    }

    /// The way `ssbuild serve` can wire SIGTERM: the runtime as a service after the app in a
    /// service group. The group shuts services down in reverse order, so on SIGTERM the
    /// runtime drains first (the listener still answers, upgrades are refused), then the server
    /// stops (its graceful shutdown closes idle connections at once, WebSockets included, so
    /// it must come second), and the group ends: the process can exit.
    @Test func inAServiceGroupTheRuntimeDrainsBeforeTheServerStops() async throws {
        let runtime = Runtime(configuration: testConfiguration(), actions: testRegistry())
        let portBox = PortBox()
        let app = try runtimeTestApplication(runtime, context: RuntimeRequestContext.self, portBox: portBox)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let drain = RuntimeDrainService(runtime: runtime, drainTimeout: .seconds(5))
        let group = ServiceGroup(services: [app, drain], logger: logger)
        let running = Task { try await group.run() }
        let port = await portBox.wait()

        let ws = try await TestWebSocket.connect(port: port)
        defer { ws.close() }
        _ = try await ws.next(type: "init")
        try await ws.send(callFrame("w", "app.slow", [800]))
        #expect(await waitForCallsInFlight(runtime, 1))
        let inbox = WebSocketInbox(ws)

        // SIGTERM (the group would get it from gracefulShutdownSignals: [.sigterm]).
        let started = ContinuousClock.now
        await group.triggerGracefulShutdown()
        #expect(await inbox.wait(within: .seconds(5)) { $0.contains { $0["type"] == "reconnect" } })
        await #expect(throws: TestWebSocket.Refused(status: 400)) { _ = try await TestWebSocket.connect(port: port) }
        try await running.value  // the server stopped: the listener is closed
        let report = try #require(drain.report)
        #expect(report.callsInFlight == 1 && report.callsCutOff == 0)
        #expect(await inbox.waitClosed() == 1012)
        #expect(inbox.messages.contains { $0["id"] == "w" && $0["result"] == 800 })
        #expect(ContinuousClock.now - started < .seconds(10), "the group ended soon after the drain")
    }
}

/// Runs `shutdown(drainTimeout:)` when its service group shuts down gracefully. Put it after
/// the Hummingbird application: `ServiceGroup(services: [app, drain], ...)`.
private final class RuntimeDrainService: Service, Sendable {
    let runtime: Runtime
    let drainTimeout: Duration
    private let result = Locked<ShutdownReport?>(nil)

    init(runtime: Runtime, drainTimeout: Duration) {
        self.runtime = runtime
        self.drainTimeout = drainTimeout
    }

    var report: ShutdownReport? { result.withLock { $0 } }

    func run() async throws {
        try? await gracefulShutdown()
        let report = await runtime.shutdown(drainTimeout: drainTimeout)
        result.withLock { $0 = report }
    }
}
