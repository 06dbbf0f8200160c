/// Stable diagnostic IDs of the Stylus compiler.
///
/// ```swift
/// result.diagnostics.first?.id == .styParse   // "STY0001"
/// ```
extension DiagnosticID {
    /// Syntax error (unexpected token, unbalanced braces, bad indentation).
    public static let styParse = DiagnosticID("STY0001")
    /// Evaluation error (bad operands, undefined property access, ...).
    public static let styEvaluation = DiagnosticID("STY0002")
    /// An `@import`/`@require` file could not be found or read.
    public static let styImport = DiagnosticID("STY0003")
    /// An `@import` cycle.
    public static let styImportCycle = DiagnosticID("STY0004")
    /// Runaway recursion or nesting beyond the depth limit.
    public static let styRecursion = DiagnosticID("STY0005")
    /// Wrong or missing arguments to a mixin, function or built-in.
    public static let styArguments = DiagnosticID("STY0006")
    /// `@extend` of a selector that does not exist.
    public static let styExtend = DiagnosticID("STY0007")
    /// `error()` called by the stylesheet.
    public static let styUserError = DiagnosticID("STY0008")
    /// A feature that needs JavaScript or is otherwise not supported (`use()`).
    public static let styUnsupported = DiagnosticID("STY0009")
    /// A `warn()` call (severity warning).
    public static let styWarning = DiagnosticID("STY0010")
}
