/// Minifies CSS without changing what it means: removes comments (except `/*! ... */`)
/// and whitespace, shortens numbers, zero lengths and hex colours, drops the last `;`
/// of a block and empty rules, and merges a rule into the previous one when both have
/// the same selector and nothing stands between them (so the cascade order is kept).
///
/// ```swift
/// CSSMinifier.minify(SourceFile(path: "a.css", text: "a { color: #FFFFFF; margin: 0px }")).output
/// // "a{color:#fff;margin:0}"
/// ```
public enum CSSMinifier {
    /// Minifies a stylesheet. On a syntax error the result has error diagnostics and the output is the input unchanged.
    public static func minify(_ file: SourceFile) -> CompileResult {
        var tokenizer = CSSTokenizer(file: file)
        let tokens = tokenizer.tokenize()
        var writer = CSSMinifyWriter(file: file, bytes: tokenizer.bytes, tokens: tokens)
        writer.run()
        let diagnostics = tokenizer.diagnostics + writer.diagnostics
        if diagnostics.containsErrors {
            return CompileResult(output: file.text, diagnostics: diagnostics)
        }
        return CompileResult(output: String(decoding: writer.out, as: UTF8.self), diagnostics: diagnostics)
    }
}
