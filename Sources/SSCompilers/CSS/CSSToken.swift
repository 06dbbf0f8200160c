/// The kinds of token of CSS Syntax Level 3 that the minifier distinguishes.
enum CSSTokenKind: UInt8 {
    case whitespace, comment, ident, function, atKeyword, hash, string, url, number, percentage, dimension
    case delim, colon, semicolon, comma, lbracket, rbracket, lparen, rparen, lbrace, rbrace, cdo, cdc
}

/// One CSS token: its kind and UTF-8 byte range. For a dimension, `unitStart` is where
/// the unit begins.
struct CSSToken {
    var kind: CSSTokenKind
    var start: Int
    var end: Int
    var unitStart: Int = 0
}

func cssIsDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

func cssIsHexDigit(_ b: UInt8) -> Bool {
    cssIsDigit(b) || (b | 0x20 >= UInt8(ascii: "a") && b | 0x20 <= UInt8(ascii: "f"))
}
