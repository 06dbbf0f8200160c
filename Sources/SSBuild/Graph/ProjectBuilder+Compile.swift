import Foundation
import SSCompilers

/// The compiled nodes of one build, indexed like `ProjectSources`.
struct CompiledNodes {
    /// Cache revisions, indexed like the outputs: equal revisions mean equal outputs.
    var revisions = ProjectBuilder.Revisions()
    var modules: [String?]
    var libScripts: [String]
    var libStyles: [String]
    var stylesheet: String?
    var templates: [BuiltTemplate]
    var diagnostics: [Diagnostic]
    var dependencies: [[String]]
}

extension ProjectBuilder {
    private enum Job {
        case module(Int)
        case libScript(Int)
        case libStyle(Int)
        case stylesheet
        case template(Int)
    }

    struct Revisions {
        var modules: [Int] = []
        var libScripts: [Int] = []
        var libStyles: [Int] = []
        var stylesheet = 0
        var templates: [Int] = []
    }

    typealias JobResult = (String, CompileResult, Output, Int)

    /// The last compile's per-job results, for `dirty` rebuilds.
    struct LastCompile: @unchecked Sendable {
        var signature: Int
        var results: [JobResult]
    }

    enum Output {
        case text(String?)
        case template(BuiltTemplate?)
    }

    /// Compiles every node; independent nodes run on all cores.
    /// Compiles every node. With `dirty` (the paths an edit changed, when no listing did),
    /// a node whose recorded dependencies miss every dirty path keeps its last result
    /// without even a cache lookup: an edit costs work for the nodes it touches only.
    func compileAll(_ sources: ProjectSources, options: BuildOptions, dirty: Set<String>? = nil) -> CompiledNodes {
        var jobs: [Job] = []
        jobs += sources.modules.indices.map(Job.module)
        jobs += sources.libScripts.indices.map(Job.libScript)
        jobs += sources.libStyles.indices.map(Job.libStyle)
        if sources.stylesheet != nil { jobs.append(.stylesheet) }
        jobs += sources.views.indices.map(Job.template)

        let signature = Self.signature([snapshot.structureGeneration, options.hashValue, jobs.count])
        let previous = lastCompile.withLock { $0 }
        let finished: [JobResult]
        if let dirty, let previous, previous.signature == signature {
            let groups = previous.results.map { Self.nodeNames($0.0) }
            let stale = cache.staleGroups(groups, readingAny: dirty)
            var merged = previous.results
            let redone = parallelMap(stale.count) { run(jobs[stale[$0]], sources, options) }
            for (offset, index) in stale.enumerated() { merged[index] = redone[offset] }
            cache.touch(groups.flatMap { $0 })
            finished = merged
        } else {
            finished = parallelMap(jobs.count) { run(jobs[$0], sources, options) }
        }
        lastCompile.withLock { $0 = LastCompile(signature: signature, results: finished) }
        let results = finished.map(\.1)
        let outputs = finished.map(\.2)
        let revisions = finished.map(\.3)

        var nodes = CompiledNodes(
            modules: [String?](repeating: nil, count: sources.modules.count),
            libScripts: [String](repeating: "", count: sources.libScripts.count),
            libStyles: [String](repeating: "", count: sources.libStyles.count),
            stylesheet: nil, templates: [], diagnostics: [], dependencies: [])
        nodes.revisions.modules = Array(repeating: 0, count: sources.modules.count)
        nodes.revisions.libScripts = Array(repeating: 0, count: sources.libScripts.count)
        nodes.revisions.libStyles = Array(repeating: 0, count: sources.libStyles.count)
        for (index, job) in jobs.enumerated() {
            let result = results[index]
            let output = outputs[index]
            switch job {
            case .module(let i): nodes.revisions.modules[i] = revisions[index]
            case .libScript(let i): nodes.revisions.libScripts[i] = revisions[index]
            case .libStyle(let i): nodes.revisions.libStyles[i] = revisions[index]
            case .stylesheet: nodes.revisions.stylesheet = revisions[index]
            case .template: nodes.revisions.templates.append(revisions[index])
            }
            nodes.diagnostics += result.diagnostics
            nodes.dependencies.append(result.dependencies)
            switch (job, output) {
            case let (.module(i), .text(text)): nodes.modules[i] = text
            case let (.libScript(i), .text(text)): nodes.libScripts[i] = text ?? ""
            case let (.libStyle(i), .text(text)): nodes.libStyles[i] = text ?? ""
            case let (.stylesheet, .text(text)): nodes.stylesheet = text
            case let (.template, .template(template?)): nodes.templates.append(template)
            default: break
            }
        }
        return nodes
    }

    /// The cache nodes one job uses (a template job also pre-renders its HTML).
    static func nodeNames(_ name: String) -> [String] {
        name.hasPrefix("template:") ? [name, "html:" + name.dropFirst("template:".count)] : [name]
    }

    private func run(_ job: Job, _ sources: ProjectSources, _ options: BuildOptions) -> JobResult {
        switch job {
        case .module(let i):
            let module = sources.modules[i]
            let name = "module:" + module.file.path
            let (result, revision) = cachedRevisioned(name, path: module.file.path, salt: "m") { source in
                let (file, errors) = CoffeeScriptCompiler.javaScriptFile(source)
                if errors.containsErrors { return CompileResult(output: "", diagnostics: errors) }
                let diagnostics = self.compilers.checkScript(file)
                let wrapped = ModuleWrapper.wrap(file.text, tree: module.tree, namespace: module.namespace)
                return CompileResult(output: wrapped, diagnostics: diagnostics, dependencies: [file.path])
            }
            return (name, result, .text(result.hasErrors ? nil : result.output), revision)

        case .libScript(let i):
            let lib = sources.libScripts[i]
            let minify = options.minify && !lib.relativePath.contains(".min")
            let name = "lib:" + lib.path
            let (result, revision) = cachedRevisioned(name, path: lib.path, salt: minify ? "lib+min" : "lib") { source in
                let (file, errors) = CoffeeScriptCompiler.javaScriptFile(source)
                if errors.containsErrors { return CompileResult(output: "", diagnostics: errors) }
                if minify {
                    var minified = self.minifyLibrary(file, sourceMaps: options.sourceMaps)
                    minified.dependencies = [file.path]
                    return minified
                }
                var checked = CompileResult(output: file.text, diagnostics: [], dependencies: [file.path])
                // `.min` files are trusted as shipped; other libraries are syntax-checked.
                if !lib.relativePath.contains(".min") { checked.diagnostics = self.compilers.checkScript(file) }
                return checked
            }
            return (name, result, .text(result.output), revision)

        case .libStyle(let i):
            let lib = sources.libStyles[i]
            let name = "libcss:" + lib.path
            let (result, revision) = cachedRevisioned(name, path: lib.path, salt: "css") { file in
                CompileResult(output: file.text, dependencies: [file.path])
            }
            return (name, result, .text(result.output), revision)

        case .stylesheet:
            let path = sources.stylesheet?.path ?? ProjectLayout.appStylesheet
            let name = "style:" + path
            let (result, revision) = cachedRevisioned(name, path: path, salt: "styl") { file in
                self.compilers.stylesheet(file, [ProjectLayout.appCSS], self.snapshot)
            }
            return (name, result, .text(result.hasErrors ? nil : result.output), revision)

        case .template(let i):
            let view = sources.views[i]
            let name = "template:" + view.path
            let id = Self.templateID(view)
            let (function, revision) = cachedRevisioned(name, path: view.path, salt: "tmpl") { file in
                self.compilers.template(file, self.snapshot)
            }
            if function.hasErrors { return (name, function, .template(nil), revision) }
            let html = cached("html:" + view.path, path: view.path, salt: "html") { file in
                self.compilers.renderView(file, "{}", self.snapshot)
            }
            // A template that needs locals cannot be pre-rendered; its function still ships.
            let template = BuiltTemplate(id: id, path: view.path, function: function.output,
                                         html: html.hasErrors ? nil : html.output)
            return (name, function, .template(template), revision)
        }
    }

    /// Reads `path`, and compiles it through the cache unless nothing it read changed.
    func cached(_ node: String, path: String, salt: String, compile: (SourceFile) -> CompileResult) -> CompileResult {
        cachedRevisioned(node, path: path, salt: salt, compile: compile).0
    }

    func cachedRevisioned(_ node: String, path: String, salt: String, compile: (SourceFile) -> CompileResult)
        -> (CompileResult, Int)
    {
        guard let data = snapshot.readData(path) else {
            return (CompileResult(output: "", diagnostics: [
                Diagnostic(.error, id: .buildIO, message: "cannot read file", path: path)
            ]), -1)
        }
        // The snapshot digests each file once per change, not once per build.
        let key = ContentDigest.combine([snapshot.digest(path) ?? ContentDigest(data), ContentDigest(salt)])
        return cache.revisioned(for: node, key: key, snapshot: snapshot) {
            guard let text = String(data: data, encoding: .utf8) else {
                return CompileResult(output: "", diagnostics: [
                    Diagnostic(.error, id: .buildEncoding, message: "file is not valid UTF-8 text", path: path)
                ], dependencies: [path])
            }
            // A leading byte-order mark is not part of the program text.
            let clean = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
            var result = compile(SourceFile(path: path, text: clean))
            if !result.dependencies.contains(path) { result.dependencies.insert(path, at: 0) }
            return result
        }
    }
}
