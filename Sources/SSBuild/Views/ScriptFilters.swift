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

    private static func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }
}
