extension PugLexer {
    /// `/^(?:\| ?| )([^\n]+)/`, `/^( )/`, `/^\|( ?)/` — piped text and text after a tag.
    mutating func text() throws -> Bool {
        let stop = lineEnd(from: pos)
        let at = pos
        if byte() == UInt8(ascii: "|") {
            var start = pos + 1
            if start < stop, bytes[start] == UInt8(ascii: " "), start + 1 < stop { start += 1 }
            pos = stop
            try addText(.text, start, stop, at: at)
            return true
        }
        if byte() == UInt8(ascii: " ") {
            let start = pos + 1 < stop ? pos + 1 : pos
            pos = stop
            try addText(.text, start, stop, at: at)
            return true
        }
        return false
    }

    /// `/^(<[^\n]*)/` — a line of literal HTML.
    mutating func textHtml() throws -> Bool {
        guard byte() == UInt8(ascii: "<") else { return false }
        let stop = lineEnd(from: pos)
        let start = pos
        pos = stop
        try addText(.textHtml, start, stop, at: start)
        return true
    }

    /// `//` buffered and `//-` unbuffered comments, with an optional indented body.
    mutating func comment() throws -> Bool {
        guard byte() == UInt8(ascii: "/"), byte(1) == UInt8(ascii: "/") else { return false }
        let at = pos
        var i = pos + 2
        let buffered = byte(2) != UInt8(ascii: "-")
        if !buffered { i += 1 }
        let stop = lineEnd(from: i)
        var token = PugToken(.comment, at: at, string(i, stop))
        token.buffer = buffered
        interpolationAllowed = buffered
        tokens.append(token)
        pos = stop
        try pipelessText()
        return true
    }

    /// An indented block of raw text lines (after `.`, a filter, a comment or `-`).
    mutating func pipelessText() throws {
        var progress = LoopProgress()
        while progress.advanced(to: pos), skipBlankLine() {}
        let top = indentStack.last ?? 0
        var indents = scanIndentation()?.indents ?? 0
        guard indents > top else { return }
        // Line starts and ends; the text of a line starts `indents` bytes in. A line
        // less indented than the first but still inside the block lowers `indents`
        // (Pug rescans with the new width; lines already taken stay taken, so one pass
        // with the final width gives the same result).
        var lines: [(start: Int, stop: Int)] = []
        var pointer = pos
        while pointer < end, bytes[pointer] == UInt8(ascii: "\n") {
            let lineStart = pointer + 1
            let lineStop = lineEnd(from: lineStart)
            let lineIndent = scanIndentation(at: pointer)?.indents ?? 0
            let blankLine = bytes[lineStart..<lineStop].allSatisfy { $0 == 32 || $0 == 9 }
            if lineIndent < indents, !blankLine {
                guard lineIndent > top else { break }
                indents = lineIndent
            }
            pointer = lineStop
            lines.append((lineStart, lineStop))
        }
        lines = lines.map { (min($0.start + indents, $0.stop), $0.stop) }
        push(.startPipelessText, at: pos)
        pos = pointer
        if pos >= end {
            while let last = lines.last, last.start >= last.stop { lines.removeLast() }
        }
        for (index, line) in lines.enumerated() {
            if index != 0 { push(.newline, at: line.start) }
            try addText(.text, line.start, line.stop, at: line.start)
        }
        push(.endPipelessText, at: pos)
    }

    private mutating func skipBlankLine() -> Bool {
        guard byte() == UInt8(ascii: "\n") else { return false }
        var i = pos + 1
        while i < end, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
        guard i < end, bytes[i] == UInt8(ascii: "\n") else { return false }
        pos = i
        return true
    }

    private enum TextMarker {
        case closingBracket(Int)                 // `]` ending a `#[...]` interpolation
        case tagInterpolation(Int)               // `#[`
        case escapedTagInterpolation(Int)        // `\#[`
        case interpolation(Int, bang: Bool)      // `#{` or `!{`
        case escapedInterpolation(Int)           // `\#{` or `\!{`
    }

    /// The first interpolation-related marker in `bytes[start..<stop]`, in one pass.
    private func firstMarker(_ start: Int, _ stop: Int) -> TextMarker? {
        var i = start
        while i < stop {
            let c = bytes[i]
            if c == UInt8(ascii: "]"), interpolated { return .closingBracket(i) }
            if interpolationAllowed {
                let next = i + 1 < stop ? bytes[i + 1] : 0
                if c == UInt8(ascii: "\\"), i + 2 < stop, next == UInt8(ascii: "#") || next == UInt8(ascii: "!") {
                    if bytes[i + 2] == UInt8(ascii: "{") { return .escapedInterpolation(i) }
                    if next == UInt8(ascii: "#"), bytes[i + 2] == UInt8(ascii: "[") { return .escapedTagInterpolation(i) }
                }
                if c == UInt8(ascii: "#"), next == UInt8(ascii: "[") { return .tagInterpolation(i) }
                if c == UInt8(ascii: "#") || c == UInt8(ascii: "!"), next == UInt8(ascii: "{") {
                    return .interpolation(i, bang: c == UInt8(ascii: "!"))
                }
            }
            i += 1
        }
        return nil
    }

    /// Pug's `addText`: splits a run of text at `#{}`/`!{}` interpolations, `#[tag]`
    /// interpolations and (inside an interpolation) the closing `]`. Escaped markers
    /// (`\#{`, `\#[`) become literal text. Iterative, so long lines cannot exhaust the stack.
    mutating func addText(_ kind: PugToken.Kind, _ start: Int, _ stop: Int, at offset: Int) throws {
        var start = start
        var offset = offset
        var prefix = ""
        var progress = LoopProgress()
        while progress.advanced(to: start) {
            guard let marker = firstMarker(start, stop) else {
                push(kind, at: offset, prefix + string(start, stop))
                return
            }
            switch marker {
            case .escapedTagInterpolation(let x):
                prefix += string(start, x) + "#["
                start = x + 3
            case .escapedInterpolation(let x):
                prefix += string(start, x) + string(x + 1, x + 3)
                start = x + 3
            case .tagInterpolation(let t):
                push(kind, at: offset, prefix + string(start, t))
                prefix = ""
                push(.startPugInterpolation, at: t)
                if depth >= Self.maximumDepth { throw error(.pugTooDeep, "tag interpolations are nested too deeply", at: t) }
                var child = PugLexer(bytes: bytes, path: path, start: t + 2, end: stop, interpolated: true, depth: depth + 1)
                child.indentWithTabs = indentWithTabs
                let childTokens = try child.tokenize()
                if childTokens.last?.kind == .eos {
                    throw error(.pugUnclosed, "End of line was reached with no closing bracket for interpolation.", at: t)
                }
                tokens.append(contentsOf: childTokens)
                push(.endPugInterpolation, at: max(t, child.pos - 1))
                // Pug emits the rest of the line as text even when it is empty.
                start = child.pos
                offset = child.pos
                if start >= stop {
                    push(kind, at: offset, "")
                    return
                }
            case .closingBracket(let e):
                if !prefix.isEmpty || e > start { push(kind, at: offset, prefix + string(start, e)) }
                ended = true
                pos = e + 1
                return
            case .interpolation(let i, let bang):
                let before = prefix + string(start, i)
                prefix = ""
                if !before.isEmpty { push(kind, at: offset, before) }
                guard let close = PugJSScanner.indexOf(UInt8(ascii: "}"), in: bytes, from: i + 2, to: stop) else {
                    throw error(.pugUnclosed, "End of line was reached with no closing bracket for interpolation.", at: i)
                }
                var token = PugToken(.interpolatedCode, at: i, string(i + 2, close))
                token.mustEscape = !bang
                token.buffer = true
                tokens.append(token)
                guard close + 1 < stop else { return }
                start = close + 1
                offset = close + 1
            }
        }
        throw error(.pugUnexpectedText, "the lexer made no progress in text", at: start)
    }
}
