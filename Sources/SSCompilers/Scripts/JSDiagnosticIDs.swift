/// Stable diagnostic IDs of the JavaScript tools. Never reuse or renumber an ID.
extension DiagnosticID {
    /// A string literal has no closing quote before the end of the line.
    public static let jsUnterminatedString = DiagnosticID("JS0001")
    /// A block comment has no closing `*/`.
    public static let jsUnterminatedComment = DiagnosticID("JS0002")
    /// A template literal has no closing backtick.
    public static let jsUnterminatedTemplate = DiagnosticID("JS0003")
    /// A regular expression literal has no closing `/` before the end of the line.
    public static let jsUnterminatedRegex = DiagnosticID("JS0004")
    /// A character that cannot start any token.
    public static let jsUnexpectedCharacter = DiagnosticID("JS0005")
    /// A closing bracket without its opener, or an opener never closed.
    public static let jsUnbalancedBracket = DiagnosticID("JS0006")
    /// A malformed numeric literal (`0x`, `1_`, `3in`).
    public static let jsInvalidNumber = DiagnosticID("JS0007")
    /// The parser expected something else here.
    public static let jsUnexpectedToken = DiagnosticID("JS0010")
    /// Brackets or expressions nested deeper than the parser allows.
    public static let jsNestingTooDeep = DiagnosticID("JS0011")
    /// An invalid assignment target (`1 = a`, `a + b = c`).
    public static let jsInvalidAssignmentTarget = DiagnosticID("JS0012")
    /// A statement that is only valid in some contexts (`break` outside a loop, `return` at top level).
    public static let jsMisplacedStatement = DiagnosticID("JS0013")
    /// Too many errors: the checker stopped reporting.
    public static let jsTooManyErrors = DiagnosticID("JS0099")
}
