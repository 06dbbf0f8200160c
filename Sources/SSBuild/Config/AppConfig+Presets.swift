import SSCompilers

extension AppConfig {
    /// The environments with a built-in preset.
    public static let presetNames = ["development", "staging", "production"]

    /// Defaults of every key. An environment without a preset (`test`, `ci`, ...) gets
    /// exactly these: release-like assets, but bound to localhost and with info logging.
    /// `redis` is absent: stores stay in memory unless configured.
    static let baseDefaultsJSON = """
        {
          "port": 3000,
          "host": "127.0.0.1",
          "log": { "level": 3 },
          "assets": { "minify": true, "compress": ["gzip", "brotli"], "sourceMaps": false, "keepReleases": 2 },
          "api": { "enabled": true, "prefix": "/api" },
          "session": { "idleTimeout": 86400, "cookieName": "session_id" },
          "limiter": { "enabled": false, "rps": 15, "burst": 30 },
          "ssl": { "enabled": false, "cert": null, "key": null, "redirectPort": null },
          "rpc": { "checkContract": true },
          "views": { "locals": {} },
          "server": { "sdk": null, "enabled": true }
        }
        """

    /// What each preset changes on top of the base defaults.
    static let presetJSON: [String: String] = [
        // Fast rebuilds, readable output, detailed errors; reachable only from this machine.
        "development": """
        { "assets": { "minify": false, "compress": [], "sourceMaps": true } }
        """,
        // Production's output with development's diagnostics, to rehearse a deploy.
        "staging": """
        { "host": "0.0.0.0", "assets": { "sourceMaps": true }, "limiter": { "enabled": true } }
        """,
        // Serve the world: all interfaces, errors only, rate limiting on, no contract checks.
        "production": """
        { "host": "0.0.0.0", "log": { "level": 1 }, "limiter": { "enabled": true },
          "rpc": { "checkContract": false } }
        """,
    ]

    /// The base defaults merged with the preset of `env` (if it has one).
    static func presetNode(for env: String) -> ConfigNode {
        let base = parsePreset("defaults", baseDefaultsJSON)
        guard let text = presetJSON[env] else { return base }
        return base.merged(with: parsePreset(env, text))
    }

    private static func parsePreset(_ name: String, _ text: String) -> ConfigNode {
        let file = SourceFile(path: "<preset \(name)>", text: text)
        guard var node = try? ConfigJSONParser.parse(file) else {
            preconditionFailure("built-in preset '\(name)' is not valid JSON")
        }
        node.relabel(ConfigOrigin(source: .preset(name)))
        return node
    }
}

extension ConfigNode {
    /// Replaces every origin in the tree (presets point at no file).
    mutating func relabel(_ origin: ConfigOrigin) {
        self.origin = origin
        if keyOrigin != nil { keyOrigin = origin }
        switch value {
        case .object(var members):
            for key in Array(members.keys) { members[key]!.relabel(origin) }
            value = .object(members)
        case .array(var items):
            for index in items.indices { items[index].relabel(origin) }
            value = .array(items)
        default:
            break
        }
    }
}
