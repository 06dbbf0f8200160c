#if canImport(CHiredis)
import Foundation
import HummingbirdWebSocket
import SSActions
import Testing

@testable import SSRuntime

/// A real nginx (Debian's package) in front of two local ports, as users deploy several
/// instances: WebSocket upgrade headers passed on, `X-Forwarded-For` set, and the next
/// upstream tried when one refuses connections. Started with a pidfile, stopped by that pid.
final class NginxTestServer: Sendable {
    static let executable = ["/usr/sbin/nginx", "/usr/bin/nginx"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    let port: Int
    let directory: URL
    var pidFile: URL { directory.appendingPathComponent("nginx.pid") }

    init(upstreams: [Int]) throws {
        port = try RedisTestServer.freePort()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ss-nginx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("tmp"), withIntermediateDirectories: true)
        let d = directory.path
        let servers = upstreams.map { "server 127.0.0.1:\($0) max_fails=1 fail_timeout=30s;" }.joined(separator: " ")
        let config = """
            user root;
            worker_processes 1;
            pid \(d)/nginx.pid;
            error_log \(d)/error.log;
            events { worker_connections 256; }
            http {
              access_log off;
              client_body_temp_path \(d)/tmp/body; proxy_temp_path \(d)/tmp/proxy;
              fastcgi_temp_path \(d)/tmp/fcgi; uwsgi_temp_path \(d)/tmp/uwsgi; scgi_temp_path \(d)/tmp/scgi;
              map $http_upgrade $connection_upgrade { default upgrade; '' close; }
              upstream ss { \(servers) }
              server {
                listen 127.0.0.1:\(port);
                location / {
                  proxy_pass http://ss;
                  proxy_http_version 1.1;
                  proxy_set_header Upgrade $http_upgrade;
                  proxy_set_header Connection $connection_upgrade;
                  proxy_set_header Host $http_host;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  proxy_read_timeout 3600s;
                  proxy_next_upstream error timeout;
                }
              }
            }
            """
        try config.write(to: directory.appendingPathComponent("nginx.conf"), atomically: true, encoding: .utf8)
    }

    func start() async throws {
        let conf = directory.appendingPathComponent("nginx.conf").path
        try RedisTestServer.spawnAndWait([Self.executable ?? "/usr/sbin/nginx", "-p", directory.path, "-c", conf])
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if pid != nil, RedisTestServer.accepts(port: port) { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        let log = (try? String(contentsOf: directory.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
        throw RedisError.unavailable("nginx did not start on port \(port): \(log)")
    }

    var pid: pid_t? {
        guard let text = try? String(contentsOf: pidFile, encoding: .utf8) else { return nil }
        return pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    func stop() {
        if let pid {
            kill(pid, SIGTERM)
            if !RedisTestServer.waitGone(pid) { kill(pid, SIGKILL) }
        }
        try? FileManager.default.removeItem(at: directory)
    }
}

/// One instance whose server can be stopped abruptly (its listener and sockets go away at
/// once, as when the process dies).
private final class KillableInstance: Sendable {
    let runtime: Runtime
    let port: Int
    private let server: Task<Void, any Error>

    init(stores: RuntimeStores) async throws {
        runtime = Runtime(configuration: testConfiguration(), actions: testRegistry(), stores: stores)
        let portBox = PortBox()
        let app = try runtimeTestApplication(runtime, context: RuntimeRequestContext.self, portBox: portBox)
        server = Task { try await app.runService(gracefulShutdownSignals: []) }
        port = await portBox.wait()
    }

    /// Cancels the server: the listener closes and every socket is dropped, no goodbye.
    func kill() async {
        server.cancel()
        _ = try? await server.value
        await runtime.shutdown()
    }
}

/// Two instances on one Redis behind nginx: an instance dies, its clients come back through
/// nginx to the other one with their session and channels.
@Suite(
    .enabled(if: RedisTestServer.available && NginxTestServer.executable != nil, "needs redis-server and nginx"),
    .timeLimit(.minutes(2)))
struct RedisNginxTests {
    @Test func clientsOfADeadInstanceComeBackThroughNginxWithTheirSession() async throws {
        try await RedisTestServer.with { redis in
            let engines = RedisEngines()
            let a = try await KillableInstance(stores: engines.make(redis.configuration).stores())
            let b = try await KillableInstance(stores: engines.make(redis.configuration).stores())
            let nginx = try NginxTestServer(upstreams: [a.port, b.port])
            try await nginx.start()
            defer { nginx.stop() }

            // Connect through nginx until one client sits on A (round robin).
            var onA: TestWebSocket?
            var others: [TestWebSocket] = []
            for _ in 0..<6 where onA == nil {
                let before = a.runtime.connectionCount
                let ws = try await TestWebSocket.connect(port: nginx.port)
                _ = try await ws.next(type: "init", timeout: .seconds(20))
                if a.runtime.connectionCount > before { onA = ws } else { others.append(ws) }
            }
            defer { others.forEach { $0.close() } }
            let client = try #require(onA, "nginx sent no connection to A")
            let cookie = try #require(client.sessionCookie)
            _ = try await client.call("app.login", ["ann"])
            _ = try await client.call("app.join", ["kids"])
            #expect(try await client.call("app.whoami")["result"] == "ann")

            await a.kill()
            let inbox = WebSocketInbox(client)
            _ = await inbox.waitClosed()
            #expect(inbox.isClosed, "the dead instance's socket is gone")

            // The client reconnects through nginx, which skips the dead upstream.
            let (back, initial): (TestWebSocket, JSONValue) = try await {
                var lastError: (any Error)?
                for _ in 0..<10 {
                    do {
                        let ws = try await TestWebSocket.connect(port: nginx.port, cookie: cookie)
                        return (ws, try await ws.next(type: "init", timeout: .seconds(20)))
                    } catch {
                        lastError = error
                        try await Task.sleep(for: .milliseconds(100))
                    }
                }
                throw lastError ?? RedisError.unavailable("no reconnect")
            }()
            defer { back.close() }
            #expect(initial["session"] == "resumed")
            #expect(initial["user"] == "ann")
            #expect(initial["channels"] == ["kids"])
            #expect(b.runtime.connectionCount >= 1)
            // Calls made after the move run once, on B; B's publishes reach the client.
            let key = "nginx-\(UUID().uuidString)"
            #expect(try await back.call("counter.bump", [0, .string(key)])["result"] == 1)
            #expect(Counter.count(key) == 1)
            try await b.runtime.publish.channel("kids", "story", JSONValue.null)
            try await b.runtime.publish.user("ann", "note", JSONValue.null)
            #expect(try await back.next(type: "event", timeout: .seconds(20))["name"] == "story")
            #expect(try await back.next(type: "event", timeout: .seconds(20))["name"] == "note")
            // The client's address is the one nginx forwarded (loopback here), not lost.
            #expect(try await back.call("app.whoami")["result"] == "ann")

            await b.kill()
            await engines.shutdownAll()
        }
    }
}
#endif
