/// JavaScript tools for the asset pipeline: minification and build-time syntax checks.
///
/// ```swift
/// let file = SourceFile(path: "lib/client/1.jquery.js", text: source)
/// let result = JavaScript.minify(file)
/// if result.hasErrors { print(result.diagnostics.map { $0.rendered() }) } else { write(result.output) }
/// ```
public enum JavaScript {
    /// Minifies a script. On a syntax error the result has error diagnostics and the output is the input unchanged.
    public static func minify(_ file: SourceFile, options: JSMinifyOptions = JSMinifyOptions()) -> CompileResult {
        let stream = JSTokenStream(file: file)
        if stream.diagnostics.containsErrors {
            return CompileResult(output: file.text, diagnostics: stream.diagnostics)
        }
        return CompileResult(output: JSTokenMinifier.minify(stream), diagnostics: stream.diagnostics)
    }

    /// Syntax check only (build-time error reporting).
    public static func check(_ file: SourceFile) -> [Diagnostic] {
        JSTokenStream(file: file).diagnostics
    }
}
