import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import SSActions

@testable import SSRuntime

/// Runs a real Hummingbird server on 127.0.0.1 port 0 with the runtime mounted exactly as
/// the dev server mounts it (`RuntimeRequestContext`: peer addresses and the event-loop fast
/// path), calls `body` with the port, then stops the server.
func withRuntimeServer<Context: RequestContext & WebSocketRequestContext>(
    context: Context.Type = RuntimeRequestContext.self,
    configuration: RuntimeConfiguration = testConfiguration(),
    actions: ActionRegistry = testRegistry(),
    stores: RuntimeStores = .inMemory(),
    _ body: @Sendable (_ port: Int, _ runtime: Runtime) async throws -> Void
) async throws where Context.Source == ApplicationRequestContextSource {
    let runtime = Runtime(configuration: configuration, actions: actions, stores: stores)
    let portBox = PortBox()
    let app = try runtimeTestApplication(runtime, context: Context.self, portBox: portBox)
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await app.runService() }
        let port = await portBox.wait()
        do {
            try await body(port, runtime)
        } catch {
            group.cancelAll()
            await runtime.shutdown()
            throw error
        }
        group.cancelAll()
        await runtime.shutdown()
    }
}

/// A Hummingbird application on 127.0.0.1 port 0 with the runtime mounted as the dev server
/// mounts it; the port arrives in `portBox` once it listens. `server` replaces the plain
/// HTTP/1 + WebSocket server (e.g. with TLS).
func runtimeTestApplication<Context: RequestContext & WebSocketRequestContext>(
    _ runtime: Runtime, context: Context.Type, portBox: PortBox,
    server: ((Runtime, Router<Context>) throws -> HTTPServerBuilder)? = nil
) throws -> some ApplicationProtocol where Context.Source == ApplicationRequestContextSource {
    let router = Router(context: Context.self)
    runtime.register(on: router)
    var logger = Logger(label: "test")
    logger.logLevel = .critical
    return Application(
        router: router,
        server: try server?(runtime, router)
            ?? .http1WebSocketUpgrade(webSocketRouter: router, configuration: runtime.upgradeConfiguration),
        configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in await portBox.set(channel.localAddress?.port ?? 0) },
        logger: logger)
}

actor PortBox {
    private var port: Int?
    private var waiters: [CheckedContinuation<Int, Never>] = []

    func set(_ p: Int) {
        port = p
        for w in waiters { w.resume(returning: p) }
        waiters = []
    }

    func wait() async -> Int {
        if let port { return port }
        return await withCheckedContinuation { waiters.append($0) }
    }
}

func testConfiguration(_ configure: (inout RuntimeConfiguration) -> Void = { _ in }) -> RuntimeConfiguration {
    var c = RuntimeConfiguration(logLevel: .off)
    c.logSink = { _, _ in }
    configure(&c)
    return c
}

/// Test actions covering every error path.
enum TestApp: ActionNamespace {
    static func actions(_ actions: inout Actions) {
        actions.on("square") { (n: Double, _) in n * n }
        actions.on("add") { (a: Int, b: Int, _) in a + b }
        actions.on("echo") { (v: JSONValue, _) in v }
        actions.on("boom") { (_: ActionContext) async throws -> Int in
            struct Kaboom: Error {}
            throw Kaboom()
        }
        actions.on("deny") { (_: ActionContext) async throws -> Int in throw ActionError(.forbidden, "not you") }
        actions.on("slow") { (ms: Int, _) in
            try await Task.sleep(for: .milliseconds(ms))
            return ms
        }
        actions.on("announce") { (text: String, context) in
            try await context.publish.broadcast("flash", ["text": text])
        }
        actions.on("login") { (name: String, context) in
            try await context.session.setUserId(name)
            return name
        }
        actions.on("signin") { (user: String, password: String, context) in
            try await context.session.authenticate(params: ["username": .string(user), "password": .string(password)])
                .success
        }
        actions.on("logout") { context in try await context.session.logout() }
        actions.on("whoami") { context in context.userId }
        actions.on("join") { (room: String, context) in try await context.channels.subscribe(room) }
        actions.on("leave") { (room: String, context) in try await context.channels.unsubscribe(room) }
        actions.on("channels") { context in context.channels.list() }
        actions.on("tell") { (user: String, text: String, context) in
            try await context.publish.user(user, "note", text)
        }
        actions.on("say") { (room: String, text: String, context) in
            try await context.publish.channel(room, "said", text)
        }
        actions.on("remember") { (v: JSONValue, context) in try await context.session.set("v", v) }
        actions.on("recall") { context in context.session[attribute: "v"] }
    }
}

/// The counter namespace records executions per key (one key per test, as tests run in
/// parallel), to prove a resent call runs once.
enum Counter: ActionNamespace {
    static let counts = Locked([String: Int]())
    static func count(_ key: String) -> Int { counts.withLock { $0[key] ?? 0 } }
    static func actions(_ actions: inout Actions) {
        actions.on("bump") { (ms: Int, key: String?, _) in
            try await Task.sleep(for: .milliseconds(ms))
            return Counter.counts.withLock {
                $0[key ?? "", default: 0] += 1
                return $0[key ?? ""] ?? 0
            }
        }
    }
}

enum Secret: ActionNamespace {
    static let requiresAuthentication = true
    static func actions(_ actions: inout Actions) {
        actions.on("data") { context in "secret for \(context.userId ?? "?")" }
    }
}

func testRegistry() -> ActionRegistry {
    var r = ActionRegistry()
    try! r.register(TestApp.self, path: "app/server/app.swift")
    try! r.register(Secret.self, path: "app/server/secret.swift")
    try! r.register(Counter.self, path: "app/server/counter.swift")
    r.setAuthenticator(
        ClosureAuthenticator { params in
            params["password"] == "pw" ? .init(success: true, userId: params["username"]?.stringValue) : .failure
        })
    return r
}
