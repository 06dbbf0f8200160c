import Foundation
import SSRuntime
import Testing

#if os(Linux)
import Glibc

/// The built `ssbuild console` on a real pseudo-terminal: raw mode, line editing, history
/// recall and the history file, as a person at a terminal would use it.
@Suite(.timeLimit(.minutes(2)), .enabled(if: FileManager.default.fileExists(atPath: "/dev/ptmx")))
struct ConsoleTerminalTests {
    @Test func editsRecallsAndSavesHistoryOnATerminal() async throws {
        let token = ConsoleToken.generate()
        let root = try CLIHarness.temporaryDirectory()
        defer { CLIHarness.cleanUp(root) }
        try await withConsoleServer(token: token) { port in
            try writeConsoleEndpoint(token: token, port: port, root: root)
            let terminal = try ConsolePseudoTerminal(arguments: ["console", "--root", root])
            defer { terminal.close() }
            try await terminal.expect("ss> ")
            // Every step waits for the prompt: keys typed while a request runs meet the terminal
            // in normal mode, where Ctrl-D and Ctrl-C are not keys.
            // Typed in pieces, with a correction: "app.squar" + left, left, right, right + "e 25".
            try terminal.send("app.squar")
            try terminal.send("\u{1B}[D\u{1B}[D\u{1B}[C\u{1B}[C")
            try terminal.send("e 25\r")
            try await terminal.expect("\n625\r\n")
            try await terminal.expect("ss> ")
            // Up recalls the line; Ctrl-A Ctrl-K clears it; Ctrl-C abandons a line.
            try terminal.send("\u{1B}[A")
            try await terminal.expect("app.square 25")
            try terminal.send("\u{01}\u{0B}half a line\u{03}")
            try await terminal.expect("^C")
            try terminal.send("app.square 4 --as ann\u{17}\u{17}\r")
            try await terminal.expect("\n16\r\n")
            try await terminal.expect("ss> ")
            // Tab completes action names from the server's tree, or lists the choices.
            try terminal.send("app.s\t")
            try await terminal.expect("\napp.sleep  app.square\r")
            try terminal.send("q\t9\r")
            try await terminal.expect("\n81\r\n")
            try await terminal.expect("ss> ")
            // A SIGINT while a call runs (the terminal is in normal mode then) stops waiting.
            try terminal.send("app.sleep 3000\r")
            try await Task.sleep(for: .milliseconds(400))
            terminal.interrupt()
            try await terminal.expect("error interrupted:")
            try await terminal.expect("ss> ")
            try terminal.send("\u{04}")
            #expect(try await terminal.exitStatus() == 0)
            let history = try String(contentsOfFile: root + "/.ssbuild/console_history", encoding: .utf8)
            #expect(history == "app.square 25\napp.square 4 \napp.square 9\napp.sleep 3000\n")
            let mode =
                try FileManager.default.attributesOfItem(atPath: root + "/.ssbuild/console_history")[
                    .posixPermissions] as? Int
            #expect(mode == 0o600)
        }
    }
}

/// `ssbuild` with a pseudo-terminal as stdin, stdout and stderr.
private final class ConsolePseudoTerminal: @unchecked Sendable {
    // @unchecked: used by one test task at a time.
    private let master: Int32
    private let process = Process()
    private var output = ""
    /// Where the next `expect` starts looking.
    private var seen = 0

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(arguments: [String]) throws {
        // posix_openpt/unlockpt/ptsname are not visible through Glibc's module map, so this
        // does what they do on Linux: open the multiplexer, unlock, ask the slave's number.
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        let TIOCSPTLCK: UInt = 0x4004_5431  // _IOW('T', 0x31, int)
        let TIOCGPTN: UInt = 0x8004_5430  // _IOR('T', 0x30, unsigned int)
        guard master >= 0, ioctl(master, TIOCSPTLCK, &unlock) == 0, ioctl(master, TIOCGPTN, &number) == 0 else {
            throw Failure(description: "no pseudo-terminal")
        }
        let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw Failure(description: "cannot open the pseudo-terminal's slave") }
        let flags = fcntl(master, F_GETFL)
        _ = fcntl(master, F_SETFL, flags | O_NONBLOCK)
        let handle = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        process.executableURL = URL(fileURLWithPath: CLIHarness.binary)
        process.arguments = arguments
        process.standardInput = handle
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw Failure(description: "short write to the terminal") }
    }

    /// Waits until the output since the last match contains `text`.
    func expect(_ text: String, within seconds: Double = 20) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            drain()
            let unseen = output.utf8.dropFirst(seen)
            if let match = String(Substring(unseen)).range(of: text) {
                seen += String(Substring(unseen))[..<match.upperBound].utf8.count
                return
            }
            guard Date() < deadline else {
                throw Failure(
                    description: "no \(text.debugDescription) in \(String(Substring(unseen)).debugDescription)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    func exitStatus(within seconds: Double = 20) async throws -> Int32 {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning {
            guard Date() < deadline else {
                throw Failure(description: "the console did not exit: \(output.debugDescription)")
            }
            drain()
            try await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            guard n > 0 else { return }
            output += String(decoding: buffer[0..<n], as: UTF8.self)
        }
    }

    /// SIGINT, as Ctrl-C in a terminal's normal mode sends it.
    func interrupt() { process.interrupt() }

    func close() {
        if process.isRunning { process.terminate() }
        closeDescriptor(master)
    }
}

private func closeDescriptor(_ fd: Int32) { _ = close(fd) }
#endif
