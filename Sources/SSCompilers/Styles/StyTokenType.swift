/// A token type, named as in the reference lexer (`ident`, `indent`, `{`, `&&`, ...)
/// but compared as a small integer: the lookahead-heavy grammar compares types millions
/// of times per stylesheet. String literals still convert (`"ident"`), for readability
/// in cold code; hot code uses the static members.
/// A set of token types as a bit mask (membership tests sit in the parser's lookahead loops).
struct StyTTSet: ExpressibleByArrayLiteral {
    private var lo: UInt64 = 0
    private var hi: UInt64 = 0

    init(arrayLiteral types: StyTT...) {
        for t in types {
            if t.code < 64 { lo |= 1 << UInt64(t.code) } else { hi |= 1 << UInt64(t.code - 64) }
        }
    }

    func contains(_ t: StyTT) -> Bool {
        t.code < 64 ? lo & (1 << UInt64(t.code)) != 0 : hi & (1 << UInt64(t.code &- 64)) != 0
    }
}

struct StyTT: Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    let code: UInt8

    init(code: UInt8) { self.code = code }

    /// The type named `name`; every name the lexer produces is in the table.
    init(_ name: String) { code = StyTT.codes[name] ?? StyTT.unknownCode }

    init(stringLiteral name: String) { self.init(name) }

    var name: String { StyTT.names[Int(code)] }
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

    static var ident: StyTT { StyTT(code: 0) }  // ident
    static var string: StyTT { StyTT(code: 1) }  // string
    static var selector: StyTT { StyTT(code: 2) }  // selector
    static var function: StyTT { StyTT(code: 3) }  // function
    static var comment: StyTT { StyTT(code: 4) }  // comment
    static var boolean: StyTT { StyTT(code: 5) }  // boolean
    static var space: StyTT { StyTT(code: 6) }  // space
    static var color: StyTT { StyTT(code: 7) }  // color
    static var unit: StyTT { StyTT(code: 8) }  // unit
    static var literal: StyTT { StyTT(code: 9) }  // literal
    static var null: StyTT { StyTT(code: 10) }  // null
    static var eos: StyTT { StyTT(code: 11) }  // eos
    static var indent: StyTT { StyTT(code: 12) }  // indent
    static var outdent: StyTT { StyTT(code: 13) }  // outdent
    static var newline: StyTT { StyTT(code: 14) }  // newline
    static var eol: StyTT { StyTT(code: 15) }  // __eol
    static var again: StyTT { StyTT(code: 16) }  // __again
    static var keyframes: StyTT { StyTT(code: 17) }  // keyframes
    static var extend: StyTT { StyTT(code: 18) }  // extend
    static var atrule: StyTT { StyTT(code: 19) }  // atrule
    static var atblock: StyTT { StyTT(code: 20) }  // atblock
    static var mozDocument: StyTT { StyTT(code: 21) }  // -moz-document
    static var require: StyTT { StyTT(code: 22) }  // require
    static var importKw: StyTT { StyTT(code: 23) }  // import
    static var charset: StyTT { StyTT(code: 24) }  // charset
    static var namespace: StyTT { StyTT(code: 25) }  // namespace
    static var media: StyTT { StyTT(code: 26) }  // media
    static var scope: StyTT { StyTT(code: 27) }  // scope
    static var supports: StyTT { StyTT(code: 28) }  // supports
    static var returnKw: StyTT { StyTT(code: 29) }  // return
    static var ifKw: StyTT { StyTT(code: 30) }  // if
    static var elseKw: StyTT { StyTT(code: 31) }  // else
    static var unless: StyTT { StyTT(code: 32) }  // unless
    static var forKw: StyTT { StyTT(code: 33) }  // for
    static var inKw: StyTT { StyTT(code: 34) }  // in
    static var isA: StyTT { StyTT(code: 35) }  // is a
    static var isDefined: StyTT { StyTT(code: 36) }  // is defined
    static var not: StyTT { StyTT(code: 37) }  // not
    static var lbrace: StyTT { StyTT(code: 38) }  // {
    static var rbrace: StyTT { StyTT(code: 39) }  // }
    static var lparen: StyTT { StyTT(code: 40) }  // (
    static var rparen: StyTT { StyTT(code: 41) }  // )
    static var lbracket: StyTT { StyTT(code: 42) }  // [
    static var rbracket: StyTT { StyTT(code: 43) }  // ]
    static var semicolon: StyTT { StyTT(code: 44) }  // ;
    static var comma: StyTT { StyTT(code: 45) }  // ,
    static var dot: StyTT { StyTT(code: 46) }  // .
    static var dotDot: StyTT { StyTT(code: 47) }  // ..
    static var dotDotDot: StyTT { StyTT(code: 48) }  // ...
    static var and: StyTT { StyTT(code: 49) }  // &&
    static var or: StyTT { StyTT(code: 50) }  // ||
    static var notEq: StyTT { StyTT(code: 51) }  // !=
    static var lte: StyTT { StyTT(code: 52) }  // <=
    static var gte: StyTT { StyTT(code: 53) }  // >=
    static var eq: StyTT { StyTT(code: 54) }  // ==
    static var qEq: StyTT { StyTT(code: 55) }  // ?=
    static var colonEq: StyTT { StyTT(code: 56) }  // :=
    static var pow: StyTT { StyTT(code: 57) }  // **
    static var minus: StyTT { StyTT(code: 58) }  // -
    static var plus: StyTT { StyTT(code: 59) }  // +
    static var star: StyTT { StyTT(code: 60) }  // *
    static var slash: StyTT { StyTT(code: 61) }  // /
    static var percent: StyTT { StyTT(code: 62) }  // %
    static var minusEq: StyTT { StyTT(code: 63) }  // -=
    static var plusEq: StyTT { StyTT(code: 64) }  // +=
    static var starEq: StyTT { StyTT(code: 65) }  // *=
    static var slashEq: StyTT { StyTT(code: 66) }  // /=
    static var percentEq: StyTT { StyTT(code: 67) }  // %=
    static var assign: StyTT { StyTT(code: 68) }  // =
    static var question: StyTT { StyTT(code: 69) }  // ?
    static var colon: StyTT { StyTT(code: 70) }  // :
    static var bang: StyTT { StyTT(code: 71) }  // !
    static var tilde: StyTT { StyTT(code: 72) }  // ~
    static var lt: StyTT { StyTT(code: 73) }  // <
    static var gt: StyTT { StyTT(code: 74) }  // >
    static var amp: StyTT { StyTT(code: 75) }  // &
    static var brackets: StyTT { StyTT(code: 76) }  // []
}
