/// One token of the Pug lexer. The kinds and their payloads follow `pug-lexer`, so
/// the parser reads like Pug's own.
struct PugToken {
    enum Kind: String {
        case eos, newline, indent, outdent
        case tag, id, className = "class", text, textHtml = "text-html"
        case interpolatedCode = "interpolated-code"
        case startPugInterpolation = "start-pug-interpolation", endPugInterpolation = "end-pug-interpolation"
        case startPipelessText = "start-pipeless-text", endPipelessText = "end-pipeless-text"
        case code, blockCode = "blockcode", comment, doctype, filter
        case startAttributes = "start-attributes", attribute, endAttributes = "end-attributes"
        case andAttributes = "&attributes"
        case mixin, call, mixinBlock = "mixin-block", block, extends, include, path, yield
        case caseKeyword = "case", when, defaultKeyword = "default"
        case ifKeyword = "if", elseIf = "else-if", elseKeyword = "else"
        case each, eachOf, whileKeyword = "while", interpolation, dot, colon = ":", slash
    }

    var kind: Kind
    /// Byte offset of the token's first character in the (normalised) source.
    var offset: Int
    var val: String = ""
    /// For `code` / `interpolated-code`: `=` escapes, `!=` does not; attributes: `=` vs `!=`.
    var mustEscape: Bool = true
    /// For `code`: whether the value is output.
    var buffer: Bool = false
    /// `each` key, `mixin`/`call` arguments, `block` mode.
    var key: String? = nil
    var code: String = ""
    var args: String? = nil
    var mode: String = "replace"
    /// Attribute name; `booleanValue` marks `input(checked)` (Pug's `val === true`).
    var name: String = ""
    var booleanValue: Bool = false

    init(_ kind: Kind, at offset: Int, _ val: String = "") {
        self.kind = kind
        self.offset = offset
        self.val = val
    }
}

/// A compile error raised by the lexer, parser, loader or linker. It is turned into a
/// `Diagnostic` at the API boundary.
struct PugError: Error {
    var id: DiagnosticID
    var message: String
    var path: String
    var offset: Int
    var notes: [String] = []
}
