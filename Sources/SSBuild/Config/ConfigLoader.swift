import SSCompilers

/// Loads an app's configuration. Pure: files come through a `SourceResolver`, variables
/// from the dictionary you pass, so tests need no disk and no process environment.
///
/// Layers, later ones winning (objects merge key by key, anything else replaces):
/// 1. the built-in defaults and the preset of the environment (`AppConfig+Presets.swift`)
/// 2. `config/app.json`, `config/app.yml` or `config/app.yaml` (at most one of them)
/// 3. `config/environments/<env>.json|yml|yaml` (at most one)
/// 4. `SS_CONFIG_*`, `SS_PORT`, `SS_HOST` (see `ConfigEnvironment`)
///
/// The environment is `--env` (the `env` argument), else `SS_ENV`, else `development`.
/// It must match `[a-z0-9_-]+`, and a name other than the presets needs its own file
/// (so `--env prodution` is an error, not a silent fallback).
///
/// ```swift
/// let config = try ConfigLoader.load(
///     projectRoot: "/srv/chat", env: nil,
///     environment: ProcessInfo.processInfo.environment, resolver: DiskResolver())
/// ```
public struct ConfigLoader: Sendable {
    public let resolver: any SourceResolver
    public let environment: [String: String]

    public init(resolver: any SourceResolver, environment: [String: String]) {
        self.resolver = resolver
        self.environment = environment
    }

    /// Loads the configuration of the project at `projectRoot` for `env` (or `SS_ENV`).
    public static func load(
        projectRoot: String, env: String?, environment: [String: String], resolver: any SourceResolver
    ) throws(ConfigError) -> AppConfig {
        try ConfigLoader(resolver: resolver, environment: environment).load(projectRoot: projectRoot, env: env)
    }

    /// Loads the configuration; see the type's documentation.
    public func load(projectRoot: String, env flag: String? = nil) throws(ConfigError) -> AppConfig {
        let (envName, envOrigin) = try Self.environmentName(flag: flag, environment: environment)

        var diagnostics: [Diagnostic] = []
        var files: [ConfigNode] = []
        for stem in ["config/app", "config/environments/\(envName)"] {
            do {
                if let node = try readLayer(projectRoot: projectRoot, stem: stem) { files.append(node) }
            } catch {
                diagnostics += error.diagnostics
            }
        }
        if diagnostics.isEmpty, !AppConfig.presetNames.contains(envName),
            !files.contains(where: { Self.isEnvironmentFile($0) })
        {
            let known = AppConfig.presetNames + environmentFileNames(projectRoot: projectRoot)
            let suggestion = ConfigSuggestion.closest(to: envName, among: known)
            diagnostics.append(
                envOrigin.diagnostic(
                    .configUnknownEnvironment,
                    "unknown environment '\(envName)': no built-in preset and no "
                        + "config/environments/\(envName).{json,yml}",
                    notes: suggestion.map { ["did you mean '\($0)'?"] } ?? [
                        "create config/environments/\(envName).json (it may be just {}) to define it"
                    ]))
        }
        var layers = files
        do {
            if let variables = try ConfigEnvironment.layer(environment) { layers.append(variables) }
        } catch {
            diagnostics += error.diagnostics
        }
        for layer in layers {
            if let envNode = layer.object?["env"] {
                diagnostics.append(
                    (envNode.keyOrigin ?? envNode.origin).diagnostic(
                        .configInvalidValue, "'env' cannot be set in configuration; use --env or SS_ENV"))
            }
        }
        guard diagnostics.isEmpty else { throw ConfigError(diagnostics) }

        var tree = AppConfig.presetNode(for: envName)
        for layer in layers { tree = tree.merged(with: layer) }
        if case .object(var members) = tree.value {
            members["env"] = ConfigNode(.string(envName), origin: envOrigin, keyOrigin: envOrigin)
            tree.value = .object(members)
        }
        return try Self.decode(tree)
    }

    /// Decodes a merged tree and runs the unknown-key and value checks.
    static func decode(_ tree: ConfigNode) throws(ConfigError) -> AppConfig {
        let decoder = ConfigDecoder(root: tree)
        let config: AppConfig
        do {
            config = try decoder.decode(AppConfig.self)
        } catch {
            throw ConfigError([error.diagnostic])
        }
        let problems =
            decoder.unknownKeys()
            + config.validationProblems().map { problem in
                (tree.node(at: problem.path) ?? tree).origin.diagnostic(problem.id, problem.message)
            }
        guard problems.isEmpty else { throw ConfigError(problems) }
        return config
    }

    /// The environment name and where it came from.
    public static func environmentName(
        flag: String?, environment: [String: String]
    ) throws(ConfigError) -> (name: String, origin: ConfigOrigin) {
        let name: String
        let origin: ConfigOrigin
        if let flag {
            (name, origin) = (flag, ConfigOrigin(source: .flag("--env")))
        } else if let variable = environment["SS_ENV"], !variable.isEmpty {
            (name, origin) = (variable, ConfigOrigin(source: .environmentVariable("SS_ENV")))
        } else {
            (name, origin) = ("development", ConfigOrigin(source: .preset("development")))
        }
        guard isValidEnvironmentName(name) else {
            throw ConfigError([
                origin.diagnostic(
                    .configInvalidEnvironmentName,
                    "invalid environment name '\(name)': use lowercase letters, digits, '_' and '-'")
            ])
        }
        return (name, origin)
    }

    /// True for `[a-z0-9_-]+`, at most 64 characters.
    public static func isValidEnvironmentName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64
            && name.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
            }
    }

    /// The files that can affect the configuration of `env` (existing or not), relative to
    /// the project root: what a watcher should watch.
    public static func candidateFiles(env: String) -> [String] {
        ["config/app", "config/environments/\(env)"].flatMap { stem in extensions.map { "\(stem).\($0)" } }
    }

    static let extensions = ["json", "yml", "yaml"]
}
