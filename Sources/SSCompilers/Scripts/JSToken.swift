/// The kinds of token the JavaScript lexer produces.
///
/// Template literals are split at their substitutions: `` `a${x}b${y}c` `` lexes as
/// `templateHead` (`` `a${ ``), `x`, `templateMiddle` (`}b${`), `y`, `templateTail` (`` }c` ``).
public enum JSTokenKind: UInt8, Sendable {
    case identifier
    case privateName
    case number
    case string
    case template
    case templateHead
    case templateMiddle
    case templateTail
    case regex
    case punctuator
    case eof
}

/// A punctuator, after longest-match lexing.
public enum JSPunct: UInt8, Sendable {
    case none
    case lbrace, rbrace, lparen, rparen, lbracket, rbracket
    case dot, ellipsis, semicolon, comma
    case lt, gt, le, ge, eq2, ne, eq3, ne2
    case plus, minus, star, slash, percent, star2, plus2, minus2
    case shl, sar, shr, amp, pipe, caret, bang, tilde, amp2, pipe2, question2
    case question, questionDot, colon, assign, arrow
    case plusAssign, minusAssign, starAssign, slashAssign, percentAssign, star2Assign
    case shlAssign, sarAssign, shrAssign, ampAssign, pipeAssign, caretAssign
    case amp2Assign, pipe2Assign, question2Assign
    case at, hash
}

/// Facts about an identifier that the token-level minifier and the regex heuristic need.
public struct JSWordFlags: OptionSet, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// A keyword after which an expression starts (`return`, `typeof`, ...): `/` there is a regex.
    public static let beforeExpression = JSWordFlags(rawValue: 1)
    /// A keyword that can never be the last token of a statement (`var`, `if`, `new`, ...).
    public static let cannotEnd = JSWordFlags(rawValue: 2)
    /// A word followed by a restricted production (`return`, `throw`, `yield`, `async`, ...).
    public static let restricted = JSWordFlags(rawValue: 4)
    /// A reserved word (cannot be a binding name).
    public static let reserved = JSWordFlags(rawValue: 8)
}

/// One token: its kind, its UTF-8 byte range in the source, and whether a line
/// terminator (in whitespace or inside a comment) came before it.
public struct JSToken: Sendable {
    public var kind: JSTokenKind
    public var punct: JSPunct
    public var flags: JSWordFlags
    public var newlineBefore: Bool
    public var start: Int
    public var end: Int

    public init(kind: JSTokenKind, punct: JSPunct = .none, flags: JSWordFlags = [], newlineBefore: Bool,
                start: Int, end: Int) {
        self.kind = kind
        self.punct = punct
        self.flags = flags
        self.newlineBefore = newlineBefore
        self.start = start
        self.end = end
    }
}

/// A comment the minifier keeps: `/*! ... */`, or one mentioning `@license` or `@preserve`.
public struct JSComment: Sendable {
    public var start: Int
    public var end: Int
    public var isLine: Bool
}
