import Foundation
import SSCompilers
import SSScript

/// Compiles CoffeeScript with the real CoffeeScript 2 compiler, the browser build that
/// Debian's `coffeescript` package ships, running in JavaScriptCore: no Node.js needed.
///
/// Each pooled context loads the 1.1 MB compiler once and keeps it, so only the first
/// compile on a context pays for loading it. Errors become diagnostics at the `.coffee`
/// file's line and column, and the result's `lineMap` maps each output line back to its
/// `.coffee` line (from the compiler's own source map).
///
/// ```swift
/// let result = CoffeeScriptCompiler.standard.compile(
///     SourceFile(path: "app/shared/calculate.coffee", text: "exports.double = (x) -> 2 * x\n"))
/// result.output   // "exports.double = function(x) {\n  return 2 * x;\n};\n"
/// ```
public final class CoffeeScriptCompiler: Sendable {
    /// Where Debian's `coffeescript` package puts the browser compiler.
    public static let debianCompilerPath =
        "/usr/share/nodejs/coffeescript/lib/coffeescript-browser-compiler-modern/coffeescript.js"
    /// The Debian package to install when the compiler is missing.
    public static let debianPackage = "coffeescript"
    /// The process-wide compiler at `debianCompilerPath`.
    public static let standard = CoffeeScriptCompiler()

    /// The compiler script this instance loads.
    public let compilerPath: String
    private let pool: ScriptContextPool

    /// - Parameter compilerPath: the browser compiler script (tests point it elsewhere).
    public init(compilerPath: String = CoffeeScriptCompiler.debianCompilerPath) {
        self.compilerPath = compilerPath
        let path = compilerPath
        // Each context holds the compiler (about 6 MB); a few stay loaded between builds.
        let idle = min(4, ProcessInfo.processInfo.activeProcessorCount)
        pool = ScriptContextPool(
            maximumIdle: idle, timeLimit: 30,
            setup: { context in
                try context.evaluate(try CoffeeScriptCompiler.loadableSource(path: path), sourceURL: path)
                try context.evaluate(CoffeeScriptCompiler.bridge, sourceURL: "coffeescript-bridge.js")
            })
    }

    /// True when the compiler script exists.
    public var isAvailable: Bool { FileManager.default.isReadableFile(atPath: compilerPath) }

    /// True for paths the build compiles as CoffeeScript (`.coffee`, `.litcoffee`).
    public static func isCoffeeScript(_ path: String) -> Bool {
        let ext = PathUtil.pathExtension(path).lowercased()
        return ext == "coffee" || ext == "litcoffee"
    }

    /// Compiles one file.
    /// - Parameter bare: without the top-level safety wrapper (`(function(){ ... }).call(this)`);
    ///   the build's module wrapper already gives each file its own scope.
    public func compile(_ file: SourceFile, bare: Bool = true) -> CompileResult {
        compileWithReply(file, bare: bare, map: false).result
    }

    func compileWithReply(_ file: SourceFile, bare: Bool, map: Bool) -> (result: CompileResult, reply: Reply?) {
        let options = Options(
            bare: bare, filename: file.path,
            literate: PathUtil.pathExtension(file.path).lowercased() == "litcoffee", map: map)
        let reply: Reply
        do {
            reply = try pool.withContext { context in
                try context.call(
                    "__ssCoffee", arguments: [file.text, options], as: Reply.self,
                    sourceURL: file.path)
            }
        } catch let error as CoffeeScriptCompiler.Missing {
            return (
                CompileResult(
                    output: "",
                    diagnostics: [
                        Diagnostic(.error, id: .coffeeMissingCompiler, message: error.description, path: file.path)
                    ], dependencies: [file.path]), nil
            )
        } catch {
            return (
                CompileResult(
                    output: "",
                    diagnostics: [
                        Diagnostic(
                            .error, id: .coffeeCompilerFailed, message: "the CoffeeScript compiler failed: \(error)",
                            path: file.path)
                    ], dependencies: [file.path]), nil
            )
        }
        if let failure = reply.error {
            return (
                CompileResult(output: "", diagnostics: [diagnostic(failure, in: file)], dependencies: [file.path]),
                reply
            )
        }
        let lineMap = (reply.lines ?? []).enumerated().compactMap { index, position -> LineMapping? in
            guard let position, position.count == 2 else { return nil }
            return LineMapping(
                outputLine: index, sourcePath: file.path, sourceLine: position[0] + 1,
                sourceColumn: position[1] + 1)
        }
        return (CompileResult(output: reply.js ?? "", dependencies: [file.path], lineMap: lineMap), reply)
    }

    /// Compiles `text` as a snippet (for view filters); throws a readable error.
    public func compileSnippet(_ text: String, bare: Bool, name: String = "filter.coffee") throws -> String {
        let result = compile(SourceFile(path: name, text: text), bare: bare)
        if let error = result.diagnostics.first(where: { $0.severity == .error }) {
            let line = error.range.map { "line \($0.start.line): " } ?? ""
            throw SnippetError(message: line + error.message)
        }
        return result.output
    }

    private func diagnostic(_ failure: Reply.Failure, in file: SourceFile) -> Diagnostic {
        guard let line = failure.line else {
            return Diagnostic(.error, id: .coffeeSyntax, message: failure.message, file: file)
        }
        let start = location(in: file, line: line, utf16Column: failure.column ?? 0)
        var range = SourceRange(at: start)
        if let lastLine = failure.lastLine, let lastColumn = failure.lastColumn,
            lastLine > line || (lastLine == line && lastColumn >= (failure.column ?? 0))
        {
            range.end = location(in: file, line: lastLine, utf16Column: lastColumn + 1)
        }
        return Diagnostic(.error, id: .coffeeSyntax, message: failure.message, file: file, range: range)
    }

    /// The compiler counts 0-based lines and UTF-16 columns (JavaScript string indices);
    /// diagnostics count 1-based lines and characters.
    private func location(in file: SourceFile, line: Int, utf16Column: Int) -> SourceLocation {
        var units = 0
        var characters = 0
        for scalar in file.line(line + 1).unicodeScalars where units < utf16Column {
            units += scalar.utf16.count
            characters += 1
        }
        return file.location(line: line + 1, column: characters + max(0, utf16Column - units) + 1)
    }
}
