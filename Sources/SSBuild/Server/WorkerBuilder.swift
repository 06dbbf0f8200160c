import Foundation
import SSCompilers

/// Builds an app's server code (`app/server/**.swift`) into its action worker: writes the
/// generated package under `.ssbuild/worker/` (only files whose contents changed, so
/// SwiftPM's incremental build stays warm) and runs `swift build`. Compiler errors come
/// back as diagnostics on the app's own files.
///
///     let builder = WorkerBuilder(appRoot: root, sdkPath: sdk)
///     switch builder.build() {
///     case .built(let worker): supervisor.reload(executable: worker.executable)
///     case .failed(let diagnostics): show(diagnostics)
///     case .noServerCode: break
///     }
public final class WorkerBuilder: Sendable {
    public enum Configuration: String, Sendable {
        case debug, release
    }

    /// A worker that built.
    public struct Built: Sendable, Equatable {
        public var executable: String
        /// `users.online` -> `app/server/users/online.swift`.
        public var namespaces: [String: String]
        public var duration: Duration
    }

    public enum Outcome: Sendable {
        /// The app has no `app/server/**.swift`: nothing to build or run.
        case noServerCode
        case built(Built)
        case failed([Diagnostic])
    }

    public let appRoot: String
    public let sdkPath: String?
    public let configuration: Configuration
    private let runner: any CommandRunner
    private let lock = NSLock()

    public init(appRoot: String, sdkPath: String?, configuration: Configuration = .debug,
                runner: any CommandRunner = ProcessCommandRunner()) {
        self.appRoot = (appRoot as NSString).standardizingPath
        self.sdkPath = sdkPath
        self.configuration = configuration
        self.runner = runner
    }

    /// `.ssbuild/worker` in the app.
    public var packageDirectory: String { appRoot + "/.ssbuild/worker" }

    /// The built executable's path.
    public var executablePath: String {
        packageDirectory + "/.build/\(configuration.rawValue)/\(WorkerPackage.productName)"
    }

    /// The `app/server` files, as app-relative paths, sorted.
    public func serverFiles() -> [String] {
        Self.swiftFiles(under: appRoot, folder: "app/server")
    }

    /// Does the app have server tests (`test/server/**.swift`)?
    public var hasTests: Bool { !Self.swiftFiles(under: appRoot, folder: "test/server").isEmpty }

    /// Generates and builds the worker (one build at a time).
    public func build() -> Outcome {
        lock.lock(); defer { lock.unlock() }
        let started = ContinuousClock.now
        switch prepare() {
        case .failure(let failure): return failure.outcome
        case .success(let plan):
            // The same sources and SDK as the last good build (a released app, perhaps
            // copied to another folder where SwiftPM's caches would not fit): reuse it.
            let stamp = buildStamp(plan)
            if let stamp, FileManager.default.isExecutableFile(atPath: executablePath),
               (try? String(contentsOfFile: stampPath, encoding: .utf8)) == stamp
            {
                return .built(Built(executable: executablePath, namespaces: plan.namespaces,
                                    duration: ContinuousClock.now - started))
            }
            try? FileManager.default.removeItem(atPath: stampPath)
            var output: CommandOutput
            do {
                let linkedBefore = modificationDate(executablePath)
                output = try swiftBuild()
                if output.status == 0, stamp != nil, let linkedBefore, modificationDate(executablePath) == linkedBefore {
                    // The sources changed but SwiftPM relinked nothing: its incremental build
                    // missed an edit saved moments after the previous build. Mark the
                    // server files as newer and build again.
                    let now = Date()
                    for path in serverFiles() {
                        try? FileManager.default.setAttributes([.modificationDate: now], ofItemAtPath: appRoot + "/" + path)
                    }
                    output = try swiftBuild()
                }
            } catch {
                return .failed([toolchainError("cannot run swift build: \(error)")])
            }
            guard output.status == 0 else { return .failed(compileErrors(output.text)) }
            // Registration runs at start-up (duplicate actions, bad names): check it now, so
            // a broken worker never replaces a good one.
            if let check = try? runner.run(executablePath, ["--check"], in: packageDirectory), check.status != 0 {
                return .failed([registrationError(check.text)])
            }
            if let stamp { try? stamp.write(toFile: stampPath, atomically: true, encoding: .utf8) }
            return .built(Built(executable: executablePath, namespaces: plan.namespaces,
                                duration: ContinuousClock.now - started))
        }
    }

    private func swiftBuild() throws -> CommandOutput {
        try runner.run("swift", ["build", "-c", configuration.rawValue, "--product", WorkerPackage.productName],
                       in: packageDirectory)
    }

    private func modificationDate(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    /// Records what the executable was built from.
    var stampPath: String { packageDirectory + "/build-stamp-\(configuration.rawValue)" }

    /// A digest of everything the worker is built from: the app's server files, the
    /// generated entry point, the configuration and the SDK's sources (not the SDK's path,
    /// so a copy of the app on another machine with the same ssbuild still matches).
    func buildStamp(_ plan: WorkerPackage.Plan) -> String? {
        guard let sdkPath else { return nil }
        var hasher = SHA256()
        func add(_ name: String, _ data: Data) {
            hasher.update(Data("\(name)\u{0}\(data.count)\u{0}".utf8))
            hasher.update(data)
        }
        add("configuration", Data(configuration.rawValue.utf8))
        add("entry", Data((plan.files[WorkerPackage.entryFile] ?? "").utf8))
        for path in serverFiles() {
            guard let data = FileManager.default.contents(atPath: appRoot + "/" + path) else { return nil }
            add(path, data)
        }
        // The SDK's target folders are links: list each one from its own root.
        let targets = (try? FileManager.default.contentsOfDirectory(atPath: sdkPath + "/Sources"))?.sorted() ?? []
        for target in targets {
            for path in Self.swiftFiles(under: sdkPath + "/Sources", folder: target) {
                guard let data = FileManager.default.contents(atPath: sdkPath + "/Sources/" + path) else { return nil }
                add("sdk/" + path, data)
            }
        }
        return hasher.finalize().description
    }

    /// Runs the app's server tests (`swift test` in the worker package); the output as printed.
    public func test(arguments: [String] = []) -> Result<CommandOutput, Prepared> {
        lock.lock(); defer { lock.unlock() }
        switch prepare() {
        case .failure(let failure): return .failure(failure)
        case .success:
            do {
                return .success(try runner.run("swift", ["test"] + arguments, in: packageDirectory))
            } catch {
                return .failure(Prepared(outcome: .failed([toolchainError("cannot run swift test: \(error)")])))
            }
        }
    }

    /// Why the package could not be prepared.
    public struct Prepared: Error, Sendable {
        public var outcome: Outcome
    }

    /// Writes the generated package; fails with diagnostics (or `.noServerCode`).
    func prepare() -> Result<WorkerPackage.Plan, Prepared> {
        let paths = serverFiles()
        guard !paths.isEmpty else { return .failure(Prepared(outcome: .noServerCode)) }
        guard let sdkPath else {
            return .failure(Prepared(outcome: .failed([toolchainError(
                "the actions SDK (ssbuild's SDK/ folder) was not found; set SSBUILD_SDK to its path "
                    + "or `server.sdk` in config/app.json")])))
        }
        var files: [(path: String, text: String)] = []
        for path in paths {
            guard let data = FileManager.default.contents(atPath: appRoot + "/" + path) else { continue }
            files.append((path, String(decoding: data, as: UTF8.self)))
        }
        let tests = hasTests
        let plan = WorkerPackage.plan(files: files, sdkPath: sdkPath, hasTests: tests)
        if plan.hasErrors { return .failure(Prepared(outcome: .failed(plan.diagnostics))) }
        do {
            try writePackage(plan, tests: tests)
        } catch {
            return .failure(Prepared(outcome: .failed([Diagnostic(
                .error, id: .buildIO, message: "cannot write \(packageDirectory): \(error)",
                path: ".ssbuild/worker")])))
        }
        return .success(plan)
    }

    private func writePackage(_ plan: WorkerPackage.Plan, tests: Bool) throws {
        let fm = FileManager.default
        for (relative, contents) in plan.files {
            let path = packageDirectory + "/" + relative
            try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if fm.contents(atPath: path) == Data(contents.utf8) { continue }
            try Data(contents.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        }
        try link(WorkerPackage.serverLink, to: "app/server")
        if tests { try link(WorkerPackage.testsLink, to: "test/server") } else {
            try? fm.removeItem(atPath: packageDirectory + "/" + WorkerPackage.testsLink)
        }
    }

    /// A relative link from inside the package to an app folder (the app may move).
    private func link(_ relative: String, to appFolder: String) throws {
        let fm = FileManager.default
        let path = packageDirectory + "/" + relative
        let depth = (".ssbuild/worker/" + relative).split(separator: "/").count - 1
        let target = String(repeating: "../", count: depth) + appFolder
        if (try? fm.destinationOfSymbolicLink(atPath: path)) == target { return }
        try? fm.removeItem(atPath: path)
        try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: path, withDestinationPath: target)
    }

    private func compileErrors(_ output: String) -> [Diagnostic] {
        let found = SwiftBuildOutput.diagnostics(output, appRoot: appRoot) { path in
            FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
        }
        let errors = found.filter { $0.severity == .error }
        if !errors.isEmpty { return errors }
        let tail = output.split(separator: "\n").suffix(15).joined(separator: "\n")
        return [Diagnostic(.error, id: .buildServerCompile, message: "swift build of app/server failed:\n" + tail,
                           path: "app/server")]
    }

    /// `error: duplicate action 'app.x': defined at /…/server/app.swift:4 and at /…/server/app.swift:9`,
    /// pointed at the last location it names, with app paths.
    func registrationError(_ output: String) -> Diagnostic {
        var message = output.split(separator: "\n").first(where: { $0.hasPrefix("error: ") })
            .map { String($0.dropFirst("error: ".count)) } ?? output.trimmingCharacters(in: .whitespacesAndNewlines)
        // Each `path.swift:line` named: rewritten to the app's path, the last one located.
        var last: (path: String, line: Int)?
        for word in message.split(separator: " ") {
            let parts = word.trimmingCharacters(in: CharacterSet(charactersIn: "',)")).split(separator: ":")
            guard parts.count == 2, parts[0].hasSuffix(".swift"), let line = Int(parts[1]) else { continue }
            let path = SwiftBuildOutput.appPath(String(parts[0]), appRoot: appRoot)
            message = message.replacingOccurrences(of: String(parts[0]), with: path)
            last = (path, line)
        }
        if let last, let data = FileManager.default.contents(atPath: appRoot + "/" + last.path) {
            let file = SourceFile(path: last.path, text: String(decoding: data, as: UTF8.self))
            return Diagnostic.error(.buildServerDeclaration, message, in: file,
                                    at: file.location(line: last.line, column: 1))
        }
        return Diagnostic(.error, id: .buildServerDeclaration, message: message, path: "app/server")
    }

    private func toolchainError(_ message: String) -> Diagnostic {
        Diagnostic(.error, id: .buildServerToolchain, message: message, path: "app/server")
    }

    static func swiftFiles(under root: String, folder: String) -> [String] {
        // The SDK's target folders are symbolic links, and Foundation's enumerator lists
        // nothing under a link on Linux: the SDK's sources were missing from the build
        // stamp, so a changed SDK (a new ssbuild) did not rebuild the worker.
        let linked = root + "/" + folder
        let base = realpath(linked, nil).map { resolved in
            defer { free(resolved) }
            return String(cString: resolved)
        } ?? linked
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") { continue }
            if relative.hasSuffix(".swift") { found.append(folder + "/" + relative) }
        }
        return found.sorted(by: ByteOrder.precedes)
    }
}
