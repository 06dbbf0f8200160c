extension PugLexer {
    private func isWordByte(_ c: UInt8) -> Bool { pugIsIdentifierByte(c) && c != UInt8(ascii: "$") && c < 0x80 }

    /// `/^(\w(?:[-:\w]*\w)?)/`
    mutating func tag() throws -> Bool {
        guard pos < end, isWordByte(bytes[pos]) else { return false }
        var i = pos + 1
        var lastWord = pos + 1
        while i < end, isWordByte(bytes[i]) || bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: ":") {
            i += 1
            if isWordByte(bytes[i - 1]) { lastWord = i }
        }
        push(.tag, at: pos, string(pos, lastWord))
        pos = lastWord
        return true
    }

    /// `/^:([\w\-]+)/`, then its attributes and (outside `include`) its text block.
    mutating func filter(inInclude: Bool = false) throws -> Bool {
        guard byte() == UInt8(ascii: ":") else { return false }
        var i = pos + 1
        while i < end, isWordByte(bytes[i]) || bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i > pos + 1 else { return false }
        push(.filter, at: pos, string(pos + 1, i))
        pos = i
        _ = try attrs()
        if !inInclude {
            interpolationAllowed = false
            try pipelessText()
        }
        return true
    }

    mutating func blockCode() throws -> Bool {
        guard scanEndOfLine("-", .blockCode) else { return false }
        interpolationAllowed = false
        try pipelessText()
        return true
    }

    /// `/^(!?=|-)[ \t]*([^\n]+)/`
    mutating func code() throws -> Bool {
        var i = pos
        var mustEscape = false
        var buffer = false
        if byte() == UInt8(ascii: "!"), byte(1) == UInt8(ascii: "=") {
            buffer = true
            i += 2
        } else if byte() == UInt8(ascii: "=") {
            buffer = true
            mustEscape = true
            i += 1
        } else if byte() == UInt8(ascii: "-") {
            i += 1
        } else {
            return false
        }
        while i < end, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
        var stop = lineEnd(from: i)
        guard stop > i else { return false }
        if interpolated {
            guard let close = PugJSScanner.indexOf(UInt8(ascii: "]"), in: bytes, from: i, to: stop) else {
                throw error(.pugUnclosed, "End of line was reached with no closing bracket for interpolation.")
            }
            stop = close
        }
        var token = PugToken(.code, at: pos, string(i, stop))
        token.mustEscape = mustEscape
        token.buffer = buffer
        tokens.append(token)
        pos = stop
        return true
    }

    mutating func id() throws -> Bool {
        guard byte() == UInt8(ascii: "#") else { return false }
        var i = pos + 1
        while i < end, isWordByte(bytes[i]) || bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i > pos + 1 else {
            var j = pos + 1
            while j < end, ![32, 9, 10, 40, 35, 46, 58].contains(bytes[j]) { j += 1 }
            throw error(.pugInvalidSyntax, "\"\(string(pos + 1, max(pos + 2, min(j, end))))\" is not a valid ID.")
        }
        push(.id, at: pos, string(pos + 1, i))
        pos = i
        return true
    }

    mutating func dot() throws -> Bool {
        guard scanEndOfLine(".", .dot) else { return false }
        try pipelessText()
        return true
    }

    /// `/^\.([_a-z0-9\-]*[_a-z][_a-z0-9\-]*)/i`
    mutating func className() throws -> Bool {
        guard byte() == UInt8(ascii: ".") else { return false }
        var i = pos + 1
        var hasLetter = false
        while i < end {
            let c = bytes[i] | 0x20
            if (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || bytes[i] == UInt8(ascii: "_") {
                hasLetter = true
            } else if !((bytes[i] >= UInt8(ascii: "0") && bytes[i] <= UInt8(ascii: "9")) || bytes[i] == UInt8(ascii: "-")) {
                break
            }
            i += 1
        }
        guard i > pos + 1 else { return false }
        guard hasLetter else {
            throw error(.pugInvalidSyntax, "Class names must contain at least one letter or underscore.")
        }
        push(.className, at: pos, string(pos + 1, i))
        pos = i
        return true
    }

    mutating func attributesBlock() throws -> Bool {
        guard starts(with: "&attributes") else { return false }
        let at = pos
        let open = pos + 11
        guard open < end, bytes[open] == UInt8(ascii: "(") else {
            throw error(.pugInvalidSyntax, "&attributes must be followed by (expression)")
        }
        guard let close = PugJSScanner.matchingBracket(in: bytes, open: open, end: end) else {
            throw error(.pugUnclosed, "The end of the string reached with no closing bracket ) found.", at: open)
        }
        push(.andAttributes, at: at, string(open + 1, close))
        pos = close + 1
        return true
    }
}
