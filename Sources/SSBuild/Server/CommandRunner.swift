import Foundation

/// Runs an external command and collects its output: the seam between the worker build and
/// the real `swift build` (tests substitute a recorded run).
public protocol CommandRunner: Sendable {
    /// Runs `command` (looked up on PATH) with `arguments` in `directory`; standard output
    /// and error are returned together.
    func run(_ command: String, _ arguments: [String], in directory: String) throws -> CommandOutput
}

public struct CommandOutput: Sendable, Equatable {
    public var status: Int32
    public var text: String

    public init(status: Int32, text: String) {
        self.status = status
        self.text = text
    }
}

/// A command that could not be started at all.
public struct CommandNotFound: Error, CustomStringConvertible {
    public var command: String
    public var description: String { "'\(command)' was not found on PATH" }
}

/// Runs commands as child processes.
public struct ProcessCommandRunner: CommandRunner {
    public init() {}

    public func run(_ command: String, _ arguments: [String], in directory: String) throws -> CommandOutput {
        guard let executable = Self.which(command) else { throw CommandNotFound(command: command) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        ChildProcesses.started(process)
        defer { ChildProcesses.finished(process) }
        // Read before waiting: a full pipe would otherwise block the child forever.
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandOutput(status: process.terminationStatus, text: String(decoding: data, as: UTF8.self))
    }

    /// The first executable named `command` on PATH.
    public static func which(_ command: String) -> String? {
        if command.contains("/") { return FileManager.default.isExecutableFile(atPath: command) ? command : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(command)") {
            return "\(dir)/\(command)"
        }
        return nil
    }
}

/// The commands running now, so a server that is told to exit can stop a `swift build` it
/// started instead of leaving it to finish for nobody.
public enum ChildProcesses {
    nonisolated(unsafe) private static var running: [ObjectIdentifier: Process] = [:]
    private static let lock = NSLock()

    static func started(_ process: Process) {
        lock.lock(); defer { lock.unlock() }
        running[ObjectIdentifier(process)] = process
    }

    static func finished(_ process: Process) {
        lock.lock(); defer { lock.unlock() }
        running[ObjectIdentifier(process)] = nil
    }

    /// Sends SIGTERM to every running command.
    public static func terminateAll() {
        lock.lock(); defer { lock.unlock() }
        for process in running.values where process.isRunning { process.terminate() }
    }
}
