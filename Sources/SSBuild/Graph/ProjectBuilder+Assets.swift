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
    /// Assets are memoized by their node's cache revision, so a rebuild after one change
    /// re-creates one asset, not thousands.
    func developmentAssets(_ sources: ProjectSources, _ nodes: CompiledNodes, options: BuildOptions) -> [BuiltAsset] {
        var assets: [BuiltAsset] = []
        func asset(_ name: String, _ kind: BuiltAsset.Kind, revision: Int, sources: [String],
                   _ text: @autoclosure () -> String) -> BuiltAsset {
            cache.derived("asset:" + name, revision: revision) {
                BuiltAsset(logicalName: name, kind: kind, contents: Data(text().utf8), sources: sources)
            }
        }
        let revisions = nodes.revisions
        for (i, (file, text)) in zip(sources.libStyles, nodes.libStyles).enumerated() {
            assets.append(asset("dev/" + file.path, .stylesheet, revision: revisions.libStyles[i], sources: [file.path],
                                text))
        }
        if let path = sources.stylesheet?.path {
            assets.append(asset("dev/app/css/app.css", .stylesheet, revision: revisions.stylesheet, sources: [path],
                                nodes.stylesheet ?? ""))
        }
        for (i, (file, text)) in zip(sources.libScripts, nodes.libScripts).enumerated() {
            assets.append(asset("dev/" + CoffeeScriptCompiler.javaScriptPath(file.path), .script,
                                revision: revisions.libScripts[i], sources: [file.path],
                                Self.terminated(text)))
        }
        let fixed = Self.signature([options.env.hashValue, options.realtimeScript.hashValue])
        assets.append(asset("dev/ss/runtime.js", .script, revision: fixed, sources: [],
                            ClientRuntime.source(env: options.env)))
        if !options.realtimeScript.isEmpty {
            assets.append(asset("dev/ss/realtime.js", .script, revision: fixed, sources: [], options.realtimeScript))
        }
        let templates = Self.signature(revisions.templates + nodes.templates.map { $0.id.hashValue })
        assets.append(asset("dev/ss/templates.js", .script, revision: templates, sources: sources.views.map(\.path),
                            templatesScript(nodes.templates, htmlBlocks: true)))
        for (i, (module, code)) in zip(sources.modules, nodes.modules).enumerated() {
            // A failed module has no code; its revision still identifies that state.
            if options.sourceMaps {
                assets += developmentModuleAssets(module, code: code ?? "", revision: revisions.modules[i])
                continue
            }
            assets.append(asset("dev/" + CoffeeScriptCompiler.javaScriptPath(module.file.path), .script,
                                revision: revisions.modules[i], sources: [module.file.path], code ?? ""))
        }
        assets.append(asset("dev/ss/start.js", .script, revision: 0, sources: [], "SS.start();\n"))
        return assets
    }

    /// An in-process signature of some values (not stable across runs; memo keys only).
    static func signature(_ values: [Int]) -> Int {
        var hasher = Hasher()
        for value in values { hasher.combine(value) }
        return hasher.finalize()
    }

    /// `SS.tmpl[id] = function…` for every template, with the helpers they share once.
    /// With `htmlBlocks` (development), the script also adds each template's
    /// `<script type="text/html" id="…">` block to the page, instead of the page inlining
    /// them: a view save then leaves the page itself unchanged.
    func templatesScript(_ templates: [BuiltTemplate], htmlBlocks: Bool = false) -> String {
        guard !templates.isEmpty else { return "" }
        let sorted = templates.sorted(by: { ByteOrder.precedes($0.id, $1.id) })
        var out = "(function(){\n" + compilers.templateRuntime + "\n"
        for template in sorted {
            out += "SS.tmpl[\(ModuleWrapper.jsonString(template.id))]=(\(template.function));\n"
        }
        if htmlBlocks {
            out += "var blocks=["
            for template in sorted {
                guard let html = template.html else { continue }
                out += "[\(ModuleWrapper.jsonString(template.id)),\(ModuleWrapper.jsonString(html))],"
            }
            out += "];if(typeof document!=='undefined'){for(var i=0;i<blocks.length;i++){"
                + "var s=document.createElement('script');s.type='text/html';s.id=blocks[i][0];"
                + "s.text=blocks[i][1];document.head.appendChild(s);}}\n"
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
