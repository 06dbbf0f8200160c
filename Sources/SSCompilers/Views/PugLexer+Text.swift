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
    mutating func pipelessText(forcedIndent: Int? = nil) throws {
        var progress = LoopProgress()
        while progress.advanced(to: pos), skipBlankLine() {}
        let captured = scanIndentation()
        let indents = forcedIndent ?? captured?.indents ?? 0
        let top = indentStack.last ?? 0
        guard indents > top else { return }
        let startTokenCount = tokens.count
        push(.startPipelessText, at: pos)
        var lines: [(start: Int, stop: Int, indented: Bool)] = []
        var pointer = pos
        var isMatch = true
        repeat {
            guard pointer < end, bytes[pointer] == UInt8(ascii: "\n") else { break }
            let lineStart = pointer + 1
            let lineStop = lineEnd(from: lineStart)
            let lineIndent = scanIndentation(at: pointer)?.indents ?? 0
            let indented = lineIndent >= indents
            let blankLine = bytes[lineStart..<lineStop].allSatisfy { $0 == 32 || $0 == 9 }
            isMatch = indented || blankLine
            if isMatch {
                pointer = lineStop
                let textStart = min(lineStart + indents, lineStop)
                lines.append((textStart, lineStop, indented))
            } else if lineIndent > top {
                // Less indented than the first line but still inside: retry with that width.
                tokens.removeSubrange(startTokenCount...)
                try pipelessText(forcedIndent: lineIndent)
                return
            }
        } while pointer < end && isMatch
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

    /// Pug's `addText`: splits a run of text at `#{}`/`!{}` interpolations, `#[tag]`
    /// interpolations and (inside an interpolation) the closing `]`. `prefix` carries
    /// text already decided to be literal (from `\#{` escapes).
    mutating func addText(_ kind: PugToken.Kind, _ start: Int, _ stop: Int, at offset: Int, prefix: String = "",
                          recursion: Int = 0) throws {
        if start >= stop, prefix.isEmpty, recursion > 0 { return }
        if recursion > 10_000 { throw error(.pugTooDeep, "text is too complex", at: start) }
        let endIndex = interpolated ? firstIndex(of: [UInt8(ascii: "]")], start, stop) : nil
        let tagStart = interpolationAllowed ? firstIndex(of: Array("#[".utf8), start, stop) : nil
        let escapedTag = interpolationAllowed ? firstIndex(of: Array("\\#[".utf8), start, stop) : nil
        var stringInterp: (index: Int, escaped: Bool, bang: Bool)? = nil
        if interpolationAllowed {
            var i = start
            while i + 1 < stop {
                if (bytes[i] == UInt8(ascii: "#") || bytes[i] == UInt8(ascii: "!")), bytes[i + 1] == UInt8(ascii: "{") {
                    let escaped = i > start && bytes[i - 1] == UInt8(ascii: "\\")
                    stringInterp = (escaped ? i - 1 : i, escaped, bytes[i] == UInt8(ascii: "!"))
                    break
                }
                i += 1
            }
        }
        let inf = Int.max
        let e = endIndex ?? inf, t = tagStart ?? inf, x = escapedTag ?? inf, s = stringInterp?.index ?? inf

        if x != inf, x < e, x < t, x < s {
            try addText(kind, x + 3, stop, at: offset, prefix: prefix + string(start, x) + "#[", recursion: recursion + 1)
            return
        }
        if t != inf, t < e, t < x, t < s {
            push(kind, at: offset, prefix + string(start, t))
            push(.startPugInterpolation, at: t)
            if depth >= Self.maximumDepth { throw error(.pugTooDeep, "tag interpolations are nested too deeply", at: t) }
            var child = PugLexer(bytes: bytes, path: path, start: t + 2, end: stop, interpolated: true, depth: depth + 1)
            let childTokens = try child.tokenize()
            if childTokens.last?.kind == .eos {
                throw error(.pugUnclosed, "End of line was reached with no closing bracket for interpolation.", at: t)
            }
            tokens.append(contentsOf: childTokens)
            push(.endPugInterpolation, at: max(t, child.pos - 1))
            try addText(kind, child.pos, stop, at: child.pos, recursion: recursion + 1)
            return
        }
        if e != inf, e < t, e < x, e < s {
            if !prefix.isEmpty || e > start {
                try addText(kind, start, e, at: offset, prefix: prefix, recursion: recursion + 1)
            }
            ended = true
            pos = e + 1
            return
        }
        if let interp = stringInterp {
            let markerIndex = interp.escaped ? interp.index + 1 : interp.index
            if interp.escaped {
                let literal = prefix + string(start, interp.index) + string(markerIndex, markerIndex + 2)
                try addText(kind, markerIndex + 2, stop, at: offset, prefix: literal, recursion: recursion + 1)
                return
            }
            let before = prefix + string(start, interp.index)
            if !before.isEmpty { push(kind, at: offset, before) }
            guard let close = PugJSScanner.indexOf(UInt8(ascii: "}"), in: bytes, from: markerIndex + 2, to: stop) else {
                throw error(.pugUnclosed, "End of line was reached with no closing bracket for interpolation.", at: markerIndex)
            }
            var token = PugToken(.interpolatedCode, at: markerIndex, string(markerIndex + 2, close))
            token.mustEscape = !interp.bang
            token.buffer = true
            tokens.append(token)
            if close + 1 < stop {
                try addText(kind, close + 1, stop, at: close + 1, recursion: recursion + 1)
            }
            return
        }
        push(kind, at: offset, prefix + string(start, stop))
    }

    private func firstIndex(of needle: [UInt8], _ start: Int, _ stop: Int) -> Int? {
        guard let first = needle.first, stop - start >= needle.count else { return nil }
        var i = start
        while i + needle.count <= stop {
            if bytes[i] == first, needle.count == 1 || Array(bytes[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }
}
