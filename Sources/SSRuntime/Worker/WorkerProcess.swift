import Foundation
import SSActions

/// An action worker running as a child process: the app's server package built against
/// SSActions, speaking the worker protocol on its standard input and output. Standard error
/// passes through to ours (the app's logs and prints).
///
///     let worker = try WorkerProcess.launch(executable: "server/.build/debug/app-worker")
///     try await runtime.use(worker: worker.host)
public final class WorkerProcess: Sendable {
    public let host: WorkerHost
    private let process: Process
    /// The worker's standard input; the only owner of that descriptor.
    private let input: CoalescingLineWriter

    private init(host: WorkerHost, process: Process, input: CoalescingLineWriter) {
        self.host = host
        self.process = process
        self.input = input
    }

    /// Starts the worker. `onExit` runs when it exits, with its status (after pending calls
    /// were failed with `unavailable`).
    public static func launch(
        executable: String, arguments: [String] = [], environment: [String: String]? = nil,
        logSink: @escaping @Sendable (ActionLogLevel, String) -> Void = { _, _ in },
        onExit: @escaping @Sendable (Int32) -> Void = { _ in }
    ) throws -> WorkerProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        let writer = stdin.fileHandleForWriting
        // A write to a worker that died must fail with EPIPE, not kill this server; the exit
        // handler cleans up.
        signal(SIGPIPE, SIG_IGN)
        // The line writer gets its own copy of the pipe's write end (not inherited by the
        // child) and is its only closer: the host may still send a line (a disconnect) after
        // the worker was stopped, and a descriptor closed elsewhere could by then be a
        // browser's socket.
        let inputFD = fcntl(writer.fileDescriptor, F_DUPFD_CLOEXEC, 0)
        guard inputFD >= 0 else { throw CocoaError(.fileWriteUnknown) }
        let lines = CoalescingLineWriter(fileDescriptor: inputFD, closesDescriptor: true)
        let host = WorkerHost(logSink: logSink) { line in lines.send(line) }
        process.terminationHandler = { p in
            host.closed()
            onExit(p.terminationStatus)
        }
        do {
            try process.run()
        } catch {
            lines.close()
            throw error
        }
        try? writer.close()
        let reader = stdout.fileHandleForReading
        let thread = Thread {
            LineSplitter.readLines(from: reader.fileDescriptor) { host.receive($0) }
            withExtendedLifetime(reader) {}
            host.closed()
        }
        thread.start()
        return WorkerProcess(host: host, process: process, input: lines)
    }

    public var processIdentifier: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }

    /// Closes the worker's input (it exits when its calls are done); terminates it after
    /// `grace` if it has not.
    public func stop(grace: Duration = .seconds(5)) async {
        input.close()
        let deadline = ContinuousClock.now + grace
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning { process.terminate() }
    }
}
