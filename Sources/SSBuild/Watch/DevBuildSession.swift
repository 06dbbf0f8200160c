import Foundation
import SSCompilers

/// The development loop without I/O of its own: feed it the changes of a burst, it
/// invalidates what they touch, rebuilds incrementally, and returns the build and the
/// live update. The watcher and the dev server are thin shells around it.
public final class DevBuildSession: @unchecked Sendable {
    /// One rebuild, for the terminal line and the browser.
    public struct Rebuild: Sendable {
        public var changes: [FileChange]
        public var result: BuildResult
        public var update: LiveUpdate
        public var duration: Duration
        /// Compiled nodes (cache misses); the rest were reused.
        public var recompiled: Int
    }

    public let builder: ProjectBuilder
    private var options: BuildOptions
    /// Re-reads the options after a change under config/ (nil: options never change).
    private let reloadOptions: (@Sendable () -> Result<BuildOptions, ConfigError>)?
    private let lock = NSLock()
    private var lastGood: BuildResult?
    private var showingErrors = false

    public init(builder: ProjectBuilder, options: BuildOptions = .development(),
                reloadOptions: (@Sendable () -> Result<BuildOptions, ConfigError>)? = nil) {
        self.builder = builder
        self.options = options
        self.reloadOptions = reloadOptions
    }

    /// The last build that succeeded, which the server keeps serving during errors.
    public var currentBuild: BuildResult? { lock.withLock { lastGood } }

    /// The first build.
    public func start() -> Rebuild { rebuild(after: []) }

    /// Rebuilds after a burst of changes (serially: one rebuild at a time).
    public func rebuild(after changes: [FileChange]) -> Rebuild {
        lock.lock(); defer { lock.unlock() }
        let clock = ContinuousClock()
        let started = clock.now
        // The paths the snapshot forgot; nil when it forgot everything.
        var changed: Set<String>? = Set(changes.map(\.path))
        if changes.contains(where: { $0.kind == .rescan || $0.kind == .directoryCreated }) {
            builder.snapshot.invalidateAll()
            changed = nil
        } else if changes.contains(where: { $0.kind == .removed && builder.snapshot.isKnownDirectory($0.path) }) {
            // A removed folder takes its files with it.
            builder.snapshot.invalidateAll()
            changed = nil
        } else {
            // An editor's temporary file that came and went within the burst was never
            // seen by the build: it changes nothing. Edits of known files change contents
            // only; anything new or deleted changes listings.
            let relevant = changes.filter { $0.kind != .removed || builder.snapshot.isListed($0.path) }
            let edits = relevant.filter { $0.kind == .modified && builder.snapshot.isListed($0.path) }.map(\.path)
            let others = relevant.filter { !($0.kind == .modified && builder.snapshot.isListed($0.path)) }.map(\.path)
            builder.snapshot.invalidateContents(edits)
            if !others.isEmpty { builder.snapshot.invalidate(others) }
        }
        builder.cache.resetCounters()
        if let reloadOptions, changes.contains(where: { $0.path.hasPrefix(ProjectLayout.configDir + "/") }) {
            switch reloadOptions() {
            case .success(let fresh): options = fresh
            case .failure(let error):
                // A broken config keeps the old options; the overlay shows why.
                showingErrors = true
                let failed = BuildResult(assets: [], page: nil, templates: [], apiTree: APITree(),
                                         diagnostics: error.diagnostics, dependencies: [])
                return Rebuild(changes: changes, result: failed, update: .errors(error.diagnostics),
                               duration: clock.now - started, recompiled: 0)
            }
        }
        // Rebuild what the changes touch; the builder builds everything when a change
        // added or removed a source file or the options changed.
        let result = if let changed, !changes.isEmpty { builder.build(options, changed: changed) }
            else { builder.build(options) }
        let update = LiveUpdate.decide(previous: lastGood, current: result, hadErrors: showingErrors)
        if result.hasErrors {
            showingErrors = true
        } else {
            lastGood = result
            showingErrors = false
        }
        return Rebuild(changes: changes, result: result, update: update, duration: clock.now - started,
                       recompiled: builder.cache.misses)
    }

    /// Is a path one whose change matters to the build (config changes always do)?
    public static func isRelevant(_ path: String) -> Bool {
        if path.hasPrefix("public/assets/") || path == "public/assets" || path == "public/index.html" { return false }
        let name = PathUtil.basename(path)
        // Editor scratch files: vim's .swp/.swx and 4913 probe, emacs' .#locks and ~ backups.
        return !(name.hasPrefix(".") || name.hasSuffix("~") || name == "4913")
    }
}

extension DevBuildSession.Rebuild {
    /// `app/css/app.styl changed: rebuilt 1 of 40 nodes in 4 ms, CSS swapped`.
    public var terminalLine: String {
        let names = changes.prefix(3).map(\.path).joined(separator: ", ")
        let more = changes.count > 3 ? " and \(changes.count - 3) more" : ""
        let what = changes.isEmpty ? "initial build" : "\(names)\(more) changed"
        let ms = Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000
        let outcome: String
        switch update {
        case .none: outcome = "no output changed"
        case .css(let names): outcome = "CSS swapped (\(names.joined(separator: ", ")))"
        case .reload: outcome = "page reloaded"
        case .errors(let diagnostics): outcome = "\(diagnostics.count) error\(diagnostics.count == 1 ? "" : "s")"
        }
        let plural = recompiled == 1 ? "" : "s"
        return "\(what): recompiled \(recompiled) node\(plural) in \(String(format: "%.1f", ms)) ms, \(outcome)"
    }
}
