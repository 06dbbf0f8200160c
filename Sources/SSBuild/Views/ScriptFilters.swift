import Foundation
import SSCompilers
import SSScript

/// Custom Pug filters written in JavaScript: each `NAME.js` in a folder defines the
/// filter `:NAME` as `module.exports = function (text, options) { return … }` (or a
/// bare function expression). They run in JavaScriptCore, like templates, so a filter
/// behaves the same at build time as anywhere else. Apps keep them in `app/filters/`.
///
/// ```swift
/// var options = PugOptions()
/// options.filters.merge(ScriptFilters.load(directory: "app/filters", resolver: resolver)) { a, _ in a }
/// ```
public enum ScriptFilters {
    static let pool = ScriptContextPool(timeLimit: 10)

    public static func load(directory: String, resolver: any SourceResolver)
        -> [String: @Sendable (String, [String: String]) throws -> String]
    {
        var filters: [String: @Sendable (String, [String: String]) throws -> String] = [:]
        for name in resolver.contentsOfDirectory(directory) ?? [] where name.hasSuffix(".js") {
            let path = directory + "/" + name
            guard let source = resolver.readText(path) else { continue }
            filters[String(name.dropLast(3))] = filter(source: source, path: path)
        }
        return filters
    }

    /// One filter from its source. The wrapper gives the file CommonJS `module`/`exports`.
    public static func filter(source: String, path: String) -> @Sendable (String, [String: String]) throws -> String {
        let trimmed = source.trimmingCharacters(in: .whitespacesAndNewlines)
        let body = trimmed.hasPrefix("function") ? "module.exports = (" + trimmed + ");" : source
        let function = "(function (text, options) { var module = { exports: {} }, exports = module.exports;\n"
            + body + "\n;var f = typeof module.exports === 'function' ? module.exports : exports.filter;"
            + " if (typeof f !== 'function') { throw new Error('" + path.replacingOccurrences(of: "'", with: "")
            + " must export a function (text, options)'); } return String(f(text, options)); })"
        return { text, options in
            let arguments = [try json(text), try json(options)]
            return try pool.withContext { context in
                try context.callString(function, argumentsJSON: arguments, sourceURL: path)
            }
        }
    }

    /// Adds `:coffee-script` (alias `:coffeescript`) and `:coffee`, compiled with
    /// `CoffeeScriptCompiler.standard`. Like Pug's CoffeeScript filter, the output keeps the
    /// top-level function wrapper unless the filter says `bare=true`, since inline page
    /// scripts share one global scope.
    ///
    /// ```pug
    /// script
    ///   :coffee-script
    ///     square = (x) -> x * x
    /// ```
    public static func installCoffeeScript(into options: inout PugOptions) {
        let compile: @Sendable (String, [String: String]) throws -> String = { text, attributes in
            let bare = attributes["bare"].map { $0 == "true" || $0 == "bare" } ?? false
            return try CoffeeScriptCompiler.standard.compileSnippet(text, bare: bare,
                                                                    name: attributes["filename"] ?? "filter.coffee")
        }
        for name in ["coffee-script", "coffee"] where options.filters[name] == nil {
            options.filters[name] = compile
        }
    }

    private static func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }
}
