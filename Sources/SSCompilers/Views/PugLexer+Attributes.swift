extension PugLexer {
    private func isWhitespace(_ c: UInt8) -> Bool { c == 32 || c == 10 || c == 9 }

    /// `(name=value, name2 value2 bool)`: one `attribute` token per entry.
    mutating func attrs() throws -> Bool {
        guard byte() == UInt8(ascii: "(") else { return false }
        let open = pos
        guard let close = PugJSScanner.matchingBracket(in: bytes, open: open, end: end) else {
            throw error(.pugUnclosed, "The end of the string reached with no closing bracket ) found.", at: open)
        }
        push(.startAttributes, at: open)
        var i = open + 1
        var progress = LoopProgress()
        while i < close, progress.advanced(to: i) {
            i = try attribute(from: i, to: close)
        }
        push(.endAttributes, at: close)
        pos = close + 1
        return true
    }

    /// Lexes one attribute of `bytes[start..<stop]`; returns where the next one starts.
    private mutating func attribute(from start: Int, to stop: Int) throws -> Int {
        var i = start
        while i < stop, isWhitespace(bytes[i]) { i += 1 }
        if i >= stop { return stop }
        var token = PugToken(.attribute, at: i)
        var quote: UInt8 = 0
        if bytes[i] == UInt8(ascii: "'") || bytes[i] == UInt8(ascii: "\"") {
            quote = bytes[i]
            i += 1
        }
        let keyStart = i
        var keyEnd = i
        while i < stop {
            if quote != 0 {
                if bytes[i] == quote { keyEnd = i; i += 1; break }
            } else if isWhitespace(bytes[i]) || bytes[i] == UInt8(ascii: "!") || bytes[i] == UInt8(ascii: "=")
                        || bytes[i] == UInt8(ascii: ",") {
                break
            }
            i += 1
            keyEnd = i
        }
        token.name = string(keyStart, keyEnd)
        let (value, mustEscape, rest) = try attributeValue(from: i, to: stop)
        if let value {
            token.val = value
            token.mustEscape = mustEscape
        } else {
            token.booleanValue = true
            token.val = "true"
            token.mustEscape = true
        }
        tokens.append(token)
        i = rest
        while i < stop, isWhitespace(bytes[i]) { i += 1 }
        if i < stop, bytes[i] == UInt8(ascii: ",") { i += 1 }
        if i == start { i += 1 }
        return i
    }

    private mutating func attributeValue(from start: Int, to stop: Int) throws -> (String?, Bool, Int) {
        var i = start
        while i < stop, isWhitespace(bytes[i]) { i += 1 }
        if i >= stop { return (nil, true, start) }
        var escape = true
        if bytes[i] == UInt8(ascii: "!") {
            escape = false
            i += 1
            if i >= stop || bytes[i] != UInt8(ascii: "=") {
                throw error(.pugInvalidSyntax, "Unexpected character \(i < stop ? string(i, i + 1) : "end") expected `=`", at: i)
            }
        }
        if bytes[i] != UInt8(ascii: "=") {
            if i == start, !isWhitespace(bytes[start]), bytes[start] != UInt8(ascii: ",") {
                throw error(.pugInvalidSyntax, "Unexpected character \(string(start, start + 1)) expected `=`", at: start)
            }
            return (nil, true, start)
        }
        i += 1
        while i < stop, isWhitespace(bytes[i]) { i += 1 }
        var scanner = PugJSScanner()
        let valueStart = i
        while i < stop {
            if !(scanner.isNesting || scanner.isString) {
                if isWhitespace(bytes[i]) {
                    var x = i
                    var done = false
                    while x < stop, isWhitespace(bytes[x]) { x += 1 }
                    if x < stop {
                        let c = bytes[x]
                        let isPunctuator = ".()[]{};,<>+-*/%&|^!~?:=".utf8.contains(c)
                        let isQuote = c == UInt8(ascii: "'") || c == UInt8(ascii: "\"")
                        let isSpread = x + 2 < stop && c == 46 && bytes[x + 1] == 46 && bytes[x + 2] == 46
                        if (!isPunctuator || isQuote || c == UInt8(ascii: ":") || isSpread),
                           scanner.isCompleteExpression {
                            done = true
                        }
                    }
                    if done || x == stop { break }
                }
                if bytes[i] == UInt8(ascii: ","), scanner.isCompleteExpression { break }
            }
            scanner.feed(bytes[i])
            i += 1
        }
        if scanner.isNesting || scanner.isString || scanner.mismatched {
            throw error(.pugUnclosed, "The attribute value is not a complete expression (unclosed bracket or string)", at: valueStart)
        }
        return (string(valueStart, i), escape, i)
    }
}
