/// Stable diagnostic IDs of the Pug/Jade view compiler (prefix `VEW`).
extension DiagnosticID {
    /// Text the lexer cannot start any token with.
    public static let pugUnexpectedText = DiagnosticID("VEW0001")
    /// Indentation mixing tabs and spaces, or an outdent to a level never opened.
    public static let pugIndentation = DiagnosticID("VEW0002")
    /// A bracket, string or interpolation that is never closed.
    public static let pugUnclosed = DiagnosticID("VEW0003")
    /// A token the parser did not expect at this place.
    public static let pugUnexpectedToken = DiagnosticID("VEW0004")
    /// An `include`/`extends` whose file cannot be read.
    public static let pugMissingFile = DiagnosticID("VEW0005")
    /// An `include`/`extends` cycle.
    public static let pugCycle = DiagnosticID("VEW0006")
    /// A call of a mixin that is never defined.
    public static let pugUnknownMixin = DiagnosticID("VEW0007")
    /// A filter that is neither built in nor supplied in `PugOptions.filters`.
    public static let pugUnknownFilter = DiagnosticID("VEW0008")
    /// A filter that threw.
    public static let pugFilterFailed = DiagnosticID("VEW0009")
    /// Nesting deeper than the compiler's limit.
    public static let pugTooDeep = DiagnosticID("VEW0010")
    /// Misplaced `extends`, blocks outside an extending template's blocks, and similar.
    public static let pugInvalidStructure = DiagnosticID("VEW0011")
    /// Content inside a self-closing element, duplicate attributes, malformed keywords.
    public static let pugInvalidSyntax = DiagnosticID("VEW0012")
    /// A JavaScript exception thrown while rendering a template.
    public static let pugRenderFailed = DiagnosticID("VEW0020")
}
