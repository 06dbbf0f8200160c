import Foundation
import SSActions
import SSCompilers
import SSScript

extension SharedCodeEngine {
    /// One app/shared file as the engine loads it.
    struct LoadedModule: Sendable {
        /// The file as written (for code frames and positions).
        var source: SourceFile
        /// The module id in the API tree (`users/format`).
        var id: String
        /// The JavaScript wrapped by `ModuleWrapper`: one header line, then the code.
        var wrapped: String
        /// Output line -> `.coffee` line, for CoffeeScript files.
        var lineMap: [LineMapping]

        var path: String { source.path }

        /// The file position of a 1-based line and column of `wrapped`.
        /// The engine (and the CoffeeScript map) count columns in UTF-16 units; the result
        /// counts characters, as diagnostics do.
        func originalPosition(line: Int, column: Int?) -> (line: Int, column: Int?) {
            let codeLine = max(1, line - 1)
            guard !lineMap.isEmpty else { return (codeLine, column.map { characterColumn(line: codeLine, $0) }) }
            let index = codeLine - 1
            guard let mapping = lineMap.last(where: { $0.outputLine <= index }) else { return (1, nil) }
            return (mapping.sourceLine, characterColumn(line: mapping.sourceLine, mapping.sourceColumn))
        }

        private func characterColumn(line: Int, _ utf16Column: Int) -> Int {
            var units = 0
            var characters = 0
            for scalar in source.line(line).unicodeScalars where units < utf16Column - 1 {
                units += scalar.utf16.count
                characters += 1
            }
            return characters + max(0, utf16Column - 1 - units) + 1
        }
    }

    /// The code of one `reload`: its modules and the contexts loaded with them.
    struct Generation: Sendable {
        var modules: [LoadedModule]
        var pool: ScriptContextPool
        var diagnostics: [Diagnostic]
        var timeLimit: Double

        /// - Parameter previous: the code in use; `.coffee` files whose text did not change
        ///   keep their compiled JavaScript, so a reload compiles only what changed.
        static func load(
            resolver: any SourceResolver, options: Options, coffeeScript: CoffeeScriptCompiler,
            previous: [LoadedModule] = []
        ) -> Generation {
            let compiledBefore = Dictionary(previous.map { ($0.source, $0) }, uniquingKeysWith: { first, _ in first })
            let discovery = SourceDiscovery(root: ".", resolver: resolver)
            var files = discovery.recursive(ProjectLayout.appShared, extensions: ["js", "coffee"])
            // The build runs a module named `app` first; the server does the same.
            if let app = files.firstIndex(where: { APITree.namespace(ofRelativePath: $0.relativePath) == ["app"] }) {
                files.insert(files.remove(at: app), at: 0)
            }
            let (tree, conflicts) = APITree.build(client: [], shared: files)
            var diagnostics = conflicts
            var modules: [LoadedModule] = []
            for module in tree.modules {
                let path = module.file.path
                guard var text = resolver.readText(path) else {
                    diagnostics.append(Diagnostic(.error, id: .buildIO, message: "cannot read file", path: path))
                    continue
                }
                if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
                let source = SourceFile(path: path, text: text)
                var javaScript = text
                var lineMap: [LineMapping] = []
                if let unchanged = compiledBefore[source], unchanged.id == module.namespace.joined(separator: "/") {
                    modules.append(unchanged)
                    continue
                }
                if CoffeeScriptCompiler.isCoffeeScript(path) {
                    let compiled = coffeeScript.compile(source)
                    diagnostics += compiled.diagnostics
                    if compiled.hasErrors { continue }
                    javaScript = compiled.output
                    lineMap = compiled.lineMap
                }
                modules.append(
                    LoadedModule(
                        source: source, id: module.namespace.joined(separator: "/"),
                        wrapped: ModuleWrapper.wrap(javaScript, tree: .shared, namespace: module.namespace),
                        lineMap: lineMap))
            }
            let loaded = modules
            let env = options.env
            let console = options.console
            let pool = ScriptContextPool(maximumIdle: options.maximumIdleContexts, timeLimit: options.timeLimit) {
                try prepare($0, modules: loaded, env: env, console: console)
            }
            return Generation(modules: modules, pool: pool, diagnostics: diagnostics, timeLimit: options.timeLimit)
        }

        /// Loads the registry, the sandbox prelude and every module into a new context,
        /// then runs the modules in order (as `SS.start()` does in the browser).
        static func prepare(
            _ context: ScriptContext, modules: [LoadedModule], env: String,
            console: (@Sendable (String, String) -> Void)? = nil
        ) throws {
            try context.evaluate(ClientRuntime.source(env: env), sourceURL: "ss-runtime.js")
            if let console {
                try context.defineFunction("__ssConsole") { arguments in
                    console(arguments.first ?? "log", arguments.count > 1 ? arguments[1] : "")
                }
            }
            try context.evaluate(SharedCodeSandbox.prelude, sourceURL: "ss-shared-prelude.js")
            for module in modules {
                try context.evaluate(module.wrapped, sourceURL: module.path)
            }
            for module in modules {
                _ = try context.call(
                    "function (id) { SS.require(id) }",
                    argumentsJSON: [ModuleWrapper.jsonString("/shared/" + module.id)],
                    sourceURL: module.path)
            }
        }

        func call(_ path: String, _ arguments: [JSONValue]) throws -> JSONValue {
            let isPath =
                !path.isEmpty && !path.hasPrefix(".") && !path.hasSuffix(".") && !path.contains("..")
                && path.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" || $0 == "." }
            guard isPath else {
                throw SharedCodeError(
                    .noSuchFunction,
                    "'\(path)' is not a shared function path: "
                        + "expected names separated by dots, such as calculate.circumference")
            }
            let argumentsJSON = "[" + arguments.map(\.jsonText).joined(separator: ",") + "]"
            let result: String
            do {
                result = try pool.withContext { context in
                    try context.call(
                        "SS.__sharedCall", argumentsJSON: [ModuleWrapper.jsonString(path), argumentsJSON],
                        sourceURL: "SS.shared." + path)
                }
            } catch {
                throw map(error, calling: path)
            }
            do {
                return try JSONValue(parsing: result)
            } catch {
                throw SharedCodeError(.badValue, "SS.shared.\(path) returned something that is not JSON: \(error)")
            }
        }
    }
}
