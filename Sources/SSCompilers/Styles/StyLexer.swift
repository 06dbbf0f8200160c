import Foundation

/// One lexer token. `type` uses the reference implementation's token names
/// (`ident`, `indent`, `{`, `&&`, ...) so the parser's grammar reads the same.
struct StyToken {
    var type: StyTokenType
    var val: StyNode?
    var text: String?
    /// Whether spaces followed the token (all the parser asks of them; a string of them
    /// was one more reference-counted field in every copy of a token).
    var hasSpace = false
    var anonymous = false
    var uid = 0
    var lineno = 1
    var column = 1

    init(_ type: StyTokenType, _ val: StyNode? = nil, text: String? = nil) {
        self.type = type
        self.val = val
        self.text = text
    }

    init(_ type: String, _ val: StyNode? = nil, text: String? = nil) {
        self.init(StyTokenType(type), val, text: text)
    }

    var debugText: String {
        if let val { return val.description }
        return text ?? ""
    }
}

/// Tokenizer for the indentation-sensitive Stylus grammar (bytes in, tokens out).
struct StyLexer {
    var s: [UInt8]
    var pos = 0
    var stash: [StyToken] = []
    var stashHead = 0
    var identLengthPos = -1
    var identLengthValue = 0
    var indentStack: [Int] = []
    var indentTabs: Bool? = nil
    var lineno = 1
    var column = 1
    /// What `isPartOfSelector` needs of the last token taken (not the whole token).
    var prevType: StyTokenType?
    var prevIsShortColor = false
    var isURL = false
    var errors: [(String, Int, Int)] = []
    var tokenCounter = 0
    /// Long identifier names, made once per source (`StyInternTable`).
    var interned = StyInternTable()

    init(_ text: String) {
        s = StyLexer.preprocess(text)
        // The parser looks a few tokens ahead, at times a line or more.
        stash.reserveCapacity(16)
        indentStack.reserveCapacity(16)
    }

    // MARK: - Stream

    // The stash is a queue: taken tokens advance `stashHead` instead of shifting the
    // array (which moved every queued token, reference-counted fields and all).
    var stashCount: Int { stash.count - stashHead }

    @inline(never) mutating func fill(_ n: Int) {
        var fetch = n - (stash.count - stashHead)
        while fetch > 0 {
            stash.append(advance())
            fetch -= 1
        }
    }

    mutating func lookahead(_ n: Int) -> StyToken {
        fill(n)
        return stash[stashHead + n - 1]
    }

    mutating func peek() -> StyToken { lookahead(1) }

    @inline(__always) mutating func lookaheadType(_ n: Int) -> StyTokenType {
        let i = stashHead + n - 1
        if i < stash.count { return stash[i].type }
        fill(n)
        return stash[i].type
    }

    /// Fields of the n-th lookahead token, without copying the whole token (its
    /// reference-counted fields) as `lookahead` does.
    mutating func lookaheadVal(_ n: Int) -> StyNode? {
        fill(n)
        return stash[stashHead + n - 1].val
    }

    mutating func lookaheadSpaceIsEmpty(_ n: Int) -> Bool {
        fill(n)
        return !stash[stashHead + n - 1].hasSpace
    }

    mutating func lookaheadUID(_ n: Int) -> Int {
        fill(n)
        return stash[stashHead + n - 1].uid
    }

    mutating func lookaheadAnonymous(_ n: Int) -> Bool {
        fill(n)
        return stash[stashHead + n - 1].anonymous
    }

    mutating func lookaheadPosition(_ n: Int) -> (line: Int, column: Int) {
        fill(n)
        let i = stashHead + n - 1
        return (stash[i].lineno, stash[i].column)
    }

    mutating func next() -> StyToken {
        let tok: StyToken
        if stashHead < stash.count {
            tok = stash[stashHead]
            dropTaken()
        } else {
            tok = advance()
        }
        prevType = tok.type
        prevIsShortColor = tok.type == .color && StyLexer.isShortColor(tok.val)
        return tok
    }

    /// `next()` for a token nobody reads: it is left in the stash instead of copied out
    /// (a copy retains its reference-counted fields, and its end releases them).
    mutating func discard() {
        fill(1)
        prevType = stash[stashHead].type
        prevIsShortColor = prevType == .color && StyLexer.isShortColor(stash[stashHead].val)
        dropTaken()
    }

    /// Advances past the stash's first token.
    private mutating func dropTaken() {
        stashHead += 1
        if stashHead == stash.count {
            stash.removeAll(keepingCapacity: true)
            stashHead = 0
        } else if stashHead >= 64 {
            stash.removeFirst(stashHead)
            stashHead = 0
        }
    }

    // MARK: - Helpers

    @inline(__always) func at(_ i: Int) -> UInt8 { pos + i < s.count ? s[pos + i] : 0 }
    var remaining: Int { s.count - pos }

    mutating func skip(_ n: Int) {
        let end = min(s.count, pos + n)
        var i = pos
        while i < end {
            if s[i] == 10 {
                lineno += 1
                column = 1
            } else {
                column += 1
            }
            i += 1
        }
        pos = end
    }

    func text(_ from: Int, _ to: Int) -> String {
        String(decoding: s[max(0, from)..<min(to, s.count)], as: UTF8.self)
    }

    func hasPrefix(_ str: String) -> Bool {
        // The words are literals: compared in place (the UTF-8 view's iterator costs
        // several times more a byte). Past the end never matches (no word holds a 0 byte).
        if let matched = str.utf8.withContiguousStorageIfAvailable({ word -> Bool in
            guard pos + word.count <= s.count else { return false }
            for i in 0..<word.count where s[pos + i] != word[i] { return false }
            return true
        }) {
            return matched
        }
        var i = 0
        for b in str.utf8 {
            if at(i) != b { return false }
            i += 1
        }
        return true
    }

    /// `set.utf8.contains(c)` over the literal's bytes, without the String machinery.
    @inline(__always) static func isByte(_ c: UInt8, in set: StaticString) -> Bool {
        let p = set.utf8Start
        for i in 0..<set.utf8CodeUnitCount where p[i] == c { return true }
        return false
    }

    static func isWord(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95
    }
    static func isAlpha(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }
    static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    static func isHex(_ c: UInt8) -> Bool { isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) }
    static func isIdentChar(_ c: UInt8) -> Bool { isWord(c) || c == 45 || c == 36 }

    /// Count of `[ \t]` bytes starting at offset `i` from pos.
    func spacesAt(_ i: Int) -> Int {
        var n = 0
        while at(i + n) == 32 || at(i + n) == 9 { n += 1 }
        return n
    }

    func isPartOfSelector() -> Bool {
        let type: StyTokenType
        let shortColor: Bool
        if stash.count > stashHead {
            let i = stash.count - 1
            type = stash[i].type
            shortColor = type == .color && StyLexer.isShortColor(stash[i].val)
        } else if let t = prevType {
            type = t
            shortColor = prevIsShortColor
        } else {
            return false
        }
        switch type {
        case .color: return shortColor
        case .dot, .lbracket: return true
        default: return false
        }
    }

    static func isShortColor(_ val: StyNode?) -> Bool { (val as? StyRGBA)?.raw?.count == 2 }

    static let booleanWords = ["true", "false"]
    static let nullWords = ["null"]
    static let keywordWords = ["return", "if", "else", "unless", "for", "in"]
    static let namedOperatorWords = ["not", "and", "or", "is a", "is defined", "isnt", "is not", "is"]

    /// Matches one of `words` followed by a word boundary; returns its length.
    func matchWord(_ words: [String], forbidDash: Bool) -> String? {
        for w in words where hasPrefix(w) {
            let n = w.utf8.count
            let after = at(n)
            let lastIsWord = StyLexer.isWord(w.utf8.last ?? 0)
            let boundary = lastIsWord ? !StyLexer.isWord(after) : StyLexer.isWord(after)
            if !boundary && !(after == 0 && lastIsWord) { continue }
            if forbidDash && after == 45 { continue }
            return w
        }
        return nil
    }

    // MARK: - Advance

    mutating func advance() -> StyToken {
        var guardCount = 0
        while true {
            guardCount += 1
            let line = lineno
            let col = column
            if var tok = advanceOnce() {
                if tok.type == .again {
                    if guardCount > 1_000_000 { return StyToken(.eos) }
                    continue
                }
                if tok.type == .eol {
                    continue
                }
                tok.lineno = line
                tok.column = col
                tokenCounter += 1
                tok.uid = tokenCounter
                return tok
            }
            // Unreachable in practice: selector() always consumes.
            skip(1)
        }
    }

    /// Returns a token, `__again` to re-run (comments, blank lines) or nil.
    mutating func advanceOnce() -> StyToken? {
        if pos >= s.count {
            if !indentStack.isEmpty {
                indentStack.removeFirst()
                return StyToken(.outdent)
            }
            return StyToken(.eos)
        }
        let c = at(0)
        // First-byte filters keep the word rules off the common path.
        if c == 110, let t = lexNull() { return t }
        if c == 59 {  // ;
            skip(1 + spacesAt(1))
            return StyToken(.semicolon)
        }
        if c == 114 || c == 105 || c == 101 || c == 117 || c == 102, let t = lexKeyword() { return t }
        if isURL, let t = lexURLChars() { return t }
        if c == 47 && at(1) == 47 {  // line comment
            var end = pos
            while end < s.count && s[end] != 10 { end += 1 }
            skip(end - pos)
            return StyToken(.again)
        }
        if c == 47 && at(1) == 42 { return lexBlockComment() }
        if c == 10 { return lexNewline() }
        if c == 92, at(1) != 10, at(1) != 13, at(1) != 0 {  // escaped char
            var n = 1
            let lead = at(1)
            n += lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            let ch = text(pos + 1, pos + n)
            skip(n + spacesAt(n))
            return StyToken(.ident, StyLiteral(ch))
        }
        if c == 33 && hasPrefix("!important") {
            skip(10 + spacesAt(10))
            return StyToken(.ident, StyLiteral("!important"))
        }
        if c == 64 {
            if let t = lexCSSLiteral() { return t }
            if at(1) == 40 {
                skip(2)
                var t = StyToken(.function, StyIdent("anonymous"))
                t.anonymous = true
                return t
            }
            if let t = lexAtrule() { return t }
        }
        if let t = lexFunction() { return t }
        if c == 123 || c == 125 {
            skip(1)
            return StyToken(c == 123 ? .lbrace : .rbrace, text: c == 123 ? "{" : "}")
        }
        if c == 40 || c == 41 {
            let sp = spacesAt(1)
            skip(1 + sp)
            if c == 41 { isURL = false }
            var t = StyToken(c == 40 ? .lparen : .rparen, text: c == 40 ? "(" : ")")
            t.hasSpace = sp > 0
            return t
        }
        if c == 35, let t = lexColor() { return t }
        if c == 34 || c == 39, let t = lexString() { return t }
        if let t = lexUnit() { return t }
        if c == 110 || c == 97 || c == 111 || c == 105, let t = lexNamedOp() { return t }
        if c == 116 || c == 102, let w = matchWord(StyLexer.booleanWords, forbidDash: false) {
            let n = w.utf8.count
            let sp = spacesAt(n)
            var t = StyToken(.boolean, StyBoolean(w == "true"))
            t.hasSpace = sp > 0
            skip(n + sp)
            return t
        }
        if c == 117 || c == 85, let t = lexUnicodeRange() { return t }
        if let t = lexIdent() { return t }
        if let t = lexOp() { return t }
        if c == 13 {
            skip(1)
            lineno += 1
            column = 1
            skip(spacesAt(0))
            return StyToken(.eol)
        }
        if c == 32 || c == 9 {
            skip(spacesAt(0))
            return StyToken(.space)
        }
        return lexSelector()
    }
}
