import Foundation
import SSActions
import Testing

@testable import SSRuntime

/// A worker and a host wired back to back in memory: the same protocol the process uses.
private func inMemoryWorker(_ registry: ActionRegistry) -> (WorkerHost, Task<Void, Never>) {
    let (toWorker, toWorkerInput) = AsyncStream<String>.makeStream()
    let hostBox = Locked<WorkerHost?>(nil)
    let worker = Worker(registry: registry) { line in hostBox.withLock { $0 }?.receive(line) }
    let host = WorkerHost { line in toWorkerInput.yield(line) }
    hostBox.withLock { $0 = host }
    let task = Task {
        await worker.serve(toWorker)
        host.closed()
    }
    _ = toWorkerInput
    return (host, task)
}

enum WorkerApp: ActionNamespace {
    static func actions(_ actions: inout Actions) {
        actions.on("square") { (n: Double, _) in n * n + 0.5 }  // differs from TestApp on purpose
        actions.on("login") { (name: String, context) in
            try await context.session.setUserId(name)
            return context.userId
        }
        actions.on("join") { (room: String, context) in try await context.channels.subscribe(room) }
        actions.on("say") { (room: String, text: String, context) in
            try await context.publish.channel(room, "said", text)
        }
        actions.on("remember") { (v: JSONValue, context) in try await context.session.set("v", v) }
        actions.on("recall") { context in context.session[attribute: "v"] }
        actions.on("fail") { (_: ActionContext) async throws -> Int in throw ActionError(.forbidden, "nope") }
    }
}

enum WorkerSecret: ActionNamespace {
    static let requiresAuthentication = true
    static func actions(_ actions: inout Actions) {
        actions.on("data") { context in "worker secret for \(context.userId ?? "?")" }
    }
}

private func workerRegistry() -> ActionRegistry {
    var r = ActionRegistry()
    try! r.register(WorkerApp.self, path: "app/server/app.swift")
    try! r.register(WorkerSecret.self, path: "app/server/secret.swift")
    return r
}

@Suite(.timeLimit(.minutes(1))) struct WorkerTests {
    @Test func callsSessionOpsAndPublishGoThroughTheWorker() async throws {
        try await withRuntimeServer { (port, runtime) async throws in
            let (host, task) = inMemoryWorker(workerRegistry())
            defer { task.cancel() }
            let ws = try await TestWebSocket.connect(port: port)
            defer { ws.close() }
            let initial = try await ws.next(type: "init")
            #expect(initial["api"]?["counter"] != nil, "in-process actions before the swap")
            await runtime.use(worker: host)
            let api = try await ws.next(type: "api")
            #expect(api["api"]?["app"]?["remember"] == 1)
            #expect(api["api"]?["counter"] == nil)
            #expect(try await ws.call("app.square", [3])["result"] == 9.5)
            #expect(try await ws.call("app.fail")["error"]?["code"] == "forbidden")
            #expect(try await ws.call("counter.bump", [0, "worker"])["error"]?["code"] == "not_found")
            #expect(try await ws.call("secret.data")["error"]?["code"] == "unauthenticated")
            #expect(try await ws.call("app.login", ["zoe"])["result"] == "zoe")
            #expect(try await ws.call("secret.data")["result"] == "worker secret for zoe")
            #expect(try await runtime.usersOnline() == ["zoe"])
            _ = try await ws.call("app.remember", [[1, 2]])
            #expect(try await ws.call("app.recall")["result"] == [1, 2])
            _ = try await ws.call("app.join", ["room"])
            _ = try await ws.call("app.say", ["room", "hello"])
            #expect(
                try await ws.next(type: "event") == [
                    "type": "event", "name": "said", "payload": "hello", "channel": "room",
                ])
            // A new connection of the same session sees the state the worker changed.
            let again = try await TestWebSocket.connect(port: port, cookie: ws.sessionCookie)
            defer { again.close() }
            let resumed = try await again.next(type: "init")
            #expect(resumed["user"] == "zoe")
            #expect(resumed["channels"] == ["room"])
            #expect(resumed["api"]?["app"]?["remember"] == 1)
            // The HTTP API goes to the worker too.
            #expect(try await testHTTP(port: port, "GET", "/api/app/square?2").body == "4.5")
        }
    }

    @Test func aStoppedWorkerFailsCallsWithUnavailableAndASwapKeepsConnections() async throws {
        try await withRuntimeServer { (port, runtime) async throws in
            let (first, task1) = inMemoryWorker(workerRegistry())
            await runtime.use(worker: first)
            let ws = try await TestWebSocket.connect(port: port)
            defer { ws.close() }
            _ = try await ws.next(type: "init")
            #expect(try await ws.call("app.square", [1])["result"] == 1.5)
            first.closed()
            task1.cancel()
            #expect(try await ws.call("app.square", [1])["error"]?["code"] == "unavailable")
            // A rebuilt worker takes over; the same socket keeps working.
            var registry = ActionRegistry()
            var actions = Actions()
            actions.on("square") { (n: Double, _) in n * n }
            actions.on("cube") { (n: Double, _) in n * n * n }
            try registry.register(namespace: "app", actions: actions, location: "app.swift")
            let (second, task2) = inMemoryWorker(registry)
            defer { task2.cancel() }
            let old = await runtime.use(worker: second)
            #expect(old === first)
            #expect(try await ws.next(type: "api")["api"]?["app"]?["cube"] == 1)
            #expect(try await ws.call("app.cube", [2])["result"] == 8)
            #expect(runtime.connectionCount == 1)
        }
    }

    /// A real child process speaking the protocol (a stand-in worker in Python), started and
    /// stopped by `WorkerProcess`.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
    func workerProcessLaunchCallAndCrash() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ss-worker-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("worker.py")
        try #"""
        import json, sys, os
        print("app chatter goes to stderr", file=sys.stderr)
        out = sys.stdout
        out.write(json.dumps({"t": "hello", "version": 1, "api": {"py": {"double": 1, "die": 1}},
                              "methods": {"py.double": {"auth": False}, "py.die": {"auth": False}}}) + "\n"); out.flush()
        while True:
            line = sys.stdin.readline()
            if not line: break
            m = json.loads(line)
            if m.get("t") != "call": continue
            if m["method"] == "py.die": os._exit(3)
            out.write(json.dumps({"t": "result", "n": m["n"], "result": m["args"][0] * 2}) + "\n"); out.flush()
        """#.write(to: script, atomically: true, encoding: .utf8)
        try await withRuntimeServer { (port, runtime) async throws in
            let exited = Locked<Int32?>(nil)
            let process = try WorkerProcess.launch(
                executable: "/usr/bin/python3", arguments: [script.path],
                onExit: { status in exited.withLock { $0 = status } })
            await runtime.use(worker: process.host)
            let ws = try await TestWebSocket.connect(port: port)
            defer { ws.close() }
            #expect(try await ws.next(type: "init")["api"] == ["py": ["double": 1, "die": 1]])
            #expect(try await ws.call("py.double", [21])["result"] == 42)
            #expect(try await ws.call("py.die")["error"]?["code"] == "unavailable")
            for _ in 0..<100 where exited.withLock({ $0 }) == nil { try await Task.sleep(for: .milliseconds(20)) }
            #expect(exited.withLock { $0 } == 3)
            #expect(!process.isRunning)
        }
    }

    /// The supervisor restarts a crashed worker and reloads a new one without dropping the
    /// browser's socket.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
    func supervisorRestartsAndReloads() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ss-sup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("worker.py")
        @Sendable func write(factor: Int) throws {
            try """
            import json, sys, os
            out = sys.stdout
            out.write(json.dumps({"t": "hello", "version": 1, "api": {"py": {"mul": 1, "die": 1}},
                                  "methods": {"py.mul": {"auth": False}, "py.die": {"auth": False}}}) + "\\n"); out.flush()
            while True:
                line = sys.stdin.readline()
                if not line: break
                m = json.loads(line)
                if m.get("t") != "call": continue
                if m["method"] == "py.die": os._exit(1)
                out.write(json.dumps({"t": "result", "n": m["n"], "result": m["args"][0] * \(factor)}) + "\\n"); out.flush()
            """.write(to: script, atomically: true, encoding: .utf8)
        }
        try write(factor: 2)
        try await withRuntimeServer { (port, runtime) async throws in
            let supervisor = WorkerSupervisor(
                runtime: runtime, executable: "/usr/bin/python3", arguments: [script.path])
            try await supervisor.start()
            let ws = try await TestWebSocket.connect(port: port)
            defer { ws.close() }
            _ = try await ws.next(type: "init")
            #expect(try await ws.call("py.mul", [5])["result"] == 10)
            let firstPid = supervisor.processIdentifier
            #expect(try await ws.call("py.die")["error"]?["code"] == "unavailable")
            var back = false
            for _ in 0..<200 where !back {
                try await Task.sleep(for: .milliseconds(20))
                guard supervisor.restarts == 1, supervisor.processIdentifier != firstPid else { continue }
                let reply = try await ws.call("py.mul", [5])
                back = reply["result"] == 10
            }
            #expect(back, "restarted after the crash")
            try write(factor: 3)
            try await supervisor.reload()
            #expect(try await ws.call("py.mul", [5])["result"] == 15, "the reloaded worker answers on the same socket")
            #expect(runtime.connectionCount == 1)
            await supervisor.stop()
        }
    }
}
