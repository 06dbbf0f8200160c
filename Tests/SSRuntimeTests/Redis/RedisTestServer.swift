#if canImport(CHiredis)
import Foundation
import SSActions
import Testing

@testable import SSRuntime

/// A real redis-server for one test: started on a free loopback port with a pidfile, stopped
/// by that pid. Each test gets its own server, so tests can run in parallel and kill theirs.
///
///     try await RedisTestServer.with { server in
///         let engine = RedisEngine(configuration: server.configuration)
///     }
final class RedisTestServer: @unchecked Sendable {
    let port: Int
    let directory: URL
    var pidFile: URL { directory.appendingPathComponent("redis.pid") }
    var socketPath: String { directory.appendingPathComponent("redis.sock").path }
    var url: String { "redis://127.0.0.1:\(port)/0" }

    var configuration: RedisConfiguration {
        var c = RedisConfiguration(host: "127.0.0.1", port: port)
        c.reconnectInitialDelay = .milliseconds(20)
        c.reconnectMaxDelay = .milliseconds(200)
        c.commandTimeout = .seconds(3)
        return c
    }

    /// Whether this machine has redis-server (the tests are skipped without it).
    static let available: Bool = FileManager.default.isExecutableFile(atPath: executable)
    static let executable =
        ["/usr/bin/redis-server", "/usr/local/bin/redis-server"]
        .first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/redis-server"

    /// Extra redis-server arguments, e.g. `["--requirepass", "pw"]`.
    var extraArguments: [String] = []

    init() throws {
        port = try Self.freePort()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ss-redis-\(port)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Runs `body` with a fresh server and always stops it afterwards.
    static func with<T>(
        arguments: [String] = [], _ body: (RedisTestServer) async throws -> T
    ) async throws -> T {
        // A port that was free a moment ago can be taken by then: try a few.
        var attempt = 0
        var server = try RedisTestServer()
        server.extraArguments = arguments
        while true {
            do {
                try await server.start()
                break
            } catch {
                server.stop()
                attempt += 1
                if attempt == 3 { throw error }
                server = try RedisTestServer()
                server.extraArguments = arguments
            }
        }
        do {
            let result = try await body(server)
            server.stop()
            return result
        } catch {
            server.stop()
            throw error
        }
    }

    /// Starts (or restarts) the daemon on this server's port and waits until it accepts.
    func start() async throws {
        try? FileManager.default.removeItem(at: pidFile)
        let args =
            [
                Self.executable, "--port", String(port), "--bind", "127.0.0.1", "--daemonize", "yes",
                "--pidfile", pidFile.path, "--save", "", "--appendonly", "no", "--dir", directory.path,
                "--logfile", logFile.path,
                "--unixsocket", socketPath, "--unixsocketperm", "700",
            ] + extraArguments
        // A restart right after a kill can race the old socket's teardown: retry briefly.
        for _ in 0..<5 {
            try Self.spawnAndWait(args)
            let deadline = ContinuousClock.now + .seconds(3)
            while ContinuousClock.now < deadline {
                if pid != nil, Self.accepts(port: port) { return }
                if let log, log.contains("aborting") { break }
                try await Task.sleep(for: .milliseconds(5))
            }
            try? FileManager.default.removeItem(at: logFile)
            try await Task.sleep(for: .milliseconds(100))
        }
        throw RedisError.unavailable("redis-server did not start on port \(port): \(log ?? "no log")")
    }

    private var logFile: URL { directory.appendingPathComponent("redis.log") }
    private var log: String? { try? String(contentsOf: logFile, encoding: .utf8) }

    /// posix_spawn with a clean signal mask and default handlers: the test process blocks
    /// signals on its threads, and a daemon inheriting that mask would ignore SIGTERM.
    /// (Foundation's Process also hung in waitUntilExit on the cooperative pool here.)
    static func spawnAndWait(_ args: [String]) throws {
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attr, &empty)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var cargs: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { for p in cargs { free(p) } }
        var child = pid_t()
        let rc = posix_spawn(&child, args[0], nil, &attr, &cargs, environ)
        guard rc == 0 else { throw RedisError.unavailable("posix_spawn redis-server failed: \(rc)") }
        // The daemonizing parent exits at once; reap it.
        var status: Int32 = 0
        _ = waitpid(child, &status, 0)
    }

    var pid: pid_t? {
        guard let text = try? String(contentsOf: pidFile, encoding: .utf8) else { return nil }
        return pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// SIGKILL: the crash case (no goodbye to clients).
    func kill() {
        guard let pid else { return }
        Glibc.kill(pid, SIGKILL)
        Self.waitGone(pid)
        try? FileManager.default.removeItem(at: pidFile)
    }

    /// SIGTERM and wait; also removes the temp directory.
    func stop() {
        if let pid {
            Glibc.kill(pid, SIGTERM)
            if !Self.waitGone(pid) {
                Glibc.kill(pid, SIGKILL)
                Self.waitGone(pid)
            }
        }
        try? FileManager.default.removeItem(at: directory)
    }

    @discardableResult
    static func waitGone(_ pid: pid_t) -> Bool {
        for _ in 0..<400 {
            if Glibc.kill(pid, 0) != 0 || Self.isZombie(pid) { return true }
            usleep(2_000)
        }
        return false
    }

    /// The daemon's parent is init, which in a container may never reap it: a dead daemon
    /// can linger as a zombie that still answers kill(pid, 0).
    static func isZombie(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = loopback(port: port)
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// A free port below the ephemeral range (32768+ here). An ephemeral port can be taken
    /// while the server is down by a client's own reconnect attempt (TCP self-connect), and
    /// then the restart on the same port fails.
    static func freePort() throws -> Int {
        for _ in 0..<200 {
            let port = Int.random(in: 20_000..<32_000)
            // Tests run in parallel: a port free now may be about to be taken by another test
            // of this process that picked it but has not started its server yet.
            guard handedOut.withLock({ $0.insert(port).inserted }) else { continue }
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw RedisError.unavailable("socket() failed") }
            var addr = loopback(port: port)
            let ok = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
            close(fd)
            if ok { return port }
        }
        throw RedisError.unavailable("no free port")
    }

    private static let handedOut = Locked(Set<Int>())

    private static func loopback(port: Int) -> sockaddr_in {
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = UInt16(port).bigEndian
        addr.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return addr
    }
}

/// Engines made during a test, shut down at its end.
final class RedisEngines: Sendable {
    private let engines = Locked([RedisEngine]())

    func make(_ configuration: RedisConfiguration) -> RedisEngine {
        let e = RedisEngine(configuration: configuration)
        engines.withLock { $0.append(e) }
        return e
    }

    func shutdownAll() async {
        let all = engines.withLock { e in
            defer { e = [] }
            return e
        }
        for e in all { await e.shutdown() }
    }
}

/// Collects what a subscription receives, so tests can wait with a time limit without
/// cancelling the consumer (cancelling a task awaiting an AsyncStream ends the stream).
final class RedisMailbox: Sendable {
    private let items = Locked([PublishMessage]())
    private let task: Task<Void, Never>

    init(_ subscription: PubSubSubscription) {
        let items = self.items
        task = Task {
            for await m in subscription.messages { items.withLock { $0.append(m) } }
        }
    }

    deinit { task.cancel() }

    var messages: [PublishMessage] { items.withLock { $0 } }

    /// Waits until at least `count` messages arrived or the limit passed; returns them all.
    @discardableResult
    func wait(for count: Int, within limit: Duration = .seconds(5)) async -> [PublishMessage] {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            let got = messages
            if got.count >= count { return got }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return messages
    }

    /// Waits until a message with this event arrived; returns it, or nil after the limit.
    func wait(event: String, within limit: Duration = .seconds(5)) async -> PublishMessage? {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if let m = messages.first(where: { $0.event == event }) { return m }
            try? await Task.sleep(for: .milliseconds(1))
        }
        return nil
    }
}
#endif
