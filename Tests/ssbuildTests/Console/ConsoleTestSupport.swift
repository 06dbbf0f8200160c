import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import SSActions
import SSRuntime
import Testing

@testable import ssbuild

#if canImport(Glibc)
import Glibc
#endif

// Shared by the console's end-to-end and terminal tests.

/// Writes `.ssbuild/console.json` under `root`, as `ssbuild watch` does once listening.
func writeConsoleEndpoint(token: String, port: Int, root: String) throws {
    try FileManager.default.createDirectory(atPath: root + "/.ssbuild", withIntermediateDirectories: true)
    try ConsoleToken.write(token, port: port, to: root + "/.ssbuild/console.json")
}

/// Runs the `ssbuild` binary off the cooperative pool (the server under test needs it),
/// with `input` on stdin.
func consoleRun(_ arguments: [String], input: String? = nil) async throws -> CLIHarness.Run {
    try await withCheckedThrowingContinuation { continuation in
        Thread {
            do {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: CLIHarness.binary)
                process.arguments = arguments
                let out = Pipe()
                let err = Pipe()
                let stdin = Pipe()
                process.standardOutput = out
                process.standardError = err
                process.standardInput = stdin
                try process.run()
                stdin.fileHandleForWriting.write(Data((input ?? "").utf8))
                try stdin.fileHandleForWriting.close()
                let outData = out.fileHandleForReading.readDataToEndOfFile()
                let errData = err.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(
                    returning: CLIHarness.Run(
                        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                        stderr: String(decoding: errData, as: UTF8.self)))
            } catch {
                continuation.resume(throwing: error)
            }
        }.start()
    }
}

enum ConsoleTestApp: ActionNamespace {
    static func actions(_ actions: inout Actions) {
        actions.on("square") { (n: Double, _) in n * n }
        actions.on("sleep") { (ms: Int, _) in
            try await Task.sleep(for: .milliseconds(ms))
            return ms
        }
        actions.on("whoami") { context in context.userId }
        actions.on("login") { (name: String, context) in
            try await context.session.setUserId(name)
            return name
        }
        actions.on("deny") { (_: ActionContext) async throws -> Int in throw ActionError(.forbidden, "not you") }
    }
}

/// A real Hummingbird server on 127.0.0.1 port 0 with the runtime mounted and the console
/// enabled; `body` gets the port. The server is stopped when `body` returns.
func withConsoleServer(token: String, _ body: @Sendable (Int) async throws -> Void) async throws {
    var actions = ActionRegistry()
    try actions.register(ConsoleTestApp.self, path: "app/server/app.swift")
    var configuration = RuntimeConfiguration(logLevel: .off, consoleToken: token)
    configuration.logSink = { _, _ in }
    let runtime = Runtime(configuration: configuration, actions: actions)
    let router = Router(context: BasicWebSocketRequestContext.self)
    runtime.register(on: router)
    let (ports, portSink) = AsyncStream<Int>.makeStream()
    var logger = Logger(label: "console-test")
    logger.logLevel = .critical
    let app = Application(
        router: router,
        server: .http1WebSocketUpgrade(webSocketRouter: router, configuration: runtime.upgradeConfiguration),
        configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in portSink.yield(channel.localAddress?.port ?? 0) },
        logger: logger)
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await app.runService() }
        var iterator = ports.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        defer { group.cancelAll() }
        do {
            try await body(port)
        } catch {
            await runtime.shutdown()
            throw error
        }
        await runtime.shutdown()
    }
}

/// A port on 127.0.0.1 that refuses connections for as long as `body` runs: bound (so no
/// other server can take it) but not listening; or, with `listening`, one that takes
/// connections (the kernel completes them) and never says a word.
func withRefusingPort(listening: Bool = false, _ body: (Int) async throws -> Void) async throws {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { _ = close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
            bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
        }
    }
    #expect(bound)
    if listening { #expect(listen(fd, 8) == 0) }
    try await body(Int(UInt16(bigEndian: address.sin_port)))
}
