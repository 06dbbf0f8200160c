/// The minifier's single pass. It collects the tokens between `{`, `;` and `}` into a
/// segment, and writes each segment by its role: a selector or at-rule prelude (ended by
/// `{`), or a declaration or at-rule statement (ended by `;` or `}`). Deciding at the
/// terminator makes CSS nesting work without knowing which blocks hold declarations.
struct CSSMinifyWriter {
    let file: SourceFile
    let bytes: [UInt8]
    let tokens: [CSSToken]
    var out: [UInt8] = []
    var diagnostics: [Diagnostic] = []

    /// A segment element: a token index, or -1 for collapsed whitespace/comments.
    private var segment: [Int] = []
    private var parenDepth = 0

    private struct Block {
        var isQualifiedRule: Bool
        var selector: [UInt8]
        var outStart: Int
        var contentStart: Int
        var hasNested = false
        var openOffset: Int
    }

    private struct ClosedRule {
        var depth: Int
        var selector: [UInt8]
        var outStart: Int
        var contentStart: Int
        var end: Int
    }

    private var stack: [Block] = []
    private var lastRule: ClosedRule? = nil

    init(file: SourceFile, bytes: [UInt8], tokens: [CSSToken]) {
        self.file = file
        self.bytes = bytes
        self.tokens = tokens
        out.reserveCapacity(bytes.count / 2)
    }

    mutating func run() {
        for index in tokens.indices {
            let token = tokens[index]
            switch token.kind {
            case .whitespace:
                if !segment.isEmpty, segment.last != -1 { segment.append(-1) }
            case .comment:
                if bytes[token.start + 2 < token.end ? token.start + 2 : token.start] == UInt8(ascii: "!"),
                    segment.isEmpty
                {
                    out.append(contentsOf: bytes[token.start..<token.end])
                } else if !segment.isEmpty, segment.last != -1 {
                    segment.append(-1)
                }
            case .lparen, .function, .lbracket:
                parenDepth += 1
                segment.append(index)
            case .rparen, .rbracket:
                parenDepth = max(0, parenDepth - 1)
                segment.append(index)
            case .lbrace where parenDepth == 0:
                openBlock(at: token.start)
            case .semicolon where parenDepth == 0:
                if writeStatement() { out.append(UInt8(ascii: ";")) }
            case .rbrace:
                parenDepth = 0
                _ = writeStatement()
                closeBlock(at: token.start)
            default:
                segment.append(index)
            }
        }
        _ = writeStatement()
        for block in stack.reversed() {
            diagnostics.append(.error(.cssUnbalancedBrace, "'{' is never closed", in: file,
                                      at: file.location(ofOffset: block.openOffset)))
        }
    }

    private mutating func takeSegment() -> [Int] {
        var taken = segment
        segment.removeAll(keepingCapacity: true)
        while taken.last == -1 { taken.removeLast() }
        return taken
    }

    private mutating func openBlock(at offset: Int) {
        let prelude = takeSegment()
        if !stack.isEmpty { stack[stack.count - 1].hasNested = true }
        let first = prelude.first.map { tokens[$0] }
        if let first, first.kind == .atKeyword {
            let start = out.count
            writeTokens(prelude, context: .atPrelude)
            out.append(UInt8(ascii: "{"))
            stack.append(Block(isQualifiedRule: false, selector: [], outStart: start, contentStart: out.count,
                               openOffset: offset))
            return
        }
        var selector: [UInt8] = []
        swap(&selector, &out)
        writeTokens(prelude, context: .selector)
        swap(&selector, &out)
        if let last = lastRule, last.depth == stack.count, last.end == out.count, last.selector == selector,
            !selector.isEmpty
        {
            // `a{x}a{y}` -> `a{x;y}`: adjacent, so no rule in between can change the cascade.
            out.removeLast()
            out.append(UInt8(ascii: ";"))
            stack.append(Block(isQualifiedRule: true, selector: selector, outStart: last.outStart,
                               contentStart: last.contentStart, openOffset: offset))
            lastRule = nil
            return
        }
        let start = out.count
        out.append(contentsOf: selector)
        out.append(UInt8(ascii: "{"))
        stack.append(Block(isQualifiedRule: true, selector: selector, outStart: start, contentStart: out.count,
                           openOffset: offset))
    }

    private mutating func closeBlock(at offset: Int) {
        guard let block = stack.popLast() else {
            diagnostics.append(.error(.cssUnbalancedBrace, "unexpected '}' without a matching '{'", in: file,
                                      at: file.location(ofOffset: offset)))
            return
        }
        if out.last == UInt8(ascii: ";"), out.count > block.contentStart { out.removeLast() }
        if block.isQualifiedRule, out.count == block.contentStart {
            out.removeSubrange(block.outStart...)
            lastRule = nil
            return
        }
        out.append(UInt8(ascii: "}"))
        lastRule = block.isQualifiedRule && !block.hasNested
            ? ClosedRule(depth: stack.count, selector: block.selector, outStart: block.outStart,
                         contentStart: block.contentStart, end: out.count)
            : nil
    }

    /// Writes the pending segment as a declaration or statement; false when it was empty.
    private mutating func writeStatement() -> Bool {
        let statement = takeSegment()
        guard let firstIndex = statement.first else { return false }
        let first = tokens[firstIndex]
        if first.kind == .atKeyword {
            writeTokens(statement, context: .atPrelude)
            return true
        }
        guard first.kind == .ident,
            let colon = statement.firstIndex(where: { $0 >= 0 && tokens[$0].kind == .colon })
        else {
            writeTokens(statement, context: .other)
            return true
        }
        let nameTokens = statement[..<colon].filter { $0 >= 0 }
        var value = Array(statement[(colon + 1)...])
        while value.first == -1 { value.removeFirst() }
        for index in nameTokens { out.append(contentsOf: bytes[tokens[index].start..<tokens[index].end]) }
        out.append(UInt8(ascii: ":"))
        let name = String(decoding: bytes[first.start..<first.end], as: UTF8.self).lowercased()
        if name.hasPrefix("--") {
            writeTokens(value, context: .other)
        } else {
            writeTokens(value, context: .value(property: name))
        }
        return true
    }
}
