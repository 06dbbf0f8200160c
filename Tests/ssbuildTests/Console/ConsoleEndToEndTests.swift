import Foundation
import SSActions
import SSRuntime
import Testing

@testable import ssbuild

/// The console client over real sockets on 127.0.0.1, against an in-process runtime with
/// a console token (as `ssbuild watch` mounts it), and the built `ssbuild console` binary
/// against the same server.
@Suite(.timeLimit(.minutes(2))) struct ConsoleEndToEndTests {
    @Test func callsPublishesAndListsUsersOnline() async throws {
        try await withConsoleConnection { port, connection in
            var session = ConsoleSession(transport: connection)
            #expect(await session.run("app.square 25") == .output("625"))
            #expect(await session.run("app.whoami --as ann") == .output(#""ann""#))
            #expect(await session.run("app.deny") == .error("error forbidden: not you"))
            #expect(await session.run("app.nope 1").isError)
            #expect(await session.run("online") == .output("[]"))

            // A browser logs in as bob; the console sees it online and reaches it.
            let browser = ConsoleTestBrowser(port: port)
            try await browser.login("bob")
            #expect(await session.run("online") == .output("[\n  \"bob\"\n]"))
            #expect(await session.run(#"publish broadcast flash {"m":"hi"}"#) == .output("true"))
            #expect(try await browser.nextEvent() == ["type": "event", "name": "flash", "payload": ["m": "hi"]])
            #expect(await session.run("publish user bob note 'for bob'") == .output("true"))
            #expect(try await browser.nextEvent() == ["type": "event", "name": "note", "payload": "for bob"])
            let tree = [
                "SS.server", "└── app", "    ├── deny", "    ├── login", "    ├── sleep", "    ├── square",
                "    └── whoami",
            ]
            #expect(await session.run("tree") == .output(tree.joined(separator: "\n")))
            browser.close()
            await connection.close()
            #expect(connection.isClosed)
        }
    }

    @Test func aTimedOutRequestDoesNotBlockTheNext() async throws {
        try await withConsoleConnection(timeout: .seconds(1)) { _, connection in
            var session = ConsoleSession(transport: connection)
            #expect(await session.run("app.sleep 2500") == .error("error timeout: no reply within 1 s"))
            // The endpoint answers one request at a time; once the slow call is done, its late
            // reply (id 1) must not be taken for the next request's (id 2).
            try await Task.sleep(for: .seconds(2))
            #expect(await session.run("app.square 6") == .output("36"))
            #expect(await session.run("app.square 7") == .output("49"))
        }
    }

    @Test func anInterruptStopsWaitingButKeepsTheConnection() async throws {
        try await withConsoleConnection { _, connection in
            let slow = Task {
                var session = ConsoleSession(transport: connection)
                return await session.run("app.sleep 1500")
            }
            try await Task.sleep(for: .milliseconds(300))
            connection.interrupt()
            #expect(await slow.value == .error(ConsoleConnectionError.interrupted.description))
            #expect(!connection.isClosed)
            try await Task.sleep(for: .milliseconds(1500))
            // The interrupted call's reply (id 1) may still be on its way: new ids.
            var session = ConsoleSession(transport: connection, firstID: 100)
            #expect(await session.run("app.square 8") == .output("64"))
        }
    }

    @Test func aBadTokenIsRefusedClearly() async throws {
        try await withConsoleServer(token: ConsoleToken.generate()) { port in
            await #expect(throws: ConsoleConnectionError.refused(port: port)) {
                _ = try await ConsoleConnection.open(ConsoleEndpointFile(port: port, token: "wrong"), root: "/app")
            }
        }
    }

    @Test func aStaleEndpointSaysTheServerIsGone() async throws {
        try await withRefusingPort { port in
            await #expect(throws: ConsoleConnectionError.serverGone(root: "/app", port: port)) {
                _ = try await ConsoleConnection.open(ConsoleEndpointFile(port: port, token: "t"), root: "/app")
            }
        }
    }

    @Test func aSilentPortTimesOut() async throws {
        try await withRefusingPort(listening: true) { port in
            await #expect(throws: ConsoleSocket.NoAnswer()) {
                _ = try await ConsoleSocket.connect(
                    host: "127.0.0.1", port: port, path: "/_ss/console", answerTimeout: .milliseconds(300))
            }
        }
    }

    @Test func aRestartedServerIsReattachedOnTheNextCommand() async throws {
        let root = try CLIHarness.temporaryDirectory()
        defer { CLIHarness.cleanUp(root) }
        let link = ConsoleLink(root: root, timeout: .seconds(20))
        var before = ConsoleSession(transport: link)
        #expect(await before.run("online") == .error(ConsoleConnectionError.noServer(root: root).description))
        // The same link across two servers (new port, new token), as a restarted watch.
        for round in 1...2 {
            let token = ConsoleToken.generate()
            try await withConsoleServer(token: token) { port in
                try writeConsoleEndpoint(token: token, port: port, root: root)
                var session = ConsoleSession(transport: link)
                #expect(await session.run("app.square \(round)") == .output("\(round * round)"))
                #expect(await link.port == port)
            }
        }
        await link.close()
    }

    @Test func theBinaryRunsOneShotAndPipedCommands() async throws {
        let token = ConsoleToken.generate()
        let root = try CLIHarness.temporaryDirectory()
        defer { CLIHarness.cleanUp(root) }
        let missing = try await consoleRun(["console", "--root", root, "online"])
        #expect(missing.status == 1)
        #expect(
            missing.stderr == "error no_server: no running ssbuild watch/serve found for \(root) (start one first)\n")

        try await withConsoleServer(token: token) { port in
            try writeConsoleEndpoint(token: token, port: port, root: root)
            let square = try await consoleRun(["console", "--root", root, "app.square", "25"])
            #expect(square.stdout == "625\n")
            #expect(square.status == 0)
            let asAnn = try await consoleRun(["console", "--root", root, "--as", "ann", "app.whoami"])
            #expect(asAnn.stdout == "\"ann\"\n")
            let denied = try await consoleRun(["console", "--root", root, "app.deny"])
            #expect(denied.status == 1)
            #expect(denied.stderr == "error forbidden: not you\n")
            let piped = try await consoleRun(
                ["console", "--root", root],
                input: "app.square 3\npublish broadcast flash {\"m\": \"hi\"}\nonline\nexit\napp.square 4\n")
            #expect(piped.stdout == "9\ntrue\n[]\n")
            #expect(piped.status == 0)
            let pipedError = try await consoleRun(["console", "--root", root], input: "app.square 2\nnope\n")
            #expect(pipedError.stdout == "4\n")
            #expect(pipedError.stderr.contains("unknown command 'nope'"))
            #expect(pipedError.status == 1)
        }
        try await withRefusingPort { port in
            try writeConsoleEndpoint(token: token, port: port, root: root)
            let gone = try await consoleRun(["console", "--root", root, "online"])
            #expect(gone.status == 1)
            #expect(gone.stderr.hasPrefix("error server_gone: the server for \(root) is gone (port \(port) refused"))
        }
    }

    @Test func consoleHelp() throws {
        let run = try CLIHarness.run(["console", "--help"])
        #expect(run.status == 0)
        assertSnapshot(run.stdout, named: "help-console")
    }
}

/// A server with the console on, and a connection to it (closed afterwards).
private func withConsoleConnection(
    timeout: Duration = .seconds(20), _ body: @Sendable (Int, ConsoleConnection) async throws -> Void
) async throws {
    let token = ConsoleToken.generate()
    try await withConsoleServer(token: token) { port in
        let endpoint = ConsoleEndpointFile(port: port, token: token)
        let connection = try await ConsoleConnection.open(endpoint, root: "/app", timeout: timeout)
        try await body(port, connection)
        await connection.close()
    }
}

extension ConsoleSession.Step {
    fileprivate var isError: Bool {
        if case .error = self { return true }
        return false
    }
}

/// A browser-side connection on `/_ss/ws` (the runtime's wire protocol), to watch what the
/// console does to real clients.
private final class ConsoleTestBrowser: @unchecked Sendable {
    // @unchecked: `iterator` is only used by the test's task, one call at a time.
    private let outgoing: AsyncStream<String>.Continuation
    private var iterator: AsyncStream<JSONValue>.AsyncIterator
    private let task: Task<Void, any Error>

    init(port: Int) {
        let (outStream, outgoing) = AsyncStream<String>.makeStream()
        let (incoming, inSink) = AsyncStream<JSONValue>.makeStream()
        self.outgoing = outgoing
        self.iterator = incoming.makeAsyncIterator()
        task = Task {
            defer { inSink.finish() }
            guard let channel = try await ConsoleSocket.connect(host: "127.0.0.1", port: port, path: "/_ss/ws") else {
                return
            }
            try await ConsoleSocket.pump(channel, outgoing: outStream) { text in
                if let frame = try? JSONValue(parsing: text) { inSink.yield(frame) }
            }
        }
    }

    /// Waits for the session, then calls `app.login` and waits for its reply.
    func login(_ user: String) async throws {
        _ = try await next(type: "init")
        outgoing.yield(#"{"type":"call","id":1,"method":"app.login","params":[\#(JSONValue.string(user).jsonText)]}"#)
        let reply = try await next(type: "reply")
        #expect(reply["result"] == .string(user))
    }

    func nextEvent() async throws -> JSONValue { try await next(type: "event") }

    private func next(type: String) async throws -> JSONValue {
        while let frame = await iterator.next() {
            if frame["type"]?.stringValue == type { return frame }
        }
        throw CancellationError()
    }

    func close() { outgoing.finish() }
}
