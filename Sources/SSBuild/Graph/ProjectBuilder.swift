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
    /// The last development build, for patching (see `BuildMemory`).
    let memory = LockedBox<BuildMemory?>(nil)

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
    /// A development build patches the last one (`BuildMemory`): it redoes the jobs that
    /// read a dirty path and re-derives what depends on them, so its cost follows the
    /// edit, not the size of the app. Anything else is a full build through the cache.
    public func build(_ options: BuildOptions, dirty: Set<String>?,
                      assetURLs: (([BuiltAsset]) -> [String: String])? = nil) -> BuildResult {
        let generation = snapshot.structureGeneration
        if let dirty, assetURLs == nil, options.mode == .development,
           var kept = takeMemory(for: options), kept.generation == generation {
            let result = patchBuild(&kept, dirty: dirty)
            memory.withLock { $0 = kept }
            return result
        }
        return fullBuild(options, generation: generation, assetURLs: assetURLs)
    }

    /// Builds after changes of `changed` paths, which may have come or gone (the snapshot
    /// forgot them and their folders' listings; nothing else). When discovery finds the
    /// same source files as the last development build (a file the build ignores, a
    /// public/ file), that build is patched like after an edit; otherwise a full build.
    public func build(_ options: BuildOptions, changed: Set<String>) -> BuildResult {
        let generation = snapshot.structureGeneration
        guard options.mode == .development, var kept = takeMemory(for: options) else {
            return fullBuild(options, generation: generation, assetURLs: nil)
        }
        if kept.generation != generation {
            let (sources, diagnostics) = discovered(options, generation: generation)
            guard sources.allPaths == kept.allPaths, diagnostics == kept.discoveryDiagnostics else {
                return fullBuild(options, generation: generation, assetURLs: nil)
            }
            kept.generation = generation
        }
        let result = patchBuild(&kept, dirty: changed)
        memory.withLock { $0 = kept }
        return result
    }

    /// The memory of the last development build with `options`, taken out while patching
    /// so its arrays are uniquely referenced and change in place.
    private func takeMemory(for options: BuildOptions) -> BuildMemory? {
        memory.withLock { stored -> BuildMemory? in
            guard let kept = stored, kept.options == options else { return nil }
            stored = nil
            return kept
        }
    }

    /// The app's source files; discovery depends on listings only, so it is reused while
    /// none changed.
    private func discovered(_ options: BuildOptions, generation: Int) -> (ProjectSources, [Diagnostic]) {
        cache.derived("discovery", revision: generation) {
            var fresh = BuildState(options: options)
            let sources = discover(into: &fresh)
            return (sources, fresh.diagnostics)
        }
    }

    private func fullBuild(_ options: BuildOptions, generation: Int,
                           assetURLs: (([BuiltAsset]) -> [String: String])?) -> BuildResult {
        cache.beginBuild()
        defer { cache.endBuild() }
        let (sources, discoveryDiagnostics) = discovered(options, generation: generation)
        var diagnostics = discoveryDiagnostics
        let jobs = jobs(for: sources)
        let (nodes, reads) = compileAll(sources, jobs: jobs, options: options)
        diagnostics += nodes.diagnostics
        let (actions, actionsKey) = serverActions(sources, options: options)
        let contract = sources.modules.indices.map {
            contractDiagnostics(module: $0, sources, nodes, actions: actions, actionsKey: actionsKey, options: options)
        }
        for list in contract where !list.isEmpty { diagnostics += list }
        let templates = nodes.templates
        let allPaths = sources.allPaths
        if options.mode == .release {
            let assets = releaseAssets(sources, nodes, options: options, diagnostics: &diagnostics)
            var page: String?
            if !diagnostics.containsErrors {
                let urls = assetURLs?(assets) ?? [:]
                page = renderPage(sources, assets: assets, templates: templates,
                                  templateRevisions: nodes.revisions.templates, options: options,
                                  assetURL: { urls[$0.logicalName] ?? "/assets/" + $0.logicalName },
                                  diagnostics: &diagnostics)
            }
            return BuildResult(assets: assets, page: page, templates: templates, apiTree: sources.apiTree,
                               diagnostics: diagnostics, dependencies: [allPaths] + nodes.dependencies)
        }
        let list = developmentAssets(sources, nodes, options: options)
        var rendered: RenderedPage?
        if !diagnostics.containsErrors {
            let page = renderDevelopmentPage(sources, list.assets, options: options, assetURLs: assetURLs)
            diagnostics += page.diagnostics
            rendered = page
        }
        let result = BuildResult(assets: list.assets, page: rendered?.html, templates: templates,
                                 apiTree: sources.apiTree, diagnostics: diagnostics,
                                 dependencies: [allPaths] + nodes.dependencies, pageDigest: rendered?.digest,
                                 assetsDigest: list.listDigest)
        guard assetURLs == nil else { return result }
        memory.withLock {
            $0 = BuildMemory(
                generation: generation, options: options, sources: sources, allPaths: allPaths,
                discoveryDiagnostics: discoveryDiagnostics, jobs: jobs, nodes: nodes, reads: reads,
                readers: BuildMemory.readers(of: reads), serverActions: actions, actionsKey: actionsKey,
                contract: contract, assets: list, page: rendered, result: result)
        }
        return result
    }

    /// The development page over `assets`, with what it read (so a patch knows when to
    /// render it again) and its digest.
    func renderDevelopmentPage(_ sources: ProjectSources, _ assets: [BuiltAsset], options: BuildOptions,
                               assetURLs: (([BuiltAsset]) -> [String: String])?) -> RenderedPage {
        var diagnostics: [Diagnostic] = []
        let urls = assetURLs?(assets) ?? [:]
        let html = renderPage(sources, assets: assets, templates: [], options: options,
                              assetURL: { urls[$0.logicalName] ?? "/assets/" + $0.logicalName },
                              diagnostics: &diagnostics)
        var reads = Set<String>()
        if let page = sources.page {
            reads.insert(page.path)
            reads.formUnion(cache.dependencies(of: "page:" + page.path) ?? [])
            reads.formUnion(cache.dependencies(of: "page+tags:" + page.path) ?? [])
        }
        return RenderedPage(html: html, diagnostics: diagnostics, reads: reads,
                            digest: html.map { ContentDigest($0) })
    }

    /// The server's actions for the RPC contract, and a key that changes with them.
    func serverActions(_ sources: ProjectSources, options: BuildOptions) -> (Set<String>, Int) {
        guard options.rpcContract != .off else { return ([], 0) }
        let server = sources.serverFiles.compactMap { file in snapshot.readText(file.path).map { (file.path, $0) } }
        let actions = RPCContract.serverActions(server)
        return (actions, Self.signature(actions.sorted().map(\.hashValue) + [options.rpcContract.hashValue]))
    }

    /// The RPC contract check of one client module: a token scan, memoized on the
    /// module's revision and the server's actions.
    func contractDiagnostics(module index: Int, _ sources: ProjectSources, _ nodes: CompiledNodes,
                             actions: Set<String>, actionsKey: Int, options: BuildOptions) -> [Diagnostic] {
        let module = sources.modules[index]
        guard options.rpcContract != .off, module.tree == .client else { return [] }
        let revision = nodes.revisions.modules[index]
        return cache.derived("rpc:" + module.file.path, revision: Self.signature([revision, actionsKey])) {
            guard let text = snapshot.readText(module.file.path) else { return [Diagnostic]() }
            return RPCContract.check(SourceFile(path: module.file.path, text: text), actions: actions,
                                     mode: options.rpcContract)
        }
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
    }
}
