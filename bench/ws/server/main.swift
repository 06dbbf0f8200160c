// The runtime as a load-benchmark server for ../../shared/bench/ws-anchor (adapter "ssbuild",
// see ../adapter.js). Prints one JSON line with "ready" once listening, as the anchor
// servers do.
//
//     wsbench --port 18300 [--timeout-guard] [--rate-limit] [--worker PATH] [--redis URL]
//             [--actions-on-event-loop]
//
// --worker runs the actions in a worker process (an app's `.ssbuild/worker` build with the
// same Bench namespace in app/server/bench.swift), as `ssbuild serve` does, to measure the hop.
// --redis keeps sessions, pub/sub routing and users online in Redis (as `ssbuild serve` with
// a `redis` config section), so several wsbench instances form one app for bench/ws/redis.
import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import SSActions
import SSRuntime

let args = CommandLine.arguments
func option(_ name: String) -> String? {
    guard let i = args.firstIndex(of: "--" + name), i + 1 < args.count else { return nil }
    return args[i + 1]
}
let port = Int(option("port") ?? "18300") ?? 18300

var registry = ActionRegistry()
try registry.register(Bench.self, namespace: "bench")
var config = RuntimeConfiguration(env: "production", logLevel: .off)
// Load tests send far above the default per-connection rate limit and are not browsers.
config.rateLimit = args.contains("--rate-limit") ? config.rateLimit : nil
config.actionTimeout = args.contains("--timeout-guard") ? .seconds(30) : nil
config.inProcessActionsOnEventLoop = args.contains("--actions-on-event-loop")
config.allowedOrigins = ["*"]
let stores: RuntimeStores
if let url = option("redis") {
    stores = try RedisEngine(url: url, prefix: option("redis-prefix") ?? "ss:")
        .stores(sessionIdleTimeout: .seconds(86_400), callWindow: config.dedupWindow)
} else {
    stores = .inMemory()
}
let runtime = Runtime(configuration: config, actions: registry, stores: stores)
if let worker = option("worker") {
    let process = try WorkerProcess.launch(executable: worker)
    await runtime.use(worker: process.host)
}
let router = Router(context: RuntimeRequestContext.self)
if args.contains("--bare-echo") {
    // Baseline for memory per connection: hummingbird-websocket alone, no runtime.
    router.ws("/_ss/ws") { inbound, outbound, _ in
        try await outbound.write(.text(#"{"type":"init"}"#))
        for try await frame in inbound { _ = frame }
    }
} else {
    runtime.register(on: router)
}
var logger = Logger(label: "wsbench")
logger.logLevel = .error
let app = Application(
    router: router,
    server: .http1WebSocketUpgrade(webSocketRouter: router, configuration: runtime.upgradeConfiguration),
    configuration: .init(
        address: .hostname("127.0.0.1", port: port), backlog: 4096,
        availableConnectionsDelegate: OpenFileLimit.serverConnectionGate(logger: logger)),
    onServerRunning: { _ in
        let line = #"{"ready":true,"server":"ssbuild-runtime","port":\#(port),"pid":\#(getpid())}"# + "\n"
        FileHandle.standardOutput.write(Data(line.utf8))
    },
    logger: logger)
try await app.runService()
