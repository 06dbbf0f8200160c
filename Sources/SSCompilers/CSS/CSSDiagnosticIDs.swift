/// Stable diagnostic IDs of the CSS minifier. Never reuse or renumber an ID.
extension DiagnosticID {
    /// A string has no closing quote before the end of the line.
    public static let cssUnterminatedString = DiagnosticID("CSS0001")
    /// A comment has no closing `*/`.
    public static let cssUnterminatedComment = DiagnosticID("CSS0002")
    /// A `}` without an opening `{`, or a `{` never closed.
    public static let cssUnbalancedBrace = DiagnosticID("CSS0003")
}
