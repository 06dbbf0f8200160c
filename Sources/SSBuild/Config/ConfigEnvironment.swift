import SSCompilers

/// Turns `SS_*` environment variables into a config layer.
///
/// - `SS_PORT`, `SS_HOST`: `port`, `host` (applied last, so they win).
/// - `SS_CONFIG_<PATH>`: any key. Path segments are separated by `__`; inside a segment,
///   `_` separates words of a camelCase key. `SS_CONFIG_ASSETS__KEEP_RELEASES=3` sets
///   `assets.keepReleases`, `SS_CONFIG_LOG__LEVEL=4` sets `log.level`.
/// - Values are text that takes the type of the key they set (`4000` for a number,
///   `true`/`false`/`1`/`0` for a boolean, `null` to unset an optional). A value starting
///   with `{` or `[` is parsed as JSON: `SS_CONFIG_VIEWS__LOCALS={"title":"Chat"}`.
/// - `SS_ENV` picks the environment and is not a config key. Other `SS_` variables are ignored.
///
/// ```swift
/// let layer = try ConfigEnvironment.layer(["SS_CONFIG_API__PREFIX": "/rpc", "SS_PORT": "8080"])
/// ```
public enum ConfigEnvironment {
    public static let configPrefix = "SS_CONFIG_"

    /// Variables with a fixed meaning, applied after the generic ones.
    public static let shortcuts: [(variable: String, path: [String])] = [("SS_PORT", ["port"]), ("SS_HOST", ["host"])]

    /// The layer made of the relevant variables; nil when there are none.
    public static func layer(_ environment: [String: String]) throws(ConfigError) -> ConfigNode? {
        var layer: ConfigNode?
        var problems: [Diagnostic] = []
        var assignments: [(variable: String, path: [String])] = []
        for name in environment.keys.sorted() where name.hasPrefix(configPrefix) {
            let origin = ConfigOrigin(source: .environmentVariable(name))
            guard let path = keyPath(fromVariable: name) else {
                problems.append(
                    origin.diagnostic(
                        .configInvalidValue, "cannot read a key path from '\(name)'",
                        notes: ["write SS_CONFIG_SECTION__KEY_NAME, e.g. SS_CONFIG_ASSETS__KEEP_RELEASES=3"]))
                continue
            }
            assignments.append((name, path))
        }
        for shortcut in shortcuts where environment[shortcut.variable] != nil { assignments.append(shortcut) }

        for (name, path) in assignments {
            let origin = ConfigOrigin(source: .environmentVariable(name))
            do {
                var node = try value(environment[name] ?? "", variable: name)
                node.keyOrigin = origin
                for key in path.reversed() {
                    node = ConfigNode(.object([key: node]), origin: origin, keyOrigin: origin)
                }
                layer = layer.map { $0.merged(with: node) } ?? node
            } catch {
                problems.append(error)
            }
        }
        guard problems.isEmpty else { throw ConfigError(problems) }
        return layer
    }

    /// `SS_CONFIG_ASSETS__KEEP_RELEASES` -> `["assets", "keepReleases"]`; nil when malformed.
    public static func keyPath(fromVariable name: String) -> [String]? {
        guard name.hasPrefix(configPrefix) else { return nil }
        let rest = name.dropFirst(configPrefix.count)
        var path: [String] = []
        for segment in rest.split(separator: "__", omittingEmptySubsequences: false).map(String.init) {
            let words = segment.split(separator: "_", omittingEmptySubsequences: false)
            guard !segment.isEmpty, !words.contains(where: \.isEmpty),
                segment.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
            else { return nil }
            let camel = words.enumerated().map { index, word in
                index == 0 ? word.lowercased() : word.prefix(1).uppercased() + word.dropFirst().lowercased()
            }
            path.append(camel.joined())
        }
        return path.isEmpty ? nil : path
    }

    private static func value(_ text: String, variable: String) throws(Diagnostic) -> ConfigNode {
        let origin = ConfigOrigin(source: .environmentVariable(variable))
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        guard trimmed.hasPrefix("{") || trimmed.hasPrefix("[") else {
            return ConfigNode(.untyped(text), origin: origin)
        }
        var node = try ConfigJSONParser.parse(SourceFile(path: "environment variable \(variable)", text: text))
        node.relabel(origin)
        return node
    }
}
