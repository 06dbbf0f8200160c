import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The entry point of an app's action worker: serves a registry to the runtime over
/// standard input and output. The generated `main.swift` of the app's server package is
///
///     var registry = ActionRegistry()
///     try registry.register(App.self, path: "app/server/app.swift")
///     try await WorkerMain.run(registry)
public enum WorkerMain {
    /// Serves until standard input closes. The protocol owns the original standard output;
    /// the app's own `print`s are redirected to standard error so they cannot corrupt it.
    public static func run(_ registry: ActionRegistry) async throws {
        if CommandLine.arguments.dropFirst().contains("--check") {
            // ssbuild's build step: the registry is valid (no duplicate actions); say what it holds.
            print("ok: \(registry.methods.count) actions")
            exit(0)
        }
        let protocolFD = dup(1)
        dup2(2, 1)
        // ssbuild went away: writes fail with EPIPE (dropped) and standard input ends.
        signal(SIGPIPE, SIG_IGN)
        let output = CoalescingLineWriter(fileDescriptor: protocolFD)
        let worker = Worker(registry: registry) { line in output.send(line) }
        worker.sayHello()
        // Lines are handled on the reader thread as they arrive; this task waits for the end.
        await withCheckedContinuation { (ended: CheckedContinuation<Void, Never>) in
            let thread = Thread {
                LineSplitter.readLines(from: STDIN_FILENO) { worker.handle($0) }
                worker.inputEnded()
                ended.resume()
            }
            thread.name = "ssbuild-worker-input"
            thread.start()
        }
    }
}

extension WorkerMain {
    /// Ends a worker whose actions could not be registered (a duplicate action, a bad name):
    /// the message goes to standard error, where ssbuild shows it with its locations.
    public static func registrationFailed(_ error: any Error) -> Never {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        exit(65)
    }
}
