import SSCompilers

extension DiagnosticID {
    /// A CoffeeScript syntax error, at the `.coffee` file's line and column.
    public static let coffeeSyntax = DiagnosticID("COF0001")
    /// The CoffeeScript compiler is not installed (Debian package `coffeescript`).
    public static let coffeeMissingCompiler = DiagnosticID("COF0002")
    /// The compiler itself failed (could not load, ran past the time limit).
    public static let coffeeCompilerFailed = DiagnosticID("COF0003")
}
