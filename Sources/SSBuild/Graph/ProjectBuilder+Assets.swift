import Foundation
import SSCompilers

extension ProjectBuilder {
    /// Release: `lib.js` (lib/client in order), `app.js` (runtime, templates, shared
    /// and client modules, start call) and `app.css` (lib/css, then app.styl).
    func releaseAssets(_ sources: ProjectSources, _ nodes: CompiledNodes, options: BuildOptions,
                       diagnostics: inout [Diagnostic]) -> [BuiltAsset] {
        var assets: [BuiltAsset] = []
        if !sources.libScripts.isEmpty {
            // `;` after each file keeps a library without a trailing semicolon from
            // running into the next one.
            let text = nodes.libScripts.map { Self.terminated($0) }.joined()
            assets.append(BuiltAsset(logicalName: "lib.js", kind: .script, contents: Data(text.utf8),
                                     sources: sources.libScripts.map(\.path)))
            if options.sourceMaps, let map = libBundleMap(sources, nodes, options: options) {
                assets.append(sourceMapAsset(for: "lib.js", map, sources: sources.libScripts.map(\.path)))
            }
        }

        var app = ""
        var appMap: BundleSourceMap? = options.sourceMaps ? BundleSourceMap() : nil
        func add(_ text: String, _ map: @autoclosure () -> SourceMap? = nil) {
            app += text
            appMap?.append(text, map: map())
        }
        add(ClientRuntime.source(env: options.env))
        add(options.realtimeScript)
        add(templatesScript(nodes.templates))
        for (module, code) in zip(sources.modules, nodes.modules) where code != nil {
            add(code ?? "", moduleSourceMap(module))
        }
        add("SS.start();\n")
        let concatenated = app
        var minifiedMap: SourceMap?
        if options.minify {
            let (minified, map) = minifiedAppBundle(app, sourceMaps: options.sourceMaps)
            diagnostics += minified.diagnostics.filter { $0.severity == .error }
            if !minified.hasErrors { (app, minifiedMap) = (minified.output, map) }
        }
        assets.append(BuiltAsset(logicalName: "app.js", kind: .script, contents: Data(app.utf8),
                                 sources: sources.modules.map(\.file.path) + sources.views.map(\.path)))
        if let appMap, let map = appBundleMap(appMap, minified: app != concatenated, map: minifiedMap) {
            assets.append(sourceMapAsset(for: "app.js", map, sources: sources.modules.map(\.file.path)))
        }

        var css = nodes.libStyles.map { $0.hasSuffix("\n") || $0.isEmpty ? $0 : $0 + "\n" }.joined()
        css += nodes.stylesheet ?? ""
        if options.minify {
            let minified = cached("bundle:app.css", text: css, salt: "min") {
                self.compilers.minifyCSS(SourceFile(path: "app.css", text: css))
            }
            diagnostics += minified.diagnostics.filter { $0.severity == .error }
            if !minified.hasErrors { css = minified.output }
        }
        assets.append(BuiltAsset(logicalName: "app.css", kind: .stylesheet, contents: Data(css.utf8),
                                 sources: sources.libStyles.map(\.path) + [sources.stylesheet?.path].compactMap { $0 }))
        return assets
    }

    /// Development: one asset per source file, so browser errors point at real files.
    /// Assets are memoized by their node's cache revision, so a build after a change of
    /// listings re-creates the assets of changed nodes only.
    func developmentAssets(_ sources: ProjectSources, _ nodes: CompiledNodes, options: BuildOptions)
        -> DevelopmentAssets
    {
        var list = DevelopmentAssets()
        list.templateChunks = sources.views.indices.map { index in
            nodes.templateSlots[index].map { template in
                cache.derived("tmpl:" + template.path, revision: nodes.revisions.templates[index]) {
                    Self.templateChunk(template)
                }
            }
        }
        list.templateOrder = Self.templateOrder(sources.views.map(Self.templateID))
        for slot in Self.developmentSlots(sources, options: options) {
            list.append(slot, developmentAssets(slot, sources, nodes, options: options, templates: list))
        }
        return list
    }

    /// The slots of the development list, in page order: library styles, the stylesheet,
    /// libraries, the runtimes, templates, modules (shared first), the start call.
    static func developmentSlots(_ sources: ProjectSources, options: BuildOptions) -> [DevelopmentAssets.Slot] {
        var slots: [DevelopmentAssets.Slot] = sources.libStyles.indices.map { .libStyle($0) }
        if sources.stylesheet != nil { slots.append(.stylesheet) }
        slots += sources.libScripts.indices.map { .libScript($0) }
        slots.append(.runtime)
        if !options.realtimeScript.isEmpty { slots.append(.realtime) }
        slots.append(.templates)
        slots += sources.modules.indices.map { .module($0) }
        slots.append(.start)
        return slots
    }

    /// The assets of one slot.
    func developmentAssets(_ slot: DevelopmentAssets.Slot, _ sources: ProjectSources, _ nodes: CompiledNodes,
                           options: BuildOptions, templates: DevelopmentAssets) -> [BuiltAsset] {
        func asset(_ name: String, _ kind: BuiltAsset.Kind, revision: Int, sources: [String],
                   _ text: @autoclosure () -> String) -> BuiltAsset {
            cache.derived("asset:" + name, revision: revision) {
                BuiltAsset(logicalName: name, kind: kind, contents: Data(text().utf8), sources: sources)
            }
        }
        let revisions = nodes.revisions
        // The runtimes change only with the options (a hash of the real-time client: only
        // for those two slots, it is tens of kilobytes).
        var fixed: Int { Self.signature([options.env.hashValue, options.realtimeScript.hashValue]) }
        switch slot {
        case .libStyle(let i):
            let file = sources.libStyles[i]
            return [asset("dev/" + file.path, .stylesheet, revision: revisions.libStyles[i], sources: [file.path],
                          nodes.libStyles[i])]
        case .stylesheet:
            let path = sources.stylesheet?.path ?? ProjectLayout.appStylesheet
            return [asset("dev/app/css/app.css", .stylesheet, revision: revisions.stylesheet, sources: [path],
                          nodes.stylesheet ?? "")]
        case .libScript(let i):
            let file = sources.libScripts[i]
            return [asset("dev/" + CoffeeScriptCompiler.javaScriptPath(file.path), .script,
                          revision: revisions.libScripts[i], sources: [file.path],
                          Self.terminated(nodes.libScripts[i]))]
        case .runtime:
            return [asset("dev/ss/runtime.js", .script, revision: fixed, sources: [],
                          ClientRuntime.source(env: options.env))]
        case .realtime:
            return [asset("dev/ss/realtime.js", .script, revision: fixed, sources: [], options.realtimeScript)]
        case .templates:
            // Assembled from per-template pieces: a view save re-escapes one template, not all.
            let (contents, digest) = templates.templatesScript(runtime: compilers.templateRuntime)
            return [BuiltAsset(logicalName: "dev/ss/templates.js", kind: .script, contents: contents,
                               sources: sources.views.map(\.path), digest: digest)]
        case .module(let i):
            let module = sources.modules[i]
            // A failed module has no code; its revision still identifies that state.
            if options.sourceMaps {
                return developmentModuleAssets(module, code: nodes.modules[i] ?? "", revision: revisions.modules[i])
            }
            return [asset("dev/" + CoffeeScriptCompiler.javaScriptPath(module.file.path), .script,
                          revision: revisions.modules[i], sources: [module.file.path], nodes.modules[i] ?? "")]
        case .start:
            return [asset("dev/ss/start.js", .script, revision: 0, sources: [], "SS.start();\n")]
        }
    }

    /// One template's `SS.tmpl[id]=(function);` line and its `[id, html],` block entry.
    static func templateChunk(_ template: BuiltTemplate) -> DevelopmentAssets.TemplateChunk {
        let block = template.html.map { "[\(jsonID(template)),\(ModuleWrapper.jsonString($0))]," }
        return DevelopmentAssets.TemplateChunk(definition: templateDefinition(template), block: block)
    }

    /// `SS.tmpl["id"]=(function…);` and a line break.
    static func templateDefinition(_ template: BuiltTemplate) -> String {
        "SS.tmpl[\(jsonID(template))]=(\(template.function));\n"
    }

    private static func jsonID(_ template: BuiltTemplate) -> String { ModuleWrapper.jsonString(template.id) }

    /// Indices of `ids` sorted by id (ties in index order).
    static func templateOrder(_ ids: [String]) -> [Int] {
        ids.indices.sorted { a, b in
            ids[a] == ids[b] ? a < b : ByteOrder.precedes(ids[a], ids[b])
        }
    }

    /// An in-process signature of some values (not stable across runs; memo keys only).
    static func signature(_ values: [Int]) -> Int {
        var hasher = Hasher()
        for value in values { hasher.combine(value) }
        return hasher.finalize()
    }

    /// `SS.tmpl[id] = function…` for every template (release), with the helpers they share
    /// once. Development splits the same text into per-template pieces
    /// (`DevelopmentAssets.templatesScript`), which also add each template's
    /// `<script type="text/html" id="…">` block to the page instead of the page inlining
    /// them: a view save then leaves the page itself unchanged.
    func templatesScript(_ templates: [BuiltTemplate]) -> String {
        guard !templates.isEmpty else { return "" }
        var out = "(function(){\n" + compilers.templateRuntime + "\n"
        for index in Self.templateOrder(templates.map(\.id)) {
            out += Self.templateDefinition(templates[index])
        }
        return out + "})();\n"
    }

    /// Ends a library with `;` so the next one cannot continue its last statement; the
    /// `;` goes on a line of its own, since the last line may be a `//` comment.
    static func terminated(_ code: String) -> String {
        var text = code
        while let last = text.unicodeScalars.last, last == "\n" || last == " " || last == "\t" || last == "\r" {
            text.unicodeScalars.removeLast()
        }
        return text.hasSuffix(";") || text.isEmpty ? text + "\n" : text + "\n;\n"
    }

    /// Caches work on text that is not a file (whole bundles).
    func cached(_ node: String, text: String, salt: String, compile: () -> CompileResult) -> CompileResult {
        let key = ContentDigest.combine([ContentDigest(text), ContentDigest(salt)])
        return cache.result(for: node, key: key, snapshot: snapshot, compile: compile)
    }
}
