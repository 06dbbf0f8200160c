import Foundation
import SSCompilers

/// Builds an app: discovers its files, compiles each node (in parallel, through the
/// cache), and assembles the assets and index.html. Holds the cache between builds, so
/// `watch` calls `build` again after invalidating changed paths in `snapshot`.
///
/// ```swift
/// let builder = ProjectBuilder(root: "/path/to/app")
/// let result = builder.build(.release())
/// ```
public final class ProjectBuilder: @unchecked Sendable {
    public let root: String
    public let snapshot: FileSnapshot
    public let compilers: Compilers
    public let cache: BuildCache
    let lastCompile = LockedBox<LastCompile?>(nil)

    /// `resolver` answers project-relative paths; the default reads the disk under `root`.
    public init(root: String, resolver: (any SourceResolver)? = nil, compilers: Compilers = .standard,
                cache: BuildCache = BuildCache()) {
        self.root = root
        self.snapshot = FileSnapshot(resolver ?? RootedResolver(root: root))
        self.compilers = compilers
        self.cache = cache
    }

    /// Builds with `options`. The page's asset URLs come from `assetURLs`, given every
    /// asset at once (a release fingerprints them there); by default `/assets/<name>`.
    public func build(_ options: BuildOptions,
                      assetURLs: (([BuiltAsset]) -> [String: String])? = nil) -> BuildResult {
        build(options, dirty: nil, assetURLs: assetURLs)
    }

    /// Builds after an edit of `dirty` paths (contents only; no file appeared or went).
    public func build(_ options: BuildOptions, dirty: Set<String>?,
                      assetURLs: (([BuiltAsset]) -> [String: String])? = nil) -> BuildResult {
        cache.beginBuild()
        defer { cache.endBuild() }
        var state = BuildState(options: options)
        // Discovery depends on listings only: reuse it while none changed.
        let generation = snapshot.structureGeneration
        let discovered: (ProjectSources, [Diagnostic]) = cache.derived("discovery", revision: generation) {
            var fresh = BuildState(options: options)
            let sources = discover(into: &fresh)
            return (sources, fresh.diagnostics)
        }
        let sources = discovered.0
        state.diagnostics += discovered.1
        let compiled = compileAll(sources, options: options, dirty: dirty)
        state.diagnostics += compiled.diagnostics
        state.diagnostics += checkContract(sources, compiled, options: options)
        let templates = compiled.templates
        state.assets = options.mode == .release
            ? releaseAssets(sources, compiled, options: options, diagnostics: &state.diagnostics)
            : developmentAssets(sources, compiled, options: options)
        if !state.diagnostics.containsErrors {
            // Without a mapping every asset is at /assets/<name>: no table to build per rebuild.
            let urls = assetURLs?(state.assets) ?? [:]
            state.page = renderPage(sources, assets: state.assets, templates: templates,
                                    templateRevisions: compiled.revisions.templates, options: options,
                                    assetURL: { urls[$0.logicalName] ?? "/assets/" + $0.logicalName },
                                    diagnostics: &state.diagnostics)
        }
        return BuildResult(assets: state.assets, page: state.page, templates: templates,
                           apiTree: sources.apiTree, diagnostics: state.diagnostics,
                           dependencies: [sources.allPaths] + compiled.dependencies)
    }

    /// The RPC contract check over the client modules: a token scan per file, memoized
    /// on the module's revision and the set of server actions.
    func checkContract(_ sources: ProjectSources, _ compiled: CompiledNodes, options: BuildOptions) -> [Diagnostic] {
        guard options.rpcContract != .off else { return [] }
        let server = sources.serverFiles.compactMap { file in snapshot.readText(file.path).map { (file.path, $0) } }
        let actions = RPCContract.serverActions(server)
        let actionsKey = Self.signature(actions.sorted().map(\.hashValue) + [options.rpcContract.hashValue])
        var diagnostics: [Diagnostic] = []
        for (index, module) in sources.modules.enumerated() where module.tree == .client {
            let revision = index < compiled.revisions.modules.count ? compiled.revisions.modules[index] : -1
            diagnostics += cache.derived("rpc:" + module.file.path, revision: Self.signature([revision, actionsKey])) {
                guard let text = snapshot.readText(module.file.path) else { return [Diagnostic]() }
                return RPCContract.check(SourceFile(path: module.file.path, text: text), actions: actions,
                                         mode: options.rpcContract)
            }
        }
        return diagnostics
    }

    /// `/assets/<logical name>` for every asset.
    public static func plainURLs(_ assets: [BuiltAsset]) -> [String: String] {
        Dictionary(assets.map { ($0.logicalName, "/assets/" + $0.logicalName) }, uniquingKeysWith: { a, _ in a })
    }

    /// Discovers the app's modules only, for `ssbuild tree`.
    public func apiTree() -> (APITree, [Diagnostic]) {
        var state = BuildState(options: .development())
        let sources = discover(into: &state)
        return (sources.apiTree, state.diagnostics.filter { $0.id == .buildNamespaceConflict })
    }

    struct BuildState {
        var options: BuildOptions
        var diagnostics: [Diagnostic] = []
        var assets: [BuiltAsset] = []
        var page: String?
    }
}
