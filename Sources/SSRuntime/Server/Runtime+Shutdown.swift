import Foundation
import Hummingbird
import SSActions

/// What a graceful shutdown did, for the host's log line.
public struct ShutdownReport: Sendable, Equatable {
    /// Connections that got the `reconnect` message.
    public var connectionsNotified: Int
    /// Calls (WebSocket and HTTP API) running when the shutdown began.
    public var callsInFlight: Int
    /// WebSocket calls still running at the deadline; each got an `unavailable` reply.
    public var callsCutOff: Int
    /// From the start of the shutdown until every connection was closed.
    public var duration: Duration
}

/// Whether the runtime is draining, and the calls it is waiting for.
struct RuntimeLifecycle: Sendable {
    var draining = false
    var callsInFlight = 0
}

extension Runtime {
    /// Shuts down gracefully, for SIGTERM:
    ///
    /// 1. WebSocket upgrades are refused from now on (HTTP 400: hummingbird-websocket answers
    ///    every refused upgrade so); open connections keep working.
    /// 2. Every client gets `{"type":"reconnect","reason":"shutdown","within":ms}`: send no
    ///    more calls here, and reconnect (to another instance, or this one restarted) at a
    ///    random moment within `within` ms after this server closes the socket.
    /// 3. Calls in flight (WebSocket and HTTP API) may finish, up to `drainTimeout`. A
    ///    WebSocket call still running then gets an `unavailable` reply, so every call keeps
    ///    exactly one reply and the client does not resend it elsewhere.
    /// 4. Every connection is closed with 1012 (service restart), background work stops.
    ///
    /// Then the host stops its server. Not before: Hummingbird's graceful shutdown closes
    /// every connection without a request in progress at once, WebSockets included. With a
    /// service group, put a service that calls this after the application; the group shuts
    /// services down in reverse order:
    ///
    ///     struct RuntimeDrain: Service {                 // import ServiceLifecycle
    ///         let runtime: Runtime
    ///         func run() async throws {
    ///             try? await gracefulShutdown()          // SIGTERM
    ///             let r = await runtime.shutdown(drainTimeout: .seconds(10))
    ///             print("drained \(r.callsInFlight) call(s), \(r.callsCutOff) cut off")
    ///         }
    ///     }
    ///     let group = ServiceGroup(services: [app, RuntimeDrain(runtime: runtime)],
    ///                              gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
    ///     try await group.run()
    @discardableResult
    public func shutdown(drainTimeout: Duration, reconnectWindow: Duration = .seconds(2)) async -> ShutdownReport {
        let started = ContinuousClock.now
        let atStart = lifecycle.withLock { state -> Int in
            state.draining = true
            return state.callsInFlight
        }
        logger.info("shutting down: draining \(atStart) call(s), up to \(drainTimeout)")
        let notice = ServerFrame.reconnect(reason: "shutdown", within: reconnectWindow).text
        let notified = hub.allConnections
        for connection in notified { connection.send(notice) }

        let deadline = started + drainTimeout
        while lifecycle.withLock({ $0.callsInFlight }) > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        var cutOff = 0
        for connection in hub.allConnections {
            for id in connection.takeRunningCalls() {
                cutOff += 1
                connection.send(ServerFrame.failure(id: id, error: Self.cutOffError).text)
            }
        }
        await closeAll(code: ConnectionStateMachine.CloseCode.serviceRestart, reason: "server restarting")
        await stopBackgroundWork()
        let report = ShutdownReport(
            connectionsNotified: notified.count, callsInFlight: atStart, callsCutOff: cutOff,
            duration: ContinuousClock.now - started)
        logger.info(
            "shut down in \(report.duration): \(notified.count) connection(s) told to reconnect, "
                + "\(atStart) call(s) in flight, \(cutOff) cut off")
        return report
    }

    static let cutOffError = WireError(.unavailable, "the server shut down before the call finished")

    /// Whether `shutdown(drainTimeout:)` has begun.
    public var isShuttingDown: Bool { lifecycle.withLock { $0.draining } }

    /// Counts a call for the drain; `body` runs whether or not the runtime is draining.
    func trackingCall<T>(_ body: () async -> T) async -> T {
        lifecycle.withLock { $0.callsInFlight += 1 }
        defer { lifecycle.withLock { $0.callsInFlight -= 1 } }
        return await body()
    }

    /// Starts the close handshake on every connection and waits (up to 2 s) for the clients
    /// to answer; connections that do not are cut.
    func closeAll(code: UInt16, reason: String) async {
        let all = hub.allConnections
        await withTaskGroup(of: Void.self) { group in
            for c in all { group.addTask { await c.closeAfterQueued(code: code, reason: reason) } }
        }
        let deadline = ContinuousClock.now + .seconds(2)
        while hub.connectionCount > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        for c in hub.allConnections { c.abort() }
    }
}
