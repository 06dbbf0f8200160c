import ArgumentParser
import Foundation
import SSActions

struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Attach to a running `ssbuild watch`/`serve`: call actions, publish events, list users online.",
        discussion: """
            Reads the app's .ssbuild/console.json (written by watch/serve, readable
            by you only) and connects to the server on 127.0.0.1. Without a command,
            starts an interactive console with line editing and history
            (.ssbuild/console_history); with one, runs it, prints the result and
            exits (1 on an error reply). Piped input is read line by line.

              ssbuild console app.square 25
              ssbuild console publish broadcast flash '{"m":"hi"}'
              ssbuild console --as ann app.whoami
              echo online | ssbuild console

            Type `help` in the console for every command.
            """)

    @Option(name: .long, help: ArgumentHelp("The app's folder.", valueName: "dir"))
    var root: String = "."

    @Option(name: .customLong("as"), help: ArgumentHelp("Make calls as this user id.", valueName: "user"))
    var user: String?

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for each reply.", valueName: "seconds"))
    var timeout: Int = 30

    @Argument(
        parsing: .allUnrecognized,
        help: "A command to run once (e.g. app.square 25); without one, an interactive console.")
    var command: [String] = []

    func validate() throws {
        if timeout < 1 { throw ValidationError("--timeout must be at least 1 second") }
        if user?.isEmpty == true { throw ValidationError("--as needs a user id") }
    }

    func run() async throws {
        let rootPath = URL(
            fileURLWithPath: root, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        )
        .standardizedFileURL.path
        let link = ConsoleLink(root: rootPath, timeout: .seconds(timeout))
        do throws(ConsoleConnectionError) {
            try await link.connect()
        } catch {
            Self.printError(error.description)
            throw ExitCode.failure
        }
        var session = ConsoleSession(transport: link, user: user)
        let failed: Bool
        if command.isEmpty {
            failed = await Self.runLines(&session, link: link, root: rootPath)
        } else {
            failed = Self.show(await session.run(arguments: command))
        }
        await link.close()
        if failed { throw ExitCode.failure }
    }

    /// The console proper: the line editor at a terminal, plain lines from a pipe. True when
    /// piped input had a failing line (a person at a terminal saw their errors).
    private static func runLines(_ session: inout ConsoleSession, link: ConsoleLink, root: String) async -> Bool {
        let input: any ConsoleInput
        var interrupts: (any DispatchSourceSignal)?
        if RawTerminal.isInteractive, let terminal = RawTerminal() {
            interrupts = interruptOnControlC(link)
            input = TerminalInput(terminal: terminal, historyPath: ConsoleEndpointFile.historyPath(root: root))
            let port = await link.port.map { " on port \($0)" } ?? ""
            Terminal.line("ssbuild console: attached to \(root)\(port). Type help; Ctrl-D leaves.")
            _ = await session.perform(.tree)
        } else {
            input = PipedInput()
        }
        defer { interrupts?.cancel() }
        let script = input is PipedInput
        var failed = false
        var completedTree: JSONValue?
        while true {
            // Tab completes the action names of the latest tree (`tree` refreshes it).
            if let tree = session.apiTree, tree != completedTree {
                input.setCompletionWords(LineCompletion.methods(in: tree))
                completedTree = tree
            }
            guard let line = await input.nextLine(prompt: session.prompt) else { break }
            let step = await session.run(line)
            if step == .exit { break }
            failed = (show(step) && script) || failed
        }
        return failed
    }

    /// At a terminal, Ctrl-C while a request runs (the terminal is in normal mode then, so it
    /// is a SIGINT) stops waiting for the reply instead of ending the console. While a line is
    /// edited, Ctrl-C is a key the line editor handles.
    private static func interruptOnControlC(_ link: ConsoleLink) -> any DispatchSourceSignal {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { Task { await link.interrupt() } }
        source.resume()
        return source
    }

    /// Prints a step; true when it was an error.
    private static func show(_ step: ConsoleSession.Step) -> Bool {
        switch step {
        case .nothing, .exit: return false
        case .output(let text):
            Terminal.line(text)
            return false
        case .error(let text):
            printError(text)
            return true
        }
    }

    private static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
