import Foundation

/// Compiles Pug (and Jade) templates to JavaScript render functions, the way
/// `pug.compileClient` does. The function needs the helpers of `PugRuntime.source`
/// in scope; running it with locals gives the HTML (the build does that in SSScript).
///
/// ```swift
/// let compiler = PugCompiler(options: PugOptions())
/// let result = compiler.compileClient(SourceFile(path: "a.pug", text: "p Hello #{name}"),
///                                     resolver: InMemoryResolver())
/// // result.output: "function template(locals) {...}"
/// ```
public struct PugCompiler: Sendable {
    public let options: PugOptions

    public init(options: PugOptions = PugOptions()) {
        self.options = options
    }

    /// Output is JavaScript source of a function expression `function template(locals) {...}`
    /// that relies on the helpers in `PugRuntime.source` being in scope.
    public func compileClient(_ file: SourceFile, resolver: any SourceResolver) -> CompileResult {
        let recorder = DependencyRecorder(resolver)
        let loader = PugLoader(resolver: recorder, options: options)
        do {
            let ast = try loader.load(file)
            var errors = loader.errors
            errors += PugFilters(options: options).apply(to: ast, files: loader.files)
            var linker = PugLinker(files: loader.files)
            let linked = try linker.link(ast)
            errors += unknownMixins(linked, files: loader.files)
            if !errors.isEmpty {
                return CompileResult(output: "", diagnostics: errors.map { diagnostic($0, loader: loader, root: file) },
                                     dependencies: recorder.paths.filter { $0 != file.path })
            }
            var generator = PugCodeGen(options: options, files: loader.files)
            try generator.visit(linked)
            generator.flush()
            let output = wrap(generator, files: loader.files)
            return CompileResult(output: output, dependencies: recorder.paths.filter { $0 != file.path })
        } catch let error as PugError {
            return CompileResult(output: "", diagnostics: [diagnostic(error, loader: loader, root: file)],
                                 dependencies: recorder.paths.filter { $0 != file.path })
        } catch {
            let diagnostic = Diagnostic(.error, id: .pugInvalidSyntax, message: "\(error)", file: file)
            return CompileResult(output: "", diagnostics: [diagnostic])
        }
    }

    private func wrap(_ generator: PugCodeGen, files: [SourceFile]) -> String {
        var out = "function " + options.templateName + "(locals) {var pug_html = \"\", pug_mixins = {}, pug_interp;"
        if options.pretty { out += "var pug_indent = [];" }
        let with = "with (pug_with(locals, [" + generator.declared.map(PugJS.stringLiteral).joined(separator: ",") + "])) {\n"
        let body = generator.buf.joined(separator: "\n")
        if options.compileDebug {
            out += "var pug_debug_line, pug_debug_files = [" + files.map { PugJS.stringLiteral($0.path) }.joined(separator: ",") + "];\n"
            out += "try {" + with + body + "\n}} catch (err) {pug_rethrow(err, pug_debug_files, pug_debug_line);}"
        } else {
            out += with + body + "\n}"
        }
        return out + "return pug_html;}"
    }

    private func diagnostic(_ error: PugError, loader: PugLoader, root: SourceFile) -> Diagnostic {
        let file = loader.files.first { $0.path == error.path }
            ?? (error.path == root.path ? SourceFile(path: root.path, text: PugLoader.normalize(root.text)) : nil)
        guard let file else {
            return Diagnostic(.error, id: error.id, message: error.message, path: error.path, notes: error.notes)
        }
        let location = file.location(ofOffset: error.offset)
        return Diagnostic(.error, id: error.id, message: error.message, file: file, range: SourceRange(at: location),
                          notes: error.notes)
    }

    /// A call of a mixin defined nowhere is an error at compile time (Pug finds it only
    /// when the call runs).
    private func unknownMixins(_ root: PugNode, files: [SourceFile]) -> [PugError] {
        var defined = Set<String>()
        var calls: [PugNode] = []
        var stack = [root]
        var seen = Set<ObjectIdentifier>()
        while let node = stack.popLast() {
            guard seen.insert(ObjectIdentifier(node)).inserted else { continue }
            if node.kind == .mixin {
                if node.call { calls.append(node) } else { defined.insert(node.name) }
            }
            stack.append(contentsOf: node.children)
        }
        return calls.filter { !$0.name.hasPrefix("#") && !defined.contains($0.name) }
            .sorted { ($0.file, $0.offset) < ($1.file, $1.offset) }
            .map { call in
                PugError(id: .pugUnknownMixin, message: "unknown mixin \"\(call.name)\"",
                         path: call.file < files.count ? files[call.file].path : "", offset: call.offset)
            }
    }
}
