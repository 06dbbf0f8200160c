import Foundation
import SSCompilers

/// `ssbuild compile FILE`: one file to stdout, chosen by its extension.
public struct SingleFileCompiler {
    /// Every flag `compile` accepts (the conformance runners pass these).
    public struct Options: Sendable {
        public var compress = false
        public var includePaths: [String] = []
        public var includeCSS = false
        public var prefix = ""
        public var hoistAtRules = false
        public var resolveURL = false
        public var pretty = false
        public var basedir: String?
        public var localsJSON = "{}"
        public var minify = false
        /// Pug: a folder of `NAME.js` custom filters (see `ScriptFilters`).
        public var filterDirectories: [String] = []
        public init() {}
    }

    public let options: Options
    public let resolver: any SourceResolver

    public init(options: Options, resolver: any SourceResolver = DiskResolver()) {
        self.options = options
        self.resolver = resolver
    }

    /// Compiles `path`; the result's output is what goes to stdout.
    public func compile(path: String) -> CompileResult {
        guard let data = resolver.readData(path) else {
            return CompileResult(output: "", diagnostics: [
                Diagnostic(.error, id: .buildIO, message: "cannot read file", path: path)
            ])
        }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let file = SourceFile(path: path, text: text)
        switch PathUtil.pathExtension(path).lowercased() {
        case "styl":
            var stylus = StylusOptions()
            stylus.compress = options.compress
            stylus.includePaths = options.includePaths
            stylus.includeCSS = options.includeCSS
            stylus.prefix = options.prefix
            stylus.hoistAtRules = options.hoistAtRules
            stylus.resolveURL = options.resolveURL
            return StylusCompiler(options: stylus).compile(file, resolver: resolver)
        case "jade", "pug":
            var pug = ViewOptions.standard
            pug.pretty = options.pretty
            pug.basedir = options.basedir
            for directory in options.filterDirectories {
                pug.filters.merge(ScriptFilters.load(directory: directory, resolver: resolver)) { _, new in new }
            }
            return ViewRenderer(options: pug).render(file, localsJSON: options.localsJSON, resolver: resolver)
        case "js", "mjs", "cjs":
            if options.minify { return JavaScript.minify(file) }
            return CompileResult(output: text, diagnostics: JavaScript.check(file), dependencies: [path])
        case "coffee", "litcoffee":
            var compiled = CoffeeScriptCompiler.standard.compile(file)
            if options.minify, !compiled.hasErrors {
                let minified = JavaScript.minify(SourceFile(path: path, text: compiled.output))
                compiled.output = minified.output
                compiled.diagnostics += minified.diagnostics
                compiled.lineMap = []
            }
            return compiled
        case "css":
            if options.minify { return CSSMinifier.minify(file) }
            return CompileResult(output: text, dependencies: [path])
        default:
            return CompileResult(output: "", diagnostics: [
                Diagnostic(.error, id: .buildUnknownFileType,
                           message: "don't know how to compile '.\(PathUtil.pathExtension(path))' files; "
                               + "expected .styl, .jade, .pug, .js, .coffee or .css", path: path)
            ])
        }
    }
}
