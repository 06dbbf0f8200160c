import SSCompilers

/// Stable IDs of configuration diagnostics. Never reuse or renumber one.
extension DiagnosticID {
    /// A config file is not valid JSON or YAML.
    public static let configSyntax = DiagnosticID("CFG0001")
    /// A key that no config section declares.
    public static let configUnknownKey = DiagnosticID("CFG0002")
    /// A value of the wrong type (a string where a number belongs, ...).
    public static let configWrongType = DiagnosticID("CFG0003")
    /// A value of the right type outside its allowed range or set.
    public static let configInvalidValue = DiagnosticID("CFG0004")
    /// An environment name that is not `[a-z0-9_-]+`.
    public static let configInvalidEnvironmentName = DiagnosticID("CFG0005")
    /// A required key is missing.
    public static let configMissingKey = DiagnosticID("CFG0006")
    /// A config file exists but cannot be read as UTF-8 text.
    public static let configUnreadable = DiagnosticID("CFG0007")
    /// Two files for the same layer (`config/app.json` and `config/app.yml`).
    public static let configAmbiguousFile = DiagnosticID("CFG0008")
    /// An environment with neither a built-in preset nor a file of its own (likely a typo).
    public static let configUnknownEnvironment = DiagnosticID("CFG0009")
}
