import Foundation
import SSCompilers

/// The compiled nodes of one build, indexed like `ProjectSources`. A build after an edit
/// patches the slots of the jobs it redid (`apply`), so nothing here is rebuilt whole.
struct CompiledNodes {
    /// Cache revisions, indexed like the outputs: equal revisions mean equal outputs.
    var revisions = ProjectBuilder.Revisions()
    var modules: [String?]
    var libScripts: [String]
    var libStyles: [String]
    var stylesheet: String?
    /// One slot per view, in view order: nil when it failed to compile.
    var templateSlots: [BuiltTemplate?]
    /// Per job, in job order.
    var jobDiagnostics: [[Diagnostic]]
    var dependencies: [[String]]

    init(_ sources: ProjectSources, jobCount: Int) {
        modules = Array(repeating: nil, count: sources.modules.count)
        libScripts = Array(repeating: "", count: sources.libScripts.count)
        libStyles = Array(repeating: "", count: sources.libStyles.count)
        templateSlots = Array(repeating: nil, count: sources.views.count)
        jobDiagnostics = Array(repeating: [], count: jobCount)
        dependencies = Array(repeating: [], count: jobCount)
        revisions.modules = Array(repeating: 0, count: sources.modules.count)
        revisions.libScripts = Array(repeating: 0, count: sources.libScripts.count)
        revisions.libStyles = Array(repeating: 0, count: sources.libStyles.count)
        revisions.templates = Array(repeating: 0, count: sources.views.count)
    }

    /// The templates that compiled, in view order.
    var templates: [BuiltTemplate] { templateSlots.compactMap { $0 } }

    /// Every job's diagnostics, in job order.
    var diagnostics: [Diagnostic] {
        var all: [Diagnostic] = []
        for list in jobDiagnostics where !list.isEmpty { all += list }
        return all
    }

    /// Puts one job's result in its slots.
    mutating func apply(_ job: ProjectBuilder.Job, at index: Int, _ done: ProjectBuilder.JobResult) {
        jobDiagnostics[index] = done.result.diagnostics
        dependencies[index] = done.result.dependencies
        switch job {
        case .module(let i): revisions.modules[i] = done.revision
        case .libScript(let i): revisions.libScripts[i] = done.revision
        case .libStyle(let i): revisions.libStyles[i] = done.revision
        case .stylesheet: revisions.stylesheet = done.revision
        case .template(let i): revisions.templates[i] = done.revision
        }
        switch (job, done.output) {
        case let (.module(i), .text(text)): modules[i] = text
        case let (.libScript(i), .text(text)): libScripts[i] = text ?? ""
        case let (.libStyle(i), .text(text)): libStyles[i] = text ?? ""
        case let (.stylesheet, .text(text)): stylesheet = text
        case let (.template(i), .template(template)): templateSlots[i] = template
        default: break
        }
    }
}

extension ProjectBuilder {
    /// One compile job; jobs are numbered modules, libraries, library styles, the
    /// stylesheet, then views (`jobs(for:)`).
    enum Job: Hashable {
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

    /// What a job made: the primary node's result, its output, its revision, and every
    /// file its nodes read (its own source first), which says when it must run again.
    struct JobResult {
        var result: CompileResult
        var output: Output
        var revision: Int
        var reads: [String]
    }

    enum Output {
        case text(String?)
        case template(BuiltTemplate?)
    }

    func jobs(for sources: ProjectSources) -> [Job] {
        var jobs: [Job] = []
        jobs.reserveCapacity(sources.modules.count + sources.libScripts.count + sources.libStyles.count
            + sources.views.count + 1)
        jobs += sources.modules.indices.map(Job.module)
        jobs += sources.libScripts.indices.map(Job.libScript)
        jobs += sources.libStyles.indices.map(Job.libStyle)
        if sources.stylesheet != nil { jobs.append(.stylesheet) }
        jobs += sources.views.indices.map(Job.template)
        return jobs
    }

    /// Compiles every node; independent nodes run on all cores, each through the cache.
    func compileAll(_ sources: ProjectSources, jobs: [Job], options: BuildOptions)
        -> (CompiledNodes, [[String]])
    {
        let finished = parallelMap(jobs.count) { run(jobs[$0], sources, options) }
        var nodes = CompiledNodes(sources, jobCount: jobs.count)
        for (index, job) in jobs.enumerated() { nodes.apply(job, at: index, finished[index]) }
        return (nodes, finished.map(\.reads))
    }

    /// A job's result with the files its nodes read: its own source first, each once.
    private static func finished(_ result: CompileResult, _ output: Output, _ revision: Int, path: String,
                                 alsoRead: [String] = []) -> JobResult {
        var reads = [path]
        for dependency in result.dependencies + alsoRead where !reads.contains(dependency) { reads.append(dependency) }
        return JobResult(result: result, output: output, revision: revision, reads: reads)
    }

    func run(_ job: Job, _ sources: ProjectSources, _ options: BuildOptions) -> JobResult {
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
            let code: String? = result.hasErrors ? nil : result.output
            return Self.finished(result, .text(code), revision, path: module.file.path)

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
            return Self.finished(result, .text(result.output), revision, path: lib.path)

        case .libStyle(let i):
            let lib = sources.libStyles[i]
            let name = "libcss:" + lib.path
            let (result, revision) = cachedRevisioned(name, path: lib.path, salt: "css") { file in
                CompileResult(output: file.text, dependencies: [file.path])
            }
            return Self.finished(result, .text(result.output), revision, path: lib.path)

        case .stylesheet:
            let path = sources.stylesheet?.path ?? ProjectLayout.appStylesheet
            let name = "style:" + path
            let (result, revision) = cachedRevisioned(name, path: path, salt: "styl") { file in
                self.compilers.stylesheet(file, [ProjectLayout.appCSS], self.snapshot)
            }
            return Self.finished(result, .text(result.hasErrors ? nil : result.output), revision, path: path)

        case .template(let i):
            let view = sources.views[i]
            let name = "template:" + view.path
            let id = Self.templateID(view)
            let (function, revision) = cachedRevisioned(name, path: view.path, salt: "tmpl") { file in
                self.compilers.template(file, self.snapshot)
            }
            if function.hasErrors { return Self.finished(function, .template(nil), revision, path: view.path) }
            // Pre-rendered from the function just compiled when the compilers can; the node
            // reads what the function read, so the cache keeps both in step.
            let (html, htmlRevision) = cachedRevisioned("html:" + view.path, path: view.path, salt: "html") { file in
                if let renderCompiled = self.compilers.renderCompiled {
                    return renderCompiled(function, file, "{}", self.snapshot)
                }
                return self.compilers.renderView(file, "{}", self.snapshot)
            }
            // A template that needs locals cannot be pre-rendered; its function still ships.
            let template = BuiltTemplate(id: id, path: view.path, function: function.output,
                                         html: html.hasErrors ? nil : html.output)
            // The revision covers the function and the HTML: an include can change either.
            return Self.finished(function, .template(template), Self.signature([revision, htmlRevision]),
                                 path: view.path, alsoRead: html.dependencies)
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
