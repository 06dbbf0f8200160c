import Foundation
import SSActions
import Testing

@testable import SSRuntime

/// Actions in a worker calling `context.shared`: the `shared` op travels to the host,
/// which answers through `WorkerHost.sharedCode`.
enum SharedCodeApp: ActionNamespace {
    static func actions(_ actions: inout Actions) {
        actions.on("circle") { (radius: Double, context) in
            try await context.shared.call("calculate.circumference", .number(radius))
        }
        actions.on("typed") { (radius: Double, context) in
            let c = try await context.shared.call("SS.shared.calculate.circumference", .number(radius), as: Double.self)
            return "\(radius) -> \(c)"
        }
        actions.on("echo") { (value: JSONValue, context) in
            try await context.shared.call("text.echo", value, "ünïcødé 🎉")
        }
        actions.on("missing") { context in
            try await context.shared.call("nope.x")
        }
        actions.on("caught") { (path: String, context) async throws -> String in
            do {
                _ = try await context.shared.call(path)
                return "no error"
            } catch let error as ActionError {
                return "\(error.code.rawValue): \(error.message)"
            }
        }
    }
}

/// A worker and a host joined by closures (the same lines a process pair exchanges).
private func sharedCodeWorkerPair(
    sharedCode: (@Sendable (String, [JSONValue]) async throws -> JSONValue)?
) -> (WorkerHost, Task<Void, Never>) {
    var registry = ActionRegistry()
    try! registry.register(SharedCodeApp.self, path: "app/server/app.swift")
    let (toWorker, toWorkerInput) = AsyncStream<String>.makeStream()
    let hostBox = Locked<WorkerHost?>(nil)
    let worker = Worker(registry: registry) { line in hostBox.withLock { $0 }?.receive(line) }
    let host = WorkerHost { line in toWorkerInput.yield(line) }
    host.sharedCode = sharedCode
    hostBox.withLock { $0 = host }
    let task = Task {
        await worker.serve(toWorker)
        host.closed()
    }
    return (host, task)
}

/// A runtime server whose actions run in that worker, and a browser socket past `init`.
private func withSharedCodeWorker(
    _ sharedCode: (@Sendable (String, [JSONValue]) async throws -> JSONValue)?,
    _ body: @escaping @Sendable (TestWebSocket) async throws -> Void
) async throws {
    let (host, task) = sharedCodeWorkerPair(sharedCode: sharedCode)
    defer { task.cancel() }
    try await withRuntimeServer { (port, runtime) async throws in
        await runtime.use(worker: host)
        let ws = try await TestWebSocket.connect(port: port)
        defer { ws.close() }
        _ = try await ws.next(type: "init")
        try await body(ws)
    }
}

/// A stand-in for SSBuild's SharedCodeEngine: SSRuntime does not depend on it.
private let sharedCodeStub: @Sendable (String, [JSONValue]) async throws -> JSONValue = { path, args in
    switch path {
    case "calculate.circumference": return .number(2 * (355.0 / 113.0) * (args.first?.doubleValue ?? 1))
    case "text.echo": return .array(args)
    case "slow.loop":
        throw ActionError(.timeout, "SS.shared.slow.loop was stopped: it ran longer than the 2 s time limit")
    default: throw ActionError(.notFound, "SS.shared.\(path) does not exist")
    }
}

@Suite(.timeLimit(.minutes(1))) struct WorkerSharedCodeTests {
    @Test func sharedCallsRoundTripThroughTheHost() async throws {
        let calls = Locked<[String]>([])
        let stub: @Sendable (String, [JSONValue]) async throws -> JSONValue = { path, args in
            calls.withLock { $0.append(path + args.map(\.jsonText).joined()) }
            return try await sharedCodeStub(path, args)
        }
        try await withSharedCodeWorker(stub) { ws in
            #expect(try await ws.call("app.circle", [20])["result"] == .number(2 * (355.0 / 113.0) * 20))
            #expect(try await ws.call("app.typed", [1])["result"] == .string("1.0 -> \(2 * (355.0 / 113.0))"))
            let echoed = try await ws.call("app.echo", [["when": "2024-02-29T12:00:00.000Z", "x": 0.1]])
            #expect(echoed["result"] == [["when": "2024-02-29T12:00:00.000Z", "x": 0.1], "ünïcødé 🎉"])
            #expect(
                try await ws.call("app.caught", ["nope.x"])["result"] == "not_found: SS.shared.nope.x does not exist")
            #expect(
                try await ws.call("app.caught", ["slow.loop"])["result"]?.stringValue?.hasPrefix("timeout: ") == true)
            let uncaught = try await ws.call("app.missing")
            #expect(uncaught["error"]?["code"] == "not_found", "an uncaught shared error keeps its code")
        }
        #expect(calls.withLock { $0.first } == "calculate.circumference20")
        #expect(calls.withLock { $0.contains("calculate.circumference1") }, "the SS.shared. prefix is dropped")
    }

    @Test func withoutAHandlerSharedCallsAreUnavailable() async throws {
        try await withSharedCodeWorker(nil) { ws in
            let reply = try await ws.call("app.caught", ["calculate.circumference"])
            #expect(reply["result"]?.stringValue?.hasPrefix("unavailable: shared code is not available") == true)
            #expect(try await ws.call("app.circle", [2])["error"]?["code"] == "unavailable")
        }
    }
}
