extension PugLexer {
    /// The scanners Pug tries before `tag`, in Pug's order.
    mutating func keywordScanners() throws -> Bool {
        if scanEndOfLine("yield", .yield) { return true }
        if doctype() { return true }
        if try tagInterpolation() { return true }
        if caseKeyword() { return true }
        if when() { return true }
        if scanEndOfLine("default", .defaultKeyword) { return true }
        if try extends() { return true }
        if appendPrepend() { return true }
        if block() { return true }
        if scanEndOfLine("block", .mixinBlock) { return true }
        if try include() { return true }
        if mixin() { return true }
        if try call() { return true }
        if try conditional() { return true }
        if eachOf() { return true }
        if try each() { return true }
        if whileKeyword() { return true }
        return false
    }

    /// `word` followed by at least one space; returns the index after the spaces.
    func keyword(_ word: String) -> Int? {
        guard starts(with: word) else { return nil }
        var i = pos + word.utf8.count
        guard i < end, bytes[i] == UInt8(ascii: " ") else { return nil }
        while i < end, bytes[i] == UInt8(ascii: " ") { i += 1 }
        return i
    }

    /// True when `word` is at `pos` and not followed by an identifier character.
    func word(_ word: String) -> Bool {
        guard starts(with: word) else { return false }
        let after = pos + word.utf8.count
        return after >= end || !pugIsIdentifierByte(bytes[after]) || bytes[after] == UInt8(ascii: "$")
    }

    private mutating func restOfLine(from start: Int) -> String {
        let stop = lineEnd(from: start)
        let value = string(start, stop)
        pos = stop
        return value
    }

    private mutating func doctype() -> Bool {
        if starts(with: "!!!") {
            // Jade 0.x/1.x spelling (`!!! 5`), still found in .jade views; Pug 2 rejects it.
            let start = pos
            let value = PugJS.trimmed(restOfLine(from: pos + 3))
            push(.doctype, at: start, value.isEmpty || value == "5" ? "html" : value)
            return true
        }
        guard starts(with: "doctype") else { return false }
        let start = pos
        var i = pos + 7
        while i < end, bytes[i] == UInt8(ascii: " ") { i += 1 }
        let value = restOfLine(from: i)
        push(.doctype, at: start, value)
        return true
    }

    private mutating func tagInterpolation() throws -> Bool {
        guard starts(with: "#{") else { return false }
        guard let close = PugJSScanner.indexOf(UInt8(ascii: "}"), in: bytes, from: pos + 2, to: end) else {
            throw error(.pugUnclosed, "End of line was reached with no closing bracket for interpolation.")
        }
        push(.interpolation, at: pos, string(pos + 2, close))
        pos = close + 1
        return true
    }

    private mutating func caseKeyword() -> Bool {
        guard let start = keyword("case"), start < lineEnd(from: start) else { return false }
        let at = pos
        push(.caseKeyword, at: at, restOfLine(from: start))
        return true
    }

    private mutating func when() -> Bool {
        guard let start = keyword("when") else { return false }
        let stop = lineEnd(from: start)
        guard start < stop, bytes[start] != UInt8(ascii: ":") else { return false }
        let colon = PugJSScanner.indexOf(UInt8(ascii: ":"), in: bytes, from: start, to: stop) ?? stop
        let at = pos
        push(.when, at: at, string(start, colon))
        pos = colon
        return true
    }

    private mutating func extends() throws -> Bool {
        let length: Int
        if word("extends") { length = 7 } else if word("extend") { length = 6 } else { return false }
        let after = pos + length
        guard after >= end || bytes[after] == UInt8(ascii: " ") || bytes[after] == UInt8(ascii: "\n") else { return false }
        push(.extends, at: pos)
        pos = after
        if !scanPath() { throw error(.pugInvalidSyntax, "missing path for extends") }
        return true
    }

    /// `/^ ([^\n]+)/`
    mutating func scanPath() -> Bool {
        guard byte() == UInt8(ascii: " "), pos + 1 < lineEnd(from: pos) else { return false }
        let at = pos + 1
        let value = PugJS.trimmed(restOfLine(from: pos + 1))
        push(.path, at: at, value)
        return true
    }

    private mutating func blockToken(mode: String, nameStart: Int) {
        let at = pos
        var name = PugJS.trimmed(restOfLine(from: nameStart))
        if let comment = name.range(of: "//") { name = PugJS.trimmed(String(name[..<comment.lowerBound])) }
        var token = PugToken(.block, at: at, name)
        token.mode = mode
        tokens.append(token)
    }

    private mutating func appendPrepend() -> Bool {
        var i = pos
        if let afterBlock = keyword("block") { i = afterBlock }
        for mode in ["append", "prepend"] {
            let saved = pos
            pos = i
            if let start = keyword(mode), start < lineEnd(from: start) {
                pos = saved
                blockToken(mode: mode, nameStart: start)
                return true
            }
            pos = saved
        }
        return false
    }

    private mutating func block() -> Bool {
        guard let start = keyword("block"), start < lineEnd(from: start) else { return false }
        blockToken(mode: "replace", nameStart: start)
        return true
    }

    private mutating func include() throws -> Bool {
        guard starts(with: "include") else { return false }
        let after = pos + 7
        guard after >= end || [UInt8(ascii: ":"), UInt8(ascii: " "), UInt8(ascii: "\n")].contains(bytes[after]) else {
            if after < end, pugIsIdentifierByte(bytes[after]) { return false }
            throw error(.pugInvalidSyntax, "malformed include")
        }
        push(.include, at: pos)
        pos = after
        var progress = LoopProgress()
        while progress.advanced(to: pos), try filter(inInclude: true) {}
        if !scanPath() { throw error(.pugInvalidSyntax, "missing path for include") }
        return true
    }

    private mutating func mixin() -> Bool {
        guard let start = keyword("mixin") else { return false }
        var i = start
        while i < end, isNameByte(bytes[i]) { i += 1 }
        guard i > start else { return false }
        var token = PugToken(.mixin, at: pos, string(start, i))
        var j = i
        while j < end, bytes[j] == UInt8(ascii: " ") { j += 1 }
        if j < end, bytes[j] == UInt8(ascii: "(") {
            let stop = lineEnd(from: j)
            // Pug's `\((.*)\)`: greedy up to the last `)` of the line.
            if let close = bytes[j..<stop].lastIndex(of: UInt8(ascii: ")")) {
                token.args = string(j + 1, close)
                i = close + 1
                while i < end, bytes[i] == UInt8(ascii: " ") { i += 1 }
            }
        } else {
            i = j
        }
        tokens.append(token)
        pos = i
        return true
    }

    func isNameByte(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "-") || (pugIsIdentifierByte(c) && c != UInt8(ascii: "$") && c < 0x80)
    }

    private mutating func call() throws -> Bool {
        guard byte() == UInt8(ascii: "+") else { return false }
        var i = pos + 1
        while i < end, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
        let at = pos
        var token: PugToken
        if i + 1 < end, bytes[i] == UInt8(ascii: "#"), bytes[i + 1] == UInt8(ascii: "{") {
            guard let close = PugJSScanner.matchingBracket(in: bytes, open: i + 1, end: end) else {
                throw error(.pugUnclosed, "The end of the string reached with no closing bracket } found.")
            }
            token = PugToken(.call, at: at, "#{" + string(i + 2, close) + "}")
            i = close + 1
        } else {
            let start = i
            while i < end, isNameByte(bytes[i]) { i += 1 }
            guard i > start else { return false }
            token = PugToken(.call, at: at, string(start, i))
        }
        pos = i
        var j = pos
        while j < end, bytes[j] == UInt8(ascii: " ") { j += 1 }
        if j < end, bytes[j] == UInt8(ascii: "(") {
            guard let close = PugJSScanner.matchingBracket(in: bytes, open: j, end: end) else {
                throw error(.pugUnclosed, "The end of the string reached with no closing bracket ) found.", at: j)
            }
            let inside = string(j + 1, close)
            if !looksLikeAttributes(inside) {
                token.args = inside
                pos = close + 1
            }
        }
        tokens.append(token)
        return true
    }

    /// `/^\s*[-\w]+ *=/`
    private func looksLikeAttributes(_ text: String) -> Bool {
        let b = Array(text.utf8)
        var i = 0
        while i < b.count, b[i] == 32 || b[i] == 9 || b[i] == 10 { i += 1 }
        let start = i
        while i < b.count, isNameByte(b[i]) { i += 1 }
        guard i > start else { return false }
        while i < b.count, b[i] == 32 { i += 1 }
        return i < b.count && b[i] == UInt8(ascii: "=")
    }

    private mutating func conditional() throws -> Bool {
        let at = pos
        let kind: PugToken.Kind
        var length: Int
        var negate = false
        if word("if") { kind = .ifKeyword; length = 2 }
        else if word("unless") { kind = .ifKeyword; length = 6; negate = true }
        else if starts(with: "else if"), word("else") {
            let saved = pos
            pos += 5
            let isElseIf = word("if")
            pos = saved
            if isElseIf { kind = .elseIf; length = 7 } else { kind = .elseKeyword; length = 4 }
        } else if word("else") { kind = .elseKeyword; length = 4 }
        else { return false }
        let stop = lineEnd(from: pos + length)
        var js = string(pos + length, stop)
        if kind == .elseKeyword, !PugJS.trimmed(js).isEmpty {
            throw error(.pugInvalidSyntax, "`else` cannot have a condition, perhaps you meant `else if`")
        }
        if kind != .elseKeyword, PugJS.trimmed(js).isEmpty {
            throw error(.pugInvalidSyntax, "Expected an expression after `\(string(pos, pos + length))`")
        }
        if negate { js = "!(" + js + ")" }
        pos = stop
        push(kind, at: at, js)
        return true
    }

    private mutating func eachOf() -> Bool {
        guard word("each") || word("for") else { return false }
        let length = starts(with: "each") ? 4 : 3
        guard byte(length) == UInt8(ascii: " ") else { return false }
        let stop = lineEnd(from: pos)
        let line = string(pos + length + 1, stop)
        // Pug: /^(?:each|for) (.*?) of *([^\n]+)/ — the lazy left side ends at the first " of".
        guard let ofRange = line.range(of: " of") else { return false }
        let lhs = String(line[..<ofRange.lowerBound])
        if lhs.contains(" in ") || lhs.hasSuffix(" in") { return false }
        let code = String(line[ofRange.upperBound...]).drop { $0 == " " }
        guard !code.isEmpty else { return false }
        var token = PugToken(.eachOf, at: pos, PugJS.trimmed(lhs))
        token.code = String(code)
        tokens.append(token)
        pos = stop
        return true
    }

    private mutating func each() throws -> Bool {
        guard word("each") || word("for") else { return false }
        let length = starts(with: "each") ? 4 : 3
        let stop = lineEnd(from: pos)
        let line = Array(bytes[(pos + length)..<stop])
        var i = 0
        func spaces() { while i < line.count, line[i] == 32 { i += 1 } }
        func identifier() -> String? {
            let start = i
            guard i < line.count, pugIsIdentifierByte(line[i]), !(line[i] >= 48 && line[i] <= 57) else { return nil }
            while i < line.count, pugIsIdentifierByte(line[i]) { i += 1 }
            return String(decoding: line[start..<i], as: UTF8.self)
        }
        guard i < line.count, line[i] == 32 else { return false }
        spaces()
        guard let value = identifier() else {
            throw error(.pugInvalidSyntax, "This `each` has a syntax error. Expected `each value in list` or `each value, key in list`")
        }
        var key: String? = nil
        spaces()
        if i < line.count, line[i] == UInt8(ascii: ",") {
            i += 1
            spaces()
            key = identifier()
            spaces()
        }
        guard i + 2 <= line.count, line[i] == UInt8(ascii: "i"), line[i + 1] == UInt8(ascii: "n"),
              i + 2 == line.count || line[i + 2] == 32
        else {
            throw error(.pugInvalidSyntax, "This `each` has a syntax error. Expected `each value in list` or `each value, key in list`")
        }
        i += 2
        spaces()
        guard i < line.count else {
            throw error(.pugInvalidSyntax, "This `each` has a syntax error: the list is missing")
        }
        var token = PugToken(.each, at: pos, value)
        token.key = key
        token.code = String(decoding: line[i...], as: UTF8.self)
        tokens.append(token)
        pos = stop
        return true
    }

    private mutating func whileKeyword() -> Bool {
        guard let start = keyword("while"), start < lineEnd(from: start) else { return false }
        let at = pos
        let value = restOfLine(from: start)
        push(.whileKeyword, at: at, value)
        return true
    }
}

import Foundation
