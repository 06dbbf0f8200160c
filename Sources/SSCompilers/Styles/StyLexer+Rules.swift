import Foundation

extension StyLexer {
    mutating func lexNull() -> StyToken? {
        guard matchWord(StyLexer.nullWords, forbidDash: false) != nil else { return nil }
        let n = 4 + spacesAt(4)
        let raw = text(pos, pos + n)
        let part = isPartOfSelector()
        skip(n)
        return part ? StyToken(.ident, StyIdent(raw)) : StyToken(.null, StyNull())
    }

    mutating func lexKeyword() -> StyToken? {
        guard let w = matchWord(StyLexer.keywordWords, forbidDash: true) else { return nil }
        let n = w.utf8.count + spacesAt(w.utf8.count)
        let raw = text(pos, pos + n)
        let part = isPartOfSelector()
        skip(n)
        return part ? StyToken(.ident, StyIdent(raw)) : StyToken(w, text: w)
    }

    mutating func lexURLChars() -> StyToken? {
        var n = 0
        while true {
            let c = at(n)
            if c == 0 { break }
            if StyLexer.isByte(c, in: "/:@.;?&=*!,<>#%") || StyLexer.isDigit(c) { n += 1 } else { break }
        }
        guard n > 0 else { return nil }
        let str = text(pos, pos + n)
        skip(n)
        return StyToken(.literal, StyLiteral(str))
    }

    mutating func lexBlockComment() -> StyToken? {
        var end = pos + 2
        var found = false
        while end + 1 < s.count {
            if s[end] == 42 && s[end + 1] == 47 {
                found = true
                break
            }
            end += 1
        }
        let stop = found ? end + 2 : s.count
        var str = text(pos, stop)
        // '\r' line joins inside comments still count as lines.
        let extraLines = s[pos..<stop].filter { $0 == 13 }.count
        skip(stop - pos)
        lineno += extraLines
        var suppress = true
        if str.utf8.count > 2, Array(str.utf8)[2] == 33 {
            if let r = str.range(of: "*!") { str.replaceSubrange(r, with: "*") }
            suppress = false
        }
        let inline = prevType == .semicolon
        return StyToken(.comment, StyComment(str, suppress: suppress, inline: inline))
    }

    mutating func lexNewline() -> StyToken? {
        // Determine indentation width; the first indented line fixes tabs vs spaces.
        var tabs = 0
        while at(1 + tabs) == 9 { tabs += 1 }
        let allWS = spacesAt(1)
        var indents: Int
        if let useTabs = indentTabs {
            indents = useTabs ? tabs : allWS
        } else if tabs > 0 {
            indentTabs = true
            indents = tabs
        } else {
            indents = allWS
            if allWS > 0 { indentTabs = false }
        }
        skip(1 + allWS)
        if at(0) == 10 { return StyToken(.again) }
        if !indentStack.isEmpty && indents < indentStack[0] {
            var outdents = 0
            while !indentStack.isEmpty && indentStack[0] > indents {
                outdents += 1
                indentStack.removeFirst()
            }
            for _ in 1..<max(outdents, 1) { stash.append(StyToken(.outdent)) }
            return StyToken(.outdent)
        } else if indents > 0 && indents != indentStack.first {
            indentStack.insert(indents, at: 0)
            return StyToken(.indent)
        }
        return StyToken(.newline)
    }

    mutating func lexCSSLiteral() -> StyToken? {
        guard hasPrefix("@css") else { return nil }
        var n = 4 + spacesAt(4)
        guard at(n) == 123 else { return nil }
        n += 1
        skip(n)
        var braces = 1
        var bytes: [UInt8] = []
        while pos < s.count {
            let c = s[pos]
            pos += 1
            switch c {
            case 123: braces += 1
            case 125: braces -= 1
            case 10, 13: lineno += 1
            default: break
            }
            bytes.append(c)
            if braces == 0 { break }
        }
        var css = String(decoding: bytes, as: UTF8.self)
        if css.hasSuffix("}") {
            css.removeLast()
            while let last = css.last, last.isWhitespace { css.removeLast() }
        }
        let lit = StyLiteral(css)
        lit.css = true
        return StyToken(.literal, lit)
    }

    mutating func lexAtrule() -> StyToken? {
        if hasPrefix("@apply") { return nil }
        var i = 1
        var vendor: String?
        if at(1) == 45 {
            var j = 2
            while StyLexer.isWord(at(j)) { j += 1 }
            if j > 2 && at(j) == 45 {
                vendor = text(pos + 2, pos + j)
                i = j + 1
            }
        }
        var j = i
        while StyLexer.isWord(at(j)) || at(j) == 45 { j += 1 }
        if j == i {
            if vendor != nil {
                // Backtrack: treat the whole thing as a name.
                vendor = nil
                i = 1
                j = 1
                while StyLexer.isWord(at(j)) || at(j) == 45 { j += 1 }
                if j == 1 { return nil }
            } else {
                return nil
            }
        }
        let type = text(pos + i, pos + j)
        skip(j + spacesAt(j))
        switch type {
        case "require", "import", "charset", "namespace", "media", "scope", "supports":
            return StyToken(type, text: type)
        case "document": return StyToken(.mozDocument, text: "-moz-document")
        case "block": return StyToken(.atblock, text: "atblock")
        case "extend", "extends": return StyToken(.extend, text: "extend")
        case "keyframes": return StyToken(.keyframes, text: vendor)
        default:
            return StyToken(.atrule, text: vendor.map { "-\($0)-\(type)" } ?? type)
        }
    }

    /// Length of `-*[_a-zA-Z$][-\w\d$]*` at offset 0, or 0.
    func identLength() -> Int {
        var i = 0
        while at(i) == 45 { i += 1 }
        let c = at(i)
        guard StyLexer.isAlpha(c) || c == 95 || c == 36 else { return 0 }
        i += 1
        while StyLexer.isIdentChar(at(i)) { i += 1 }
        return i
    }

    /// `identLength()` at `pos`, remembered: `lexFunction` measures every token's name
    /// and `lexIdent` then needs the same length.
    mutating func identLengthHere() -> Int {
        if identLengthPos == pos { return identLengthValue }
        identLengthPos = pos
        identLengthValue = identLength()
        return identLengthValue
    }

    mutating func lexFunction() -> StyToken? {
        let n = identLengthHere()
        guard n > 0, at(n) == 40 else { return nil }
        let name = interned.string(s, pos, n)
        let sp = spacesAt(n + 1)
        var t = StyToken(.function, StyIdent(name))
        t.hasSpace = sp > 0
        skip(n + 1 + sp)
        isURL = name == "url"
        return t
    }

    mutating func lexIdent() -> StyToken? {
        var n = identLengthHere()
        if n == 0 {
            var i = 0
            while at(i) == 45 { i += 1 }
            guard at(i) == 64, hasPrefixAt(i, "@apply") else { return nil }
            n = i + 6
            while StyLexer.isIdentChar(at(n)) { n += 1 }
        }
        let name = interned.string(s, pos, n)
        skip(n)
        return StyToken(.ident, StyIdent(name))
    }

    func hasPrefixAt(_ offset: Int, _ str: String) -> Bool {
        var i = offset
        for b in str.utf8 {
            if at(i) != b { return false }
            i += 1
        }
        return true
    }

    mutating func lexColor() -> StyToken? {
        var n = 0
        while n < 8 && StyLexer.isHex(at(1 + n)) { n += 1 }
        guard n > 0 else { return nil }
        if n == 7 { n = 6 } else if n == 5 { n = 4 }
        let hex = Array(s[(pos + 1)..<(pos + 1 + n)])
        func v(_ a: UInt8, _ b: UInt8) -> Double {
            Double(Int(String(decoding: [a, b], as: UTF8.self), radix: 16) ?? 0)
        }
        let color: StyRGBA
        switch n {
        case 8: color = StyRGBA(v(hex[0], hex[1]), v(hex[2], hex[3]), v(hex[4], hex[5]), v(hex[6], hex[7]) / 255)
        case 6: color = StyRGBA(v(hex[0], hex[1]), v(hex[2], hex[3]), v(hex[4], hex[5]), 1)
        case 4: color = StyRGBA(v(hex[0], hex[0]), v(hex[1], hex[1]), v(hex[2], hex[2]), v(hex[3], hex[3]) / 255)
        case 3: color = StyRGBA(v(hex[0], hex[0]), v(hex[1], hex[1]), v(hex[2], hex[2]), 1)
        case 2:
            let x = v(hex[0], hex[1])
            color = StyRGBA(x, x, x, 1)
        default:
            let x = v(hex[0], hex[0])
            color = StyRGBA(x, x, x, 1)
        }
        let total = 1 + n + spacesAt(1 + n)
        color.raw = text(pos, pos + total)
        skip(total)
        return StyToken(.color, color)
    }

    mutating func lexString() -> StyToken? {
        let quote = at(0)
        var i = 1
        while pos + i < s.count && s[pos + i] != quote { i += 1 }
        guard pos + i < s.count else { return nil }
        var str = text(pos + 1, pos + i)
        let total = i + 1 + spacesAt(i + 1)
        skip(total)
        if str.utf8.contains(92) { str = str.replacingOccurrences(of: "\\n", with: "\n") }
        return StyToken(.string, StyString(str, quote: quote == 34 ? "\"" : "'"))
    }

    mutating func lexUnit() -> StyToken? {
        var i = 0
        var negative = false
        if at(0) == 45 {
            negative = true
            i = 1
        }
        let start = i
        while StyLexer.isDigit(at(i)) { i += 1 }
        if i > start {
            if at(i) == 46 && StyLexer.isDigit(at(i + 1)) {
                i += 1
                while StyLexer.isDigit(at(i)) { i += 1 }
            }
        } else if at(i) == 46 && StyLexer.isDigit(at(i + 1)) {
            i += 1
            while StyLexer.isDigit(at(i)) { i += 1 }
        } else {
            return nil
        }
        let numberEnd = i
        var type: String?
        if at(i) == 37 {
            type = "%"
            i += 1
        } else if StyLexer.isAlpha(at(i)) {
            let ts = i
            while StyLexer.isAlpha(at(i)) { i += 1 }
            type = text(pos + ts, pos + i)
        }
        let total = i + spacesAt(i)
        var n = decimalValue(start, numberEnd) ?? Double(text(pos + start, pos + numberEnd)) ?? 0
        if negative { n = -n }
        let node = StyUnit(n, type)
        node.raw = text(pos, pos + total)
        skip(total)
        return StyToken(.unit, node)
    }

    /// The value of the digits (and at most one `.`) at offsets `from..<to`, when there
    /// are at most 15 of them: the integer they spell and its power of ten are exact
    /// doubles, so their correctly rounded quotient is the double nearest the decimal,
    /// as `strtod` would read it. Nil otherwise.
    func decimalValue(_ from: Int, _ to: Int) -> Double? {
        var mantissa: UInt64 = 0
        var digits = 0
        var decimals = -1
        var i = from
        while i < to {
            let c = at(i)
            if c == 46 {
                decimals = 0
            } else {
                mantissa = mantissa &* 10 &+ UInt64(c &- 48)
                digits += 1
                if decimals >= 0 { decimals += 1 }
            }
            i += 1
        }
        guard digits > 0, digits <= 15 else { return nil }
        let scale = StyLexer.powersOfTen[max(decimals, 0)]
        return Double(mantissa) / scale
    }

    static let powersOfTen: [Double] = (0...15).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }

    mutating func lexNamedOp() -> StyToken? {
        var found: String?
        for w in StyLexer.namedOperatorWords where hasPrefix(w) {
            let n = w.utf8.count
            if at(n) == 45 { continue }
            if StyLexer.isWord(at(n)) { continue }
            found = w
            break
        }
        guard let w = found else { return nil }
        let n = w.utf8.count
        let sp = spacesAt(n)
        let raw = text(pos, pos + n + sp)
        let part = isPartOfSelector()
        var t: StyToken
        if part {
            t = StyToken(.ident, StyIdent(raw))
        } else {
            let op = StyLexer.alias[w] ?? w
            t = StyToken(op, text: op)
        }
        t.hasSpace = sp > 0
        skip(n + sp)
        return t
    }

    static let alias: [String: String] = [
        "and": "&&", "or": "||", "is": "==", "isnt": "!=", "is not": "!=", ":=": "?=",
    ]

    mutating func lexUnicodeRange() -> StyToken? {
        guard at(0) == 117 || at(0) == 85, at(1) == 43 else { return nil }
        var i = 2
        while i < 8 && (StyLexer.isHex(at(i)) || at(i) == 63) { i += 1 }
        guard i > 2 else { return nil }
        if at(i) == 45 && StyLexer.isHex(at(i + 1)) {
            var j = i + 1
            while j < i + 7 && StyLexer.isHex(at(j)) { j += 1 }
            i = j
        }
        let str = text(pos, pos + i)
        skip(i)
        return StyToken(.literal, StyLiteral(str))
    }

    mutating func lexOp() -> StyToken? {
        let c = at(0)
        let d = at(1)
        var n = 0
        if c == 46 {
            n = 1
            while n < 3 && at(n) == 46 { n += 1 }
        } else if (c == 38 && d == 38) || (c == 124 && d == 124) {
            n = 2
        } else if StyLexer.isByte(c, in: "!<>=?:") && d == 61 {
            n = 2
        } else if c == 42 && d == 42 {
            n = 2
        } else if StyLexer.isByte(c, in: "-+*/%") {
            n = d == 61 ? 2 : 1
        } else if StyLexer.isByte(c, in: ",=?:!~<>&[]") {
            n = 1
        }
        guard n > 0 else { return nil }
        // Of the aliases only `:=` (for `?=`) is an operator.
        let op = n == 2 && c == 58 && d == 61 ? "?=" : text(pos, pos + n)
        let sp = spacesAt(n)
        // One-byte operators (most of them) without hashing their name.
        var t = StyToken(n == 1 ? StyTokenType.ofByte[Int(c)] : StyTokenType(op), text: op)
        t.hasSpace = sp > 0
        skip(n + sp)
        isURL = false
        return t
    }

    mutating func lexSelector() -> StyToken? {
        if at(0) == 94 {
            skip(1)
            return StyToken(.selector, text: "^")
        }
        var i = 0
        var found = false
        while pos + i < s.count {
            let c = s[pos + i]
            if c == 44 || c == 10 || c == 123 {
                found = true
                break
            }
            if c == 13 { break }
            if c == 47 && at(i + 1) == 47 {
                // `//` ends the selector unless a `]` follows before any `[`.
                var j = i + 2
                var closes = false
                while pos + j < s.count {
                    let e = s[pos + j]
                    if e == 91 { break }
                    if e == 93 {
                        closes = true
                        break
                    }
                    j += 1
                }
                if !closes {
                    found = true
                    break
                }
            }
            i += 1
        }
        if !found || i == 0 {
            errors.append(("unexpected character", lineno, column))
            let n = max(1, i)
            let str = text(pos, pos + n)
            skip(n)
            return StyToken(.selector, text: str)
        }
        let str = text(pos, pos + i)
        skip(i)
        return StyToken(.selector, text: str)
    }
}
