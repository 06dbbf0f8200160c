/// Finds the extent of embedded JavaScript without understanding it: string and
/// template literals, comments, regular expression literals (by the usual heuristic)
/// and bracket nesting. This is what Pug's `character-parser` does; the expressions
/// themselves are passed through to the generated render function untouched.
///
/// ```swift
/// var scanner = PugJSScanner()
/// for byte in Array("f(a, ')')".utf8) { scanner.feed(byte) }
/// scanner.isNesting   // false: the call is closed
/// ```
struct PugJSScanner {
    private enum Frame: Equatable {
        case bracket(UInt8)       // the closing byte we wait for: ) ] }
        case template             // inside a `...` literal
        case substitution         // inside ${ ... } of a template literal
    }

    private enum Mode: Equatable {
        case code
        case string(UInt8)
        case lineComment
        case blockComment
        case regex(inClass: Bool)
    }

    private var stack: [Frame] = []
    private var mode: Mode = .code
    private var escaped = false
    private var lastSignificant: UInt8 = 0 {
        didSet {
            previousSignificant = oldValue
            if firstSignificant == 0 { firstSignificant = lastSignificant }
        }
    }
    private var previousSignificant: UInt8 = 0
    private var firstSignificant: UInt8 = 0
    private var previous: UInt8 = 0
    /// Conditional-operator `?`s at depth 0 still waiting for their `:`.
    private var openTernaries = 0
    private var pendingQuestion = false
    /// The identifier just before the current position, to tell `return /re/` from a division.
    private var word: [UInt8] = []
    private var lastWord: [UInt8] = []

    /// True while inside brackets (or a `${}` substitution) that are not yet closed.
    var isNesting: Bool { stack.contains { if case .template = $0 { return false } else { return true } } }
    /// True while inside a string, template literal, comment or regex.
    var isString: Bool {
        if mode != .code { return true }
        if case .template? = stack.last { return true }
        // A `/` where a regex may start: the next byte decides, but it is not code yet.
        if let slash = pendingSlash, slash.regexAllowed { return true }
        return false
    }
    /// True when a closing bracket did not match its opener.
    private(set) var mismatched = false
    var depth: Int { stack.count }

    mutating func feed(_ c: UInt8) {
        if let slash = pendingSlash {
            pendingSlash = nil
            if c == UInt8(ascii: "/") { mode = .lineComment; return }
            if c == UInt8(ascii: "*") { mode = .blockComment; previous = 0; return }
            if slash.regexAllowed {
                mode = .regex(inClass: false)
                feedRegex(c)
                previous = c
                return
            }
            lastSignificant = UInt8(ascii: "/")
        }
        defer { previous = c }
        if case .template? = stack.last, mode == .code {
            if escaped { escaped = false; return }
            if c == UInt8(ascii: "\\") { escaped = true; return }
            if c == UInt8(ascii: "`") { stack.removeLast(); lastSignificant = c; return }
            if c == UInt8(ascii: "{"), previous == UInt8(ascii: "$") { stack.append(.substitution); lastSignificant = c }
            return
        }
        switch mode {
        case .string(let quote):
            if escaped { escaped = false } else if c == UInt8(ascii: "\\") { escaped = true } else if c == quote {
                mode = .code
                lastSignificant = c
            }
            return
        case .lineComment:
            if c == UInt8(ascii: "\n") { mode = .code }
            return
        case .blockComment:
            if c == UInt8(ascii: "/"), previous == UInt8(ascii: "*") { mode = .code }
            return
        case .regex:
            feedRegex(c)
            return
        case .code:
            break
        }
        if stack.isEmpty {
            if pendingQuestion {
                pendingQuestion = false
                if c == UInt8(ascii: "?") {
                    // `??` is not a conditional.
                    lastSignificant = c
                    previous = c
                    return
                }
                if c != UInt8(ascii: ".") { openTernaries += 1 }
            }
            if c == UInt8(ascii: "?") {
                pendingQuestion = true
            } else if c == UInt8(ascii: ":"), openTernaries > 0 {
                openTernaries -= 1
            }
        }
        if pugIsIdentifierByte(c) {
            word.append(c)
        } else if !word.isEmpty {
            lastWord = word
            word.removeAll(keepingCapacity: true)
        }
        switch c {
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            mode = .string(c)
        case UInt8(ascii: "`"):
            stack.append(.template)
        case UInt8(ascii: "("): stack.append(.bracket(UInt8(ascii: ")")))
        case UInt8(ascii: "["): stack.append(.bracket(UInt8(ascii: "]")))
        case UInt8(ascii: "{"): stack.append(.bracket(UInt8(ascii: "}")))
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            if let last = stack.last, last == .bracket(c) || (last == .substitution && c == UInt8(ascii: "}")) {
                stack.removeLast()
            } else {
                mismatched = true
            }
        case UInt8(ascii: "/"):
            pendingSlash = PendingSlash(regexAllowed: regexAllowed)
            return
        default:
            break
        }
        if !isSpace(c) { lastSignificant = c }
    }

    private struct PendingSlash { var regexAllowed: Bool }
    private var pendingSlash: PendingSlash? = nil

    private mutating func feedRegex(_ c: UInt8) {
        guard case .regex(let inClass) = mode else { return }
        if escaped { escaped = false; return }
        if c == UInt8(ascii: "\\") { escaped = true; return }
        if c == UInt8(ascii: "[") { mode = .regex(inClass: true) }
        else if c == UInt8(ascii: "]") { mode = .regex(inClass: false) }
        else if c == UInt8(ascii: "/"), !inClass { mode = .code; lastSignificant = UInt8(ascii: "a"); word = []; lastWord = [] }
        else if c == UInt8(ascii: "\n") { mode = .code }
    }

    private var regexAllowed: Bool {
        if lastSignificant == 0 { return true }
        if pugIsIdentifierByte(lastSignificant) || lastSignificant == UInt8(ascii: ")")
            || lastSignificant == UInt8(ascii: "]") || lastSignificant == UInt8(ascii: "}")
            || lastSignificant == UInt8(ascii: "'") || lastSignificant == UInt8(ascii: "\"")
            || lastSignificant == UInt8(ascii: "`")
        {
            let keyword = String(decoding: word.isEmpty ? lastWord : word, as: UTF8.self)
            return pugIsIdentifierByte(lastSignificant) && ["return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else"].contains(keyword)
        }
        return true
    }

    private func isSpace(_ c: UInt8) -> Bool {
        c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r")
    }
}

func pugIsIdentifierByte(_ c: UInt8) -> Bool {
    (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
        || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_") || c == UInt8(ascii: "$")
        || c >= 0x80
}

extension PugJSScanner {
    /// The index of the first `delimiter` at nesting depth 0 outside strings in
    /// `bytes[start..<end]`, or nil when there is none.
    static func indexOf(_ delimiter: UInt8, in bytes: [UInt8], from start: Int, to end: Int) -> Int? {
        var scanner = PugJSScanner()
        var i = start
        while i < end {
            let c = bytes[i]
            if c == delimiter, !scanner.isNesting, !scanner.isString, scanner.depth == 0 { return i }
            scanner.feed(c)
            i += 1
        }
        return nil
    }

    /// Given `bytes[open]` is an opening bracket, the index of its matching closer.
    static func matchingBracket(in bytes: [UInt8], open: Int, end: Int) -> Int? {
        var scanner = PugJSScanner()
        scanner.feed(bytes[open])
        var i = open + 1
        while i < end {
            scanner.feed(bytes[i])
            if scanner.mismatched { return nil }
            if scanner.depth == 0, !scanner.isString { return i }
            i += 1
        }
        return nil
    }

    /// True when `text` scans with balanced brackets and closed strings.
    static func isBalanced(_ text: String) -> Bool {
        var scanner = PugJSScanner()
        for c in text.utf8 { scanner.feed(c) }
        return !scanner.mismatched && scanner.depth == 0 && !scanner.isString
    }

    /// A cheap stand-in for "is this a complete JavaScript expression": balanced, not
    /// empty, not ending in an operator or an operator keyword, and every `?` has its
    /// `:`. Used where Pug asks Babel whether an attribute value has ended.
    static func looksComplete(_ text: String) -> Bool {
        var scanner = PugJSScanner()
        for c in text.utf8 { scanner.feed(c) }
        return scanner.isCompleteExpression
    }

    /// `looksComplete` for everything fed so far (kept incrementally, so attribute
    /// lexing stays linear).
    var isCompleteExpression: Bool {
        guard !mismatched, stack.isEmpty, mode == .code, pendingSlash == nil, !pendingQuestion,
              lastSignificant != 0
        else { return false }
        if "+-*/%=&|^!~?:<>,.(".utf8.contains(lastSignificant) {
            // `a++` and `a--` are complete.
            return (lastSignificant == UInt8(ascii: "+") || lastSignificant == UInt8(ascii: "-"))
                && previousSignificant == lastSignificant
        }
        if "*/%=&|^?:<>,.)]}".utf8.contains(firstSignificant) { return false }
        if pugIsIdentifierByte(lastSignificant) {
            let trailing = String(decoding: word.isEmpty ? lastWord : word, as: UTF8.self)
            if ["typeof", "instanceof", "in", "new", "void", "delete", "await", "yield"].contains(trailing) { return false }
        }
        return openTernaries == 0
    }
}
