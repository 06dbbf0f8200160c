import Foundation
import SSActions
import Testing

@testable import SSRuntime

/// Names the instance that ran a call.
private enum InstanceA: ActionNamespace {
    static func actions(_ actions: inout Actions) { actions.on("name") { _ in "A" } }
}

private enum InstanceB: ActionNamespace {
    static func actions(_ actions: inout Actions) { actions.on("name") { _ in "B" } }
}

private func registry<N: ActionNamespace>(_ instance: N.Type) -> ActionRegistry {
    var r = testRegistry()
    try! r.register(instance, path: "app/server/instance.swift")
    return r
}

/// The Node harness's set-up (cookie-keeping WebSocket, window, the client loaded) with a
/// graceful-shutdown scenario: the first connection goes to instance A, every later one to
/// B (a load balancer after A left).
private let shutdownScenario =
    ClientHarness.script.components(separatedBy: "(async () => {")[0] + #"""
const portB = process.argv[4];
let opened = 0;
const seen = [];
window.WebSocket = class extends NodeWebSocket {
  set onmessage(fn) { this._om = fn; }
  get onmessage() { const fn = this._om; return fn && ((ev) => { seen.push(ev.data.slice(0, 160)); fn(ev); }); }
};
SS.runtimeOptions.url = () => 'ws://127.0.0.1:' + (opened++ === 0 ? port : portB) + '/_ss/ws';
(async () => {
  let connects = 0, disconnects = 0, reconnecting = [];
  SS.socket.on('connect', () => connects++);
  SS.socket.on('disconnect', () => disconnects++);
  SS.socket.on('reconnecting', (reason) => reconnecting.push(reason));
  SS.start();
  await waitFor(() => SS.socket.connected);
  results.first = await SS.server.instance.name();
  await SS.server.app.login('ann');
  await SS.server.app.join('kids');
  // In flight when A begins to shut down (the test waits for it): answered by A.
  const slow = call(SS.server.app.slow(700));
  await waitFor(() => reconnecting.length > 0);
  // After the notice: not sent to A, queued, and run on B once the client moved.
  const after = call(SS.server.instance.name());
  results.slow = await slow;
  results.after = await after;
  results.reconnecting = reconnecting;
  results.user = await SS.server.app.whoami();
  results.channels = SS.session.channels;
  results.connects = connects;
  results.disconnects = disconnects;
  results.opened = opened;
  results.seen = seen;
  results.noticeLogged = logs.some((l) => l.indexOf('the server asked to reconnect (shutdown)') >= 0);
  console.log(JSON.stringify(results));
  sockets.forEach((s) => s.close());
  process.exit(0);
})().catch((e) => { console.log(JSON.stringify({ fatal: String(e && e.stack || e), logs })); process.exit(1); });
"""#

@Suite(.timeLimit(.minutes(1))) struct RuntimeClientShutdownTests {
    /// The browser client and a graceful shutdown: a call in flight is answered by the old
    /// instance, a call made after the `reconnect` notice waits and runs on the new one, and
    /// the session (user, channels) comes along, with no error shown to the page.
    @Test(.enabled(if: nodePath != nil)) func clientMovesToAnotherInstanceOnShutdown() async throws {
        let (dir, client, harness) = try ClientHarness.files(shutdownScenario)
        defer { try? FileManager.default.removeItem(at: dir) }
        let shared = RuntimeStores.inMemory()  // one session store for both, as Redis would be
        let config = testConfiguration { $0.rateLimit = nil }
        try await withRuntimeServer(configuration: config, actions: registry(InstanceA.self), stores: shared) {
            portA, runtimeA in
            try await withRuntimeServer(configuration: config, actions: registry(InstanceB.self), stores: shared) {
                portB, runtimeB in
                async let output = runNode(harness.path, "\(portA)", client.path, "\(portB)")
                let deadline = ContinuousClock.now + .seconds(20)
                // The slow call is the first one in flight after the join.
                while runtimeA.hub.memberCount(channel: "kids") == 0
                    || runtimeA.lifecycle.withLock({ $0.callsInFlight }) == 0, ContinuousClock.now < deadline
                {
                    try await Task.sleep(for: .milliseconds(2))
                }
                let report = await runtimeA.shutdown(drainTimeout: .seconds(5), reconnectWindow: .milliseconds(200))
                let text = try await output
                let r = try JSONValue(parsing: text)
                #expect(r["fatal"] == nil, "\(text)")
                #expect(report.callsInFlight == 1 && report.callsCutOff == 0)
                #expect(r["first"] == "A")
                #expect(r["slow"] == ["result": 700])
                #expect(r["after"] == ["result": "B"])
                #expect(r["reconnecting"] == ["shutdown"])
                #expect(r["user"] == "ann")
                #expect(r["channels"] == ["kids"], "\(r["seen"] ?? .null)")
                #expect(r["connects"] == 2)
                #expect(r["disconnects"] == 1)
                #expect(r["opened"] == 2)
                #expect(r["noticeLogged"] == true)
                #expect(runtimeA.connectionCount == 0)
                #expect(runtimeB.connectionCount <= 1)
            }
        }
    }
}
