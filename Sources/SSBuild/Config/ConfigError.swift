import SSCompilers

/// Why the configuration could not be loaded: one or more diagnostics (IDs `CFGnnnn`),
/// each naming the file or variable and the key path.
///
/// ```swift
/// do { _ = try ConfigLoader.load(projectRoot: root, env: nil, environment: env, resolver: r) }
/// catch { print(error) }
/// // config/app.json:3:5: error[CFG0002]: unknown key 'api.prefx'
/// //  ... code frame ...
/// //   = did you mean 'api.prefix'?
/// ```
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// Every diagnostic rendered with its code frame, separated by newlines.
    public var description: String { diagnostics.map { $0.rendered() }.joined(separator: "\n") }
}
