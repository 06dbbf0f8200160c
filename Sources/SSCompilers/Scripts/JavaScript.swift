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
        minify(file, options: options, sourceMap: false).result
    }

    /// Minifies a script and maps the output back to `file` (identifiers, with the
    /// original names of renamed ones). On a syntax error the output is the input and
    /// the map is the identity.
    ///
    /// ```swift
    /// let mapped = JavaScript.minifyMapped(SourceFile(path: "lib/client/1.a.js", text: code))
    /// write(mapped.result.output); write(mapped.map.json())
    /// ```
    public static func minifyMapped(_ file: SourceFile, options: JSMinifyOptions = JSMinifyOptions(),
                                    includeContent: Bool = false) -> MappedResult {
        minify(file, options: options, sourceMap: true, includeContent: includeContent)
    }

    /// Like `reprint`, with a source map.
    public static func reprintMapped(_ file: SourceFile, includeContent: Bool = false) -> MappedResult {
        var parser = JSParser(file: file)
        let program = parser.parseProgram()
        if parser.diagnostics.containsErrors {
            return MappedResult(result: CompileResult(output: file.text, diagnostics: parser.diagnostics),
                                map: .identity(path: file.path, text: file.text, includeContent: includeContent))
        }
        var printer = JSPrinter(options: JSPrinter.Options(minify: false, shortenLiterals: false),
                                origins: parser.scopes.references.map(\.offset))
        let output = printer.print(program)
        let map = printer.sourceMap(file: file, source: parser.bytes, includeContent: includeContent)
        return MappedResult(result: CompileResult(output: output, diagnostics: parser.diagnostics,
                                                  lineMap: map.lineMappings),
                            map: map)
    }

    /// Output and its source map.
    public struct MappedResult: Sendable {
        public var result: CompileResult
        public var map: SourceMap
    }

    private static func minify(_ file: SourceFile, options: JSMinifyOptions, sourceMap: Bool,
                               includeContent: Bool = false) -> MappedResult {
        var parser = JSParser(file: file)
        var program = parser.parseProgram()
        if parser.diagnostics.containsErrors {
            return MappedResult(result: CompileResult(output: file.text, diagnostics: parser.diagnostics),
                                map: sourceMap ? .identity(path: file.path, text: file.text,
                                                           includeContent: includeContent) : SourceMap())
        }
        var dropped: Set<Int32> = []
        let parsed = program
        if options.compress {
            var compressor = JSCompressor(scopes: parser.scopes)
            program = compressor.compress(program)
            dropped = compressor.dropped.symbols
        }
        // Freeing the trees and tables is a tenth of the work; do it off this thread.
        defer { JSDeferredRelease.drop((parsed, program, parser)) }
        let renamed = options.mangle
            ? JSRenamer.rename(parser.scopes, skipping: dropped,
                               source: options.frequencyOrderedNames ? parser.bytes : []) : nil
        var printer = JSPrinter(options: JSPrinter.Options(minify: true, shortenLiterals: options.compress),
                                names: renamed?.names ?? [], labelAlphabet: renamed?.alphabet,
                                origins: sourceMap ? parser.scopes.references.map(\.offset) : [],
                                sizeHint: parser.bytes.count / 4 * 3)
        let output = printer.print(program)
        let result = CompileResult(output: output, diagnostics: parser.diagnostics)
        guard sourceMap else { return MappedResult(result: result, map: SourceMap()) }
        let map = printer.sourceMap(file: file, source: parser.bytes, includeContent: includeContent)
        var mapped = MappedResult(result: result, map: map)
        mapped.result.lineMap = map.lineMappings
        return mapped
    }

    /// Prints a script back from its syntax tree, one statement per line, without renaming
    /// or shortening (a round trip through the parser and printer).
    public static func reprint(_ file: SourceFile) -> CompileResult {
        var parser = JSParser(file: file)
        let program = parser.parseProgram()
        if parser.diagnostics.containsErrors {
            return CompileResult(output: file.text, diagnostics: parser.diagnostics)
        }
        var printer = JSPrinter(options: JSPrinter.Options(minify: false, shortenLiterals: false))
        return CompileResult(output: printer.print(program), diagnostics: parser.diagnostics)
    }

    /// The token-level minifier: whitespace and comments only, no parser needed.
    public static func minifyTokens(_ file: SourceFile) -> CompileResult {
        let stream = JSTokenStream(file: file)
        if stream.diagnostics.containsErrors {
            return CompileResult(output: file.text, diagnostics: stream.diagnostics)
        }
        return CompileResult(output: JSTokenMinifier.minify(stream), diagnostics: stream.diagnostics)
    }

    /// Syntax check only (build-time error reporting).
    ///
    /// Lexical errors and unbalanced brackets are reported from the token stream (their
    /// messages point at the opener); otherwise the parser reports up to 20 syntax errors.
    public static func check(_ file: SourceFile) -> [Diagnostic] {
        let lexical = JSTokenStream(file: file).diagnostics
        if lexical.containsErrors { return lexical }
        var parser = JSParser(file: file)
        _ = parser.parseProgram()
        return parser.diagnostics
    }
}
