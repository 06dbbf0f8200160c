import Foundation
import SSCompilers
import SSScript

/// Renders Pug/Jade views to HTML: compiles a template with `PugCompiler` and runs the
/// render function in JavaScriptCore with the locals. The browser runs the very same
/// function for client templates, so both produce the same HTML by construction.
///
/// ```swift
/// let renderer = ViewRenderer()
/// let result = renderer.render(SourceFile(path: "app/views/app.jade", text: "p= title"),
///                              localsJSON: #"{"title":"Chat"}"#, resolver: resolver)
/// result.output   // "<p>Chat</p>"
/// ```
public struct ViewRenderer: Sendable {
    public let options: PugOptions

    /// Contexts with the Pug runtime loaded, shared by every renderer in the process.
    public static let pool = ScriptContextPool(setup: { context in
        try context.evaluate(PugRuntime.source, sourceURL: "pug-runtime.js")
    })

    public init(options: PugOptions = PugOptions()) {
        var options = options
        MarkdownFilter.install(into: &options)
        ScriptFilters.installCoffeeScript(into: &options)
        self.options = options
    }

    /// Renders a template to HTML with JSON locals; diagnostics point at the template file:line:col.
    public func render(_ file: SourceFile, localsJSON: String, resolver: any SourceResolver) -> CompileResult {
        run(PugCompiler(options: options).compileClient(file, resolver: resolver), of: file, localsJSON: localsJSON,
            resolver: resolver)
    }

    /// Runs a template `file` already compiled with these options (`compileClient`) with
    /// JSON locals: the HTML, with the compile's dependencies and diagnostics.
    ///
    /// ```swift
    /// let compiled = PugCompiler(options: renderer.options).compileClient(file, resolver: resolver)
    /// renderer.run(compiled, of: file, localsJSON: "{}", resolver: resolver).output   // "<p>…</p>"
    /// ```
    public func run(_ compiled: CompileResult, of file: SourceFile, localsJSON: String,
                    resolver: any SourceResolver) -> CompileResult {
        var compiled = compiled
        guard !compiled.hasErrors else { return compiled }
        // A byte scan that stops at the first `{`: the page's locals run to hundreds of kilobytes.
        let blank = localsJSON.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        let locals = blank ? "{}" : localsJSON
        do {
            let html = try Self.pool.withContext { context in
                try context.callString(compiled.output, argumentsJSON: [locals], sourceURL: file.path + ".js")
            }
            compiled.output = html
        } catch let error as ScriptError {
            compiled.output = ""
            compiled.diagnostics.append(diagnostic(for: error, file: file, resolver: resolver))
        } catch {
            compiled.output = ""
            compiled.diagnostics.append(Diagnostic(.error, id: .pugRenderFailed, message: "\(error)", file: file))
        }
        return compiled
    }

    private func diagnostic(for error: ScriptError, file: SourceFile, resolver: any SourceResolver) -> Diagnostic {
        var message = error.message
        switch error.kind {
        case .timeout: message = "rendering did not finish: " + error.message
        case .engine: message = "cannot render: " + error.message
        case .exception: message = "JavaScript error while rendering: " + error.message
        }
        guard let line = error.details["pugLine"].flatMap({ Int($0) }) else {
            return Diagnostic(.error, id: .pugRenderFailed, message: message, file: file)
        }
        let path = error.details["pugFile"] ?? file.path
        let source: SourceFile
        if path == file.path {
            source = file
        } else if let text = resolver.readText(path) {
            source = SourceFile(path: path, text: text)
        } else {
            return Diagnostic(.error, id: .pugRenderFailed, message: message, path: path)
        }
        let lineText = source.line(line)
        let column = (lineText.firstIndex { $0 != " " && $0 != "\t" }).map { lineText.distance(from: lineText.startIndex, to: $0) + 1 } ?? 1
        return Diagnostic.error(.pugRenderFailed, message, in: source, at: source.location(line: line, column: column))
    }
}
