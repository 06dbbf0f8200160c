import Foundation
import SSActions
import Testing

@testable import SSRuntime

/// The harness's set-up with a rate-limit scenario: a burst over the limit, then calls at
/// the pace the server's `retryAfter` asks for.
private let rateLimitScenario =
    ClientHarness.script.components(separatedBy: "(async () => {")[0] + #"""
(async () => {
  SS.start();
  await waitFor(() => SS.socket.connected);
  const burst = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => call(SS.server.app.square(n))));
  results.burst = burst.map((r) => r.result === undefined ? r.code : 'ok');
  // Keep calling until refused (on a slow machine a token may have come back meanwhile).
  let refused = null;
  for (let i = 0; i < 40 && !refused; i++) {
    refused = await new Promise((r) => SS.server.app.square(7, (err) => r(err)));
  }
  results.code = refused && refused.code;
  results.retryAfter = refused && refused.retryAfter;
  // Wait as asked, then stay below the rate (4/s): every call works again, same connection.
  const later = [];
  for (let i = 0; i < 3; i++) {
    await sleep(i === 0 ? (results.retryAfter || 0) + 50 : 350);
    later.push((await call(SS.server.app.square(i + 10))).result);
  }
  results.later = later;
  results.connects = SS.socket.connected ? 1 : 0;
  console.log(JSON.stringify(results));
  sockets.forEach((s) => s.close());
  process.exit(0);
})().catch((e) => { console.log(JSON.stringify({ fatal: String(e && e.stack || e), logs })); process.exit(1); });
"""#

@Suite(.timeLimit(.minutes(1))) struct RuntimeClientRateLimitTests {
    /// The browser client over the limit: refused calls reject with `rate_limited` and a
    /// `retryAfter`; waiting that long, calls succeed again without a reconnect.
    @Test(.enabled(if: nodePath != nil)) func clientRecoversOnceTheRateDrops() async throws {
        let (dir, client, harness) = try ClientHarness.files(rateLimitScenario)
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = testConfiguration { $0.rateLimit = .init(burst: 3, perSecond: 4) }
        try await withRuntimeServer(configuration: config) { (port, _) async throws in
            let text = try await runNode(harness.path, "\(port)", client.path)
            let r = try JSONValue(parsing: text)
            #expect(r["fatal"] == nil, "\(text)")
            let burst = r["burst"]?.arrayValue ?? []
            #expect(burst.prefix(3) == ["ok", "ok", "ok"], "\(burst)")
            #expect(burst.contains("rate_limited"), "\(burst)")
            #expect(r["code"] == "rate_limited")
            let wait = try #require(r["retryAfter"]?.doubleValue)
            #expect(wait > 0 && wait <= 250, "one token at 4/s")
            #expect(r["later"] == [100, 121, 144])
            #expect(r["connects"] == 1)
        }
    }
}
