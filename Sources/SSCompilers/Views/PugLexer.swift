/// Turns Pug source into tokens, following `pug-lexer` scanner by scanner (the order
/// of `advance()` is Pug's, and decides what a line means).
///
/// The lexer works on UTF-8 bytes with offsets into one shared buffer; the child lexer
/// for a `#[tag]` interpolation is the same type over a sub-range, stopping at `]`.
struct PugLexer {
    let bytes: [UInt8]
    let path: String
    var pos: Int
    let end: Int
    let interpolated: Bool
    var tokens: [PugToken] = []
    var indentStack: [Int] = [0]
    /// Tabs (`/^\n(\t*) */`) or spaces (`/^\n( *)/`), fixed by the first indented line.
    var indentWithTabs: Bool? = nil
    var interpolationAllowed = true
    var ended = false
    /// Nesting of `#[...]` child lexers, bounded so that input cannot exhaust the stack.
    let depth: Int
    static let maximumDepth = 40

    init(bytes: [UInt8], path: String, start: Int = 0, end: Int? = nil, interpolated: Bool = false, depth: Int = 0) {
        self.bytes = bytes
        self.path = path
        self.pos = start
        self.end = end ?? bytes.count
        self.interpolated = interpolated
        self.depth = depth
    }

    /// Lexes everything (or, for an interpolation, up to the closing `]`).
    mutating func tokenize() throws -> [PugToken] {
        var progress = LoopProgress()
        while !ended {
            // Every scanner either consumes input or emits a token, so this combined
            // measure strictly grows; if it does not, bail out instead of spinning.
            guard progress.advanced(to: pos &* 1_000_003 &+ tokens.count) else {
                throw error(.pugUnexpectedText, "the lexer made no progress")
            }
            try advance()
        }
        return tokens
    }

    private mutating func advance() throws {
        if blank() { return }
        if eos() { return }
        if endInterpolation() { return }
        // Every keyword starts with a lowercase letter, `#{`, `+` or `!!!`: skip the
        // keyword scanners for other lines.
        let first = byte()
        if (first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z")) || first == UInt8(ascii: "#") || first == UInt8(ascii: "+")
            || first == UInt8(ascii: "!") {
            if try keywordScanners() { return }
        }
        if try tag() { return }
        if try filter() { return }
        if try blockCode() { return }
        if try code() { return }
        if try id() { return }
        if try dot() { return }
        if try className() { return }
        if try attrs() { return }
        if try attributesBlock() { return }
        if try indent() { return }
        if try text() { return }
        if try textHtml() { return }
        if try comment() { return }
        if slash() { return }
        if colon() { return }
        let preview = String(decoding: bytes[pos..<min(end, pos + 5)], as: UTF8.self)
        throw error(.pugUnexpectedText, "unexpected text \"\(preview)\"")
    }

    // MARK: - Byte helpers

    func byte(_ i: Int = 0) -> UInt8 { pos + i < end ? bytes[pos + i] : 0 }

    func starts(with text: String, at offset: Int = 0) -> Bool {
        var i = pos + offset
        for c in text.utf8 {
            guard i < end, bytes[i] == c else { return false }
            i += 1
        }
        return true
    }

    /// The index of the next newline (or `end`) from `index`.
    func lineEnd(from index: Int) -> Int {
        var i = index
        while i < end, bytes[i] != UInt8(ascii: "\n") { i += 1 }
        return i
    }

    func string(_ from: Int, _ to: Int) -> String {
        let from = max(0, from)
        let to = min(to, bytes.count)
        guard from < to else { return "" }
        return String(decoding: bytes[from..<to], as: UTF8.self)
    }

    func error(_ id: DiagnosticID, _ message: String, at offset: Int? = nil) -> PugError {
        PugError(id: id, message: message, path: path, offset: offset ?? pos)
    }

    mutating func push(_ kind: PugToken.Kind, at offset: Int, _ val: String = "") {
        tokens.append(PugToken(kind, at: offset, val))
    }

    // MARK: - Structure

    private mutating func blank() -> Bool {
        guard byte() == UInt8(ascii: "\n") else { return false }
        var i = pos + 1
        while i < end, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
        guard i < end, bytes[i] == UInt8(ascii: "\n") else { return false }
        pos = i
        return true
    }

    private mutating func eos() -> Bool {
        guard pos >= end else { return false }
        if interpolated {
            // Reported by the caller, which knows where the interpolation started.
            ended = true
            tokens.append(PugToken(.eos, at: pos, "unterminated"))
            return true
        }
        for level in indentStack.reversed() where level > 0 { push(.outdent, at: pos); _ = level }
        push(.eos, at: pos)
        ended = true
        return true
    }

    private mutating func endInterpolation() -> Bool {
        guard interpolated, byte() == UInt8(ascii: "]") else { return false }
        pos += 1
        ended = true
        return true
    }

    /// `/^\n(\t*) */` or `/^\n( *)/`: returns the indentation width and the length of
    /// the whole match (newline and all leading whitespace the pattern eats).
    mutating func scanIndentation(at start: Int? = nil) -> (indents: Int, length: Int)? {
        let s = start ?? pos
        guard s < end, bytes[s] == UInt8(ascii: "\n") else { return nil }
        func run(_ c: UInt8, from: Int) -> Int {
            var i = from
            while i < end, bytes[i] == c { i += 1 }
            return i - from
        }
        switch indentWithTabs {
        case true?:
            let tabs = run(UInt8(ascii: "\t"), from: s + 1)
            let spaces = run(UInt8(ascii: " "), from: s + 1 + tabs)
            return (tabs, 1 + tabs + spaces)
        case false?:
            let spaces = run(UInt8(ascii: " "), from: s + 1)
            return (spaces, 1 + spaces)
        case nil:
            let tabs = run(UInt8(ascii: "\t"), from: s + 1)
            if tabs > 0 {
                if start == nil { indentWithTabs = true }
                let spaces = run(UInt8(ascii: " "), from: s + 1 + tabs)
                return (tabs, 1 + tabs + spaces)
            }
            let spaces = run(UInt8(ascii: " "), from: s + 1)
            if spaces > 0, start == nil { indentWithTabs = false }
            return (spaces, 1 + spaces)
        }
    }

    private mutating func indent() throws -> Bool {
        guard let captured = scanIndentation() else { return false }
        let indents = captured.indents
        pos += indents + 1
        if byte() == UInt8(ascii: " ") || byte() == UInt8(ascii: "\t") {
            throw error(.pugIndentation, "Invalid indentation, you can use tabs or spaces but not both")
        }
        if byte() == UInt8(ascii: "\n") {
            // A blank line: Pug makes the newline token here but never emits it.
            interpolationAllowed = true
            return true
        }
        let top = indentStack.last ?? 0
        if indents < top {
            var count = 0
            while let current = indentStack.last, current > indents {
                let below = indentStack.count >= 2 ? indentStack[indentStack.count - 2] : 0
                if below < indents {
                    throw error(.pugIndentation,
                        "Inconsistent indentation. Expecting either \(below) or \(current) spaces/tabs.")
                }
                count += 1
                indentStack.removeLast()
            }
            for _ in 0..<count { push(.outdent, at: pos) }
        } else if indents > 0, indents != top {
            push(.indent, at: pos, String(indents))
            indentStack.append(indents)
        } else {
            push(.newline, at: pos)
        }
        interpolationAllowed = true
        return true
    }

    private mutating func slash() -> Bool {
        guard byte() == UInt8(ascii: "/") else { return false }
        push(.slash, at: pos)
        pos += 1
        return true
    }

    private mutating func colon() -> Bool {
        guard byte() == UInt8(ascii: ":"), byte(1) == UInt8(ascii: " ") else { return false }
        push(.colon, at: pos)
        pos += 1
        while byte() == UInt8(ascii: " ") { pos += 1 }
        return true
    }

    /// Pug's `scanEndOfLine`: `keyword` followed by `:` (kept for block expansion) or
    /// by nothing but blanks up to the end of the line (consumed).
    mutating func scanEndOfLine(_ keyword: String, _ kind: PugToken.Kind) -> Bool {
        guard starts(with: keyword) else { return false }
        let after = pos + keyword.utf8.count
        if after < end, bytes[after] == UInt8(ascii: ":") {
            push(kind, at: pos)
            pos = after
            return true
        }
        var i = after
        while i < end, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
        guard i >= end || bytes[i] == UInt8(ascii: "\n") else { return false }
        push(kind, at: pos)
        pos = i
        return true
    }
}
