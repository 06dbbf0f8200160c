/// The token-level minifier: prints a token stream without comments and whitespace,
/// keeping a line break wherever automatic semicolon insertion could depend on it and
/// a space wherever two tokens would otherwise merge.
///
/// It does not need a parser, so it is safe on any input that lexes; the parser-based
/// printer shortens more.
///
/// ```swift
/// JSTokenMinifier.minify(JSTokenStream(file: file))   // "a=b+ +c;return\nx"
/// ```
enum JSTokenMinifier {
    static func minify(_ stream: JSTokenStream) -> String {
        let bytes = stream.bytes
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 2)
        if stream.hashbangLength > 0 {
            out.append(contentsOf: bytes[0..<stream.hashbangLength])
            out.append(0x0A)
        }
        let comments = stream.keptComments
        var commentIndex = 0
        var prev: JSToken? = nil
        // Offset where the gap before the next emitted item starts.
        var gapStart = stream.hashbangLength
        for token in stream.tokens {
            var separated = false
            while commentIndex < comments.count, comments[commentIndex].start < token.start {
                let comment = comments[commentIndex]
                commentIndex += 1
                if !out.isEmpty, out.last != 0x0A {
                    out.append(hasLineBreak(bytes, gapStart, comment.start) ? 0x0A : 0x20)
                }
                out.append(contentsOf: bytes[comment.start..<comment.end])
                out.append(comment.isLine || hasLineBreak(bytes, comment.end, token.start) ? 0x0A : 0x20)
                gapStart = comment.end
                separated = true
            }
            if token.kind == .eof { break }
            if let prev, !separated {
                if token.newlineBefore, !newlineRemovable(prev, token, bytes) {
                    out.append(0x0A)
                } else if needsSpace(prev, token, bytes) {
                    out.append(0x20)
                }
            }
            out.append(contentsOf: bytes[token.start..<token.end])
            prev = token
            gapStart = token.end
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hasLineBreak(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end {
            let b = bytes[i]
            if b == 0x0A || b == 0x0D { return true }
            if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                return true
            }
            i += 1
        }
        return false
    }

    /// True when joining `prev` and `next` on one line cannot change how the program parses.
    ///
    /// A line break matters only where ASI inserted a semicolon or a restricted production
    /// (`return`, postfix `++`, ...) ends at it. That cannot happen after a token that never
    /// ends a statement, nor before a token that never starts one.
    static func newlineRemovable(_ prev: JSToken, _ next: JSToken, _ bytes: [UInt8]) -> Bool {
        switch prev.kind {
        case .punctuator:
            switch prev.punct {
            case .rparen, .rbracket, .rbrace, .plus2, .minus2: break
            default: return true
            }
        case .templateHead, .templateMiddle:
            return true
        case .identifier:
            if prev.flags.contains(.cannotEnd) { return true }
        default:
            break
        }
        switch next.kind {
        case .punctuator:
            switch next.punct {
            case .dot, .questionDot, .comma, .semicolon, .rparen, .rbracket, .rbrace, .colon, .question,
                .assign, .eq2, .eq3, .ne, .ne2, .lt, .gt, .le, .ge, .star, .star2, .slash, .percent,
                .shl, .sar, .shr, .amp, .pipe, .caret, .amp2, .pipe2, .question2,
                .plusAssign, .minusAssign, .starAssign, .slashAssign, .percentAssign, .star2Assign,
                .shlAssign, .sarAssign, .shrAssign, .ampAssign, .pipeAssign, .caretAssign,
                .amp2Assign, .pipe2Assign, .question2Assign:
                return true
            case .plus, .minus, .lparen, .lbracket:
                return !prev.flags.contains(.restricted) && prev.punct != .plus2 && prev.punct != .minus2
            default:
                return false
            }
        case .templateMiddle, .templateTail:
            return true
        default:
            return false
        }
    }

    /// True when `prev` and `next` written next to each other would lex differently.
    static func needsSpace(_ prev: JSToken, _ next: JSToken, _ bytes: [UInt8]) -> Bool {
        let last = bytes[prev.end - 1]
        let first = bytes[next.start]
        if jsIsIdentifierByte(last), jsIsIdentifierByte(first) { return true }
        if prev.kind == .number, jsIsIdentifierByte(first) || first == UInt8(ascii: ".") { return true }
        if first == UInt8(ascii: "#"), jsIsIdentifierByte(last) { return true }
        if last == UInt8(ascii: "."), jsIsDigit(first) || first == UInt8(ascii: ".") { return true }
        switch (last, first) {
        case (UInt8(ascii: "+"), UInt8(ascii: "+")), (UInt8(ascii: "-"), UInt8(ascii: "-")),
            (UInt8(ascii: "/"), UInt8(ascii: "/")), (UInt8(ascii: "/"), UInt8(ascii: "*")),
            (UInt8(ascii: "<"), UInt8(ascii: "!")), (UInt8(ascii: "-"), UInt8(ascii: ">")),
            (UInt8(ascii: "?"), UInt8(ascii: ".")):
            return true
        default:
            break
        }
        if prev.kind == .punctuator, next.kind == .punctuator {
            // Would longest-match lexing take more than `prev`?
            var joined = Array(bytes[prev.start..<prev.end])
            joined.append(contentsOf: bytes[next.start..<min(next.end, next.start + 3)])
            let (_, length) = JSLexer.punctuator(joined, at: 0)
            return length != prev.end - prev.start
        }
        return false
    }
}
