/// Wraps one app/client or app/shared file into its own function scope and registers it
/// in the `SS` API tree, in every environment (0.0.55 skipped the wrapper in production,
/// spec A21, which leaked private variables and broke `exports.`).
///
/// The wrapper keeps the file's text on its own lines, so line `n` of the source is line
/// `n + 1` of the wrapped module (source maps and browser errors rely on that).
///
/// ```swift
/// ModuleWrapper.wrap("exports.square = function (n) { return n * n }",
///                    tree: .client, namespace: ["math"])
/// // SS.define("client","math",function(require,module,exports){
/// // exports.square = function (n) { return n * n }
/// // });
/// ```
public enum ModuleWrapper {
    /// The two public API trees a file can belong to.
    public enum Tree: String, Sendable, CaseIterable {
        case client
        case shared
    }

    /// The number of lines the wrapper puts before the file's first line.
    public static let headerLineCount = 1

    public static func wrap(_ source: String, tree: Tree, namespace: [String]) -> String {
        var out = header(tree: tree, namespace: namespace)
        out.reserveCapacity(source.utf8.count + 96)
        out += source
        if !source.hasSuffix("\n") { out += "\n" }
        out += "});\n"
        return out
    }

    /// `SS.define("client","users/online",function(require,module,exports){` and a newline.
    public static func header(tree: Tree, namespace: [String]) -> String {
        "SS.define(\"\(tree.rawValue)\",\(jsonString(namespace.joined(separator: "/")))," +
            "function(require,module,exports){\n"
    }

    /// A JSON/JavaScript double-quoted string literal for `text`.
    public static func jsonString(_ text: String) -> String { JSONText.quoted(text) }
}
