extension JSLexer {
    /// The longest punctuator at `offset`, or `(.none, 0)`.
    static func punctuator(_ bytes: [UInt8], at offset: Int) -> (JSPunct, Int) {
        @inline(__always) func at(_ k: Int) -> UInt8 { offset + k < bytes.count ? bytes[offset + k] : 0 }
        let c1 = at(1), c2 = at(2)
        let eq = UInt8(ascii: "=")
        switch at(0) {
        case UInt8(ascii: "{"): return (.lbrace, 1)
        case UInt8(ascii: "}"): return (.rbrace, 1)
        case UInt8(ascii: "("): return (.lparen, 1)
        case UInt8(ascii: ")"): return (.rparen, 1)
        case UInt8(ascii: "["): return (.lbracket, 1)
        case UInt8(ascii: "]"): return (.rbracket, 1)
        case UInt8(ascii: ";"): return (.semicolon, 1)
        case UInt8(ascii: ","): return (.comma, 1)
        case UInt8(ascii: "~"): return (.tilde, 1)
        case UInt8(ascii: "@"): return (.at, 1)
        case UInt8(ascii: ":"): return (.colon, 1)
        case UInt8(ascii: "."):
            return c1 == UInt8(ascii: ".") && c2 == UInt8(ascii: ".") ? (.ellipsis, 3) : (.dot, 1)
        case UInt8(ascii: "<"):
            if c1 == UInt8(ascii: "<") { return c2 == eq ? (.shlAssign, 3) : (.shl, 2) }
            return c1 == eq ? (.le, 2) : (.lt, 1)
        case UInt8(ascii: ">"):
            if c1 == UInt8(ascii: ">") {
                if c2 == UInt8(ascii: ">") { return at(3) == eq ? (.shrAssign, 4) : (.shr, 3) }
                return c2 == eq ? (.sarAssign, 3) : (.sar, 2)
            }
            return c1 == eq ? (.ge, 2) : (.gt, 1)
        case UInt8(ascii: "="):
            if c1 == eq { return c2 == eq ? (.eq3, 3) : (.eq2, 2) }
            return c1 == UInt8(ascii: ">") ? (.arrow, 2) : (.assign, 1)
        case UInt8(ascii: "!"):
            if c1 == eq { return c2 == eq ? (.ne2, 3) : (.ne, 2) }
            return (.bang, 1)
        case UInt8(ascii: "+"):
            if c1 == UInt8(ascii: "+") { return (.plus2, 2) }
            return c1 == eq ? (.plusAssign, 2) : (.plus, 1)
        case UInt8(ascii: "-"):
            if c1 == UInt8(ascii: "-") { return (.minus2, 2) }
            return c1 == eq ? (.minusAssign, 2) : (.minus, 1)
        case UInt8(ascii: "*"):
            if c1 == UInt8(ascii: "*") { return c2 == eq ? (.star2Assign, 3) : (.star2, 2) }
            return c1 == eq ? (.starAssign, 2) : (.star, 1)
        case UInt8(ascii: "/"): return c1 == eq ? (.slashAssign, 2) : (.slash, 1)
        case UInt8(ascii: "%"): return c1 == eq ? (.percentAssign, 2) : (.percent, 1)
        case UInt8(ascii: "&"):
            if c1 == UInt8(ascii: "&") { return c2 == eq ? (.amp2Assign, 3) : (.amp2, 2) }
            return c1 == eq ? (.ampAssign, 2) : (.amp, 1)
        case UInt8(ascii: "|"):
            if c1 == UInt8(ascii: "|") { return c2 == eq ? (.pipe2Assign, 3) : (.pipe2, 2) }
            return c1 == eq ? (.pipeAssign, 2) : (.pipe, 1)
        case UInt8(ascii: "^"): return c1 == eq ? (.caretAssign, 2) : (.caret, 1)
        case UInt8(ascii: "?"):
            if c1 == UInt8(ascii: "?") { return c2 == eq ? (.question2Assign, 3) : (.question2, 2) }
            // `?.` followed by a digit is `?` and a number (`a?.5:b`).
            if c1 == UInt8(ascii: "."), !jsIsDigit(c2) { return (.questionDot, 2) }
            return (.question, 1)
        default:
            return (.none, 0)
        }
    }
}
