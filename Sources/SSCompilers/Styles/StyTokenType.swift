/// A token type, named as in the reference lexer (`ident`, `indent`, `{`, `&&`, ...)
/// but compared as a small integer: the lookahead-heavy grammar compares types millions
/// of times per stylesheet. String literals still convert (`"ident"`), for readability
/// in cold code; hot code uses the static members.
struct StyTokenType: Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    let code: UInt8

    init(code: UInt8) { self.code = code }

    /// The type named `name`; every name the lexer produces is in the table.
    init(_ name: String) { code = StyTokenType.codes[name] ?? StyTokenType.unknownCode }

    init(stringLiteral name: String) { self.init(name) }

    var name: String { StyTokenType.names[Int(code)] }
    var description: String { name }

    static let names: [String] = [
        "ident", "string", "selector", "function", "comment", "boolean", "space", "color", "unit", "literal",
        "null", "eos", "indent", "outdent", "newline", "__eol", "__again", "keyframes", "extend", "atrule",
        "atblock", "-moz-document", "require", "import", "charset", "namespace", "media", "scope", "supports",
        "return", "if", "else", "unless", "for", "in", "is a", "is defined", "not",
        "{", "}", "(", ")", "[", "]", ";", ",", ".", "..", "...", "&&", "||", "!=", "<=", ">=", "==", "?=",
        ":=", "**", "-", "+", "*", "/", "%", "-=", "+=", "*=", "/=", "%=", "=", "?", ":", "!", "~", "<", ">",
        "&", "[]", "?",
    ]
    /// Stands for a name outside the table (never produced by the lexer).
    static let unknownCode = UInt8(names.count - 1)
    static let codes: [String: UInt8] = {
        var out: [String: UInt8] = [:]
        for (i, n) in names.enumerated().dropLast() where out[n] == nil { out[n] = UInt8(i) }
        return out
    }()

    /// The type named by each one-byte string (`unknownCode` where none is).
    static let ofByte: [StyTokenType] = (0..<256).map { b in
        b < 128 ? StyTokenType(String(UnicodeScalar(UInt8(b)))) : StyTokenType(code: unknownCode)
    }

    static var ident: StyTokenType { StyTokenType(code: 0) }  // ident
    static var string: StyTokenType { StyTokenType(code: 1) }  // string
    static var selector: StyTokenType { StyTokenType(code: 2) }  // selector
    static var function: StyTokenType { StyTokenType(code: 3) }  // function
    static var comment: StyTokenType { StyTokenType(code: 4) }  // comment
    static var boolean: StyTokenType { StyTokenType(code: 5) }  // boolean
    static var space: StyTokenType { StyTokenType(code: 6) }  // space
    static var color: StyTokenType { StyTokenType(code: 7) }  // color
    static var unit: StyTokenType { StyTokenType(code: 8) }  // unit
    static var literal: StyTokenType { StyTokenType(code: 9) }  // literal
    static var null: StyTokenType { StyTokenType(code: 10) }  // null
    static var eos: StyTokenType { StyTokenType(code: 11) }  // eos
    static var indent: StyTokenType { StyTokenType(code: 12) }  // indent
    static var outdent: StyTokenType { StyTokenType(code: 13) }  // outdent
    static var newline: StyTokenType { StyTokenType(code: 14) }  // newline
    static var eol: StyTokenType { StyTokenType(code: 15) }  // __eol
    static var again: StyTokenType { StyTokenType(code: 16) }  // __again
    static var keyframes: StyTokenType { StyTokenType(code: 17) }  // keyframes
    static var extend: StyTokenType { StyTokenType(code: 18) }  // extend
    static var atrule: StyTokenType { StyTokenType(code: 19) }  // atrule
    static var atblock: StyTokenType { StyTokenType(code: 20) }  // atblock
    static var mozDocument: StyTokenType { StyTokenType(code: 21) }  // -moz-document
    static var require: StyTokenType { StyTokenType(code: 22) }  // require
    static var importKw: StyTokenType { StyTokenType(code: 23) }  // import
    static var charset: StyTokenType { StyTokenType(code: 24) }  // charset
    static var namespace: StyTokenType { StyTokenType(code: 25) }  // namespace
    static var media: StyTokenType { StyTokenType(code: 26) }  // media
    static var scope: StyTokenType { StyTokenType(code: 27) }  // scope
    static var supports: StyTokenType { StyTokenType(code: 28) }  // supports
    static var returnKw: StyTokenType { StyTokenType(code: 29) }  // return
    static var ifKw: StyTokenType { StyTokenType(code: 30) }  // if
    static var elseKw: StyTokenType { StyTokenType(code: 31) }  // else
    static var unless: StyTokenType { StyTokenType(code: 32) }  // unless
    static var forKw: StyTokenType { StyTokenType(code: 33) }  // for
    static var inKw: StyTokenType { StyTokenType(code: 34) }  // in
    static var isA: StyTokenType { StyTokenType(code: 35) }  // is a
    static var isDefined: StyTokenType { StyTokenType(code: 36) }  // is defined
    static var not: StyTokenType { StyTokenType(code: 37) }  // not
    static var lbrace: StyTokenType { StyTokenType(code: 38) }  // {
    static var rbrace: StyTokenType { StyTokenType(code: 39) }  // }
    static var lparen: StyTokenType { StyTokenType(code: 40) }  // (
    static var rparen: StyTokenType { StyTokenType(code: 41) }  // )
    static var lbracket: StyTokenType { StyTokenType(code: 42) }  // [
    static var rbracket: StyTokenType { StyTokenType(code: 43) }  // ]
    static var semicolon: StyTokenType { StyTokenType(code: 44) }  // ;
    static var comma: StyTokenType { StyTokenType(code: 45) }  // ,
    static var dot: StyTokenType { StyTokenType(code: 46) }  // .
    static var dotDot: StyTokenType { StyTokenType(code: 47) }  // ..
    static var dotDotDot: StyTokenType { StyTokenType(code: 48) }  // ...
    static var and: StyTokenType { StyTokenType(code: 49) }  // &&
    static var or: StyTokenType { StyTokenType(code: 50) }  // ||
    static var notEq: StyTokenType { StyTokenType(code: 51) }  // !=
    static var lte: StyTokenType { StyTokenType(code: 52) }  // <=
    static var gte: StyTokenType { StyTokenType(code: 53) }  // >=
    static var eq: StyTokenType { StyTokenType(code: 54) }  // ==
    static var qEq: StyTokenType { StyTokenType(code: 55) }  // ?=
    static var colonEq: StyTokenType { StyTokenType(code: 56) }  // :=
    static var pow: StyTokenType { StyTokenType(code: 57) }  // **
    static var minus: StyTokenType { StyTokenType(code: 58) }  // -
    static var plus: StyTokenType { StyTokenType(code: 59) }  // +
    static var star: StyTokenType { StyTokenType(code: 60) }  // *
    static var slash: StyTokenType { StyTokenType(code: 61) }  // /
    static var percent: StyTokenType { StyTokenType(code: 62) }  // %
    static var minusEq: StyTokenType { StyTokenType(code: 63) }  // -=
    static var plusEq: StyTokenType { StyTokenType(code: 64) }  // +=
    static var starEq: StyTokenType { StyTokenType(code: 65) }  // *=
    static var slashEq: StyTokenType { StyTokenType(code: 66) }  // /=
    static var percentEq: StyTokenType { StyTokenType(code: 67) }  // %=
    static var assign: StyTokenType { StyTokenType(code: 68) }  // =
    static var question: StyTokenType { StyTokenType(code: 69) }  // ?
    static var colon: StyTokenType { StyTokenType(code: 70) }  // :
    static var bang: StyTokenType { StyTokenType(code: 71) }  // !
    static var tilde: StyTokenType { StyTokenType(code: 72) }  // ~
    static var lt: StyTokenType { StyTokenType(code: 73) }  // <
    static var gt: StyTokenType { StyTokenType(code: 74) }  // >
    static var amp: StyTokenType { StyTokenType(code: 75) }  // &
    static var brackets: StyTokenType { StyTokenType(code: 76) }  // []
}

/// A set of token types as a bit mask (membership tests sit in the parser's lookahead loops).
struct StyTokenTypeSet: ExpressibleByArrayLiteral {
    private var lo: UInt64 = 0
    private var hi: UInt64 = 0

    init(arrayLiteral types: StyTokenType...) {
        for t in types {
            if t.code < 64 { lo |= 1 << UInt64(t.code) } else { hi |= 1 << UInt64(t.code - 64) }
        }
    }

    func contains(_ t: StyTokenType) -> Bool {
        t.code < 64 ? lo & (1 << UInt64(t.code)) != 0 : hi & (1 << UInt64(t.code &- 64)) != 0
    }
}
