/// Tokenizes a whole file without a parser, deciding regex-versus-division and template
/// continuations from the previous token and a bracket stack (the way editors do).
///
/// The guess matches the grammar on real code: after `)` a `/` is a regex only when the
/// parenthesis belonged to `if`/`while`/`for`/`with`; after `}` only when the brace was a
/// block. It also reports lexical errors and unbalanced brackets.
///
/// ```swift
/// let stream = JSTokenStream(file: SourceFile(path: "a.js", text: "if (x) /a/.test(y)"))
/// stream.tokens.map(\.kind)   // identifier, (, identifier, ), regex, ...
/// ```
public struct JSTokenStream {
    public private(set) var tokens: [JSToken] = []
    public private(set) var diagnostics: [Diagnostic] = []
    public private(set) var keptComments: [JSComment] = []
    public let hashbangLength: Int
    public let bytes: [UInt8]

    private enum Context {
        case paren(regexAfter: Bool, offset: Int)
        case bracket(offset: Int)
        case brace(block: Bool, offset: Int)
        case substitution(offset: Int)
    }

    public init(file: SourceFile) {
        var lexer = JSLexer(file: file)
        var stack: [Context] = []
        var tokens: [JSToken] = []
        tokens.reserveCapacity(lexer.bytes.count / 4)
        var bracketErrors: [Diagnostic] = []
        var regexAfterClose = false
        var progress = LoopProgress()

        func bracketError(_ message: String, _ offset: Int) {
            guard bracketErrors.count < 20 else { return }
            bracketErrors.append(.error(.jsUnbalancedBracket, message, in: file, at: file.location(ofOffset: offset)))
        }

        while true {
            guard progress.advanced(to: lexer.position) else {
                tokens.append(JSToken(kind: .eof, newlineBefore: false, start: lexer.position, end: lexer.position))
                break
            }
            let prev = tokens.last
            var token = lexer.scan(regexAllowed: JSTokenStream.regexAllowed(after: prev, regexAfterClose, lexer.bytes))
            // A keyword after `.` is a property name (`a.return / 2`).
            if token.kind == .identifier, let prev, prev.punct == .dot || prev.punct == .questionDot {
                token.flags = []
            }
            if token.kind == .eof {
                tokens.append(token)
                break
            }
            switch token.kind {
            case .templateHead:
                stack.append(.substitution(offset: token.start))
            case .punctuator:
                switch token.punct {
                case .lparen:
                    stack.append(.paren(regexAfter: JSTokenStream.isControlKeyword(prev, lexer.bytes), offset: token.start))
                case .lbracket:
                    stack.append(.bracket(offset: token.start))
                case .lbrace:
                    stack.append(.brace(block: JSTokenStream.braceIsBlock(after: prev, in: stack, lexer.bytes),
                                        offset: token.start))
                case .rparen, .rbracket, .rbrace:
                    let want = token.punct
                    var matched = false
                    while let top = stack.last {
                        switch (top, want) {
                        case (.paren(let regexAfter, _), .rparen):
                            regexAfterClose = regexAfter
                            matched = true
                        case (.bracket, .rbracket):
                            matched = true
                        case (.brace(let block, _), .rbrace):
                            regexAfterClose = block
                            matched = true
                        case (.substitution, .rbrace):
                            token = lexer.scanTemplateContinuation(from: token)
                            if token.kind == .templateTail { stack.removeLast() }
                            matched = true
                        default:
                            break
                        }
                        if matched {
                            if token.kind == .punctuator { stack.removeLast() }
                            break
                        }
                        // Only unwind when the closer really matches something further down.
                        let opensBelow = stack.dropLast().contains { JSTokenStream.closes(want, $0) }
                        if !opensBelow { break }
                        let (label, offset) = JSTokenStream.describe(top)
                        bracketError("'\(label)' is never closed", offset)
                        stack.removeLast()
                    }
                    if !matched {
                        let closer = want == .rparen ? ")" : want == .rbracket ? "]" : "}"
                        bracketError("unexpected '\(closer)' without a matching opener", token.start)
                    }
                default:
                    break
                }
            default:
                break
            }
            tokens.append(token)
        }
        for context in stack.reversed() {
            let (label, offset) = JSTokenStream.describe(context)
            bracketError("'\(label)' is never closed", offset)
        }
        self.tokens = tokens
        self.keptComments = lexer.keptComments
        self.hashbangLength = lexer.hashbangLength
        self.bytes = lexer.bytes
        self.diagnostics = (lexer.diagnostics + bracketErrors).sorted {
            ($0.range?.start.offset ?? 0) < ($1.range?.start.offset ?? 0)
        }
    }

    private static func closes(_ closer: JSPunct, _ context: Context) -> Bool {
        switch (context, closer) {
        case (.paren, .rparen), (.bracket, .rbracket), (.brace, .rbrace), (.substitution, .rbrace): return true
        default: return false
        }
    }

    private static func describe(_ context: Context) -> (String, Int) {
        switch context {
        case .paren(_, let offset): return ("(", offset)
        case .bracket(let offset): return ("[", offset)
        case .brace(_, let offset): return ("{", offset)
        case .substitution(let offset): return ("${", offset)
        }
    }

    static func regexAllowed(after prev: JSToken?, _ regexAfterClose: Bool, _ bytes: [UInt8]) -> Bool {
        guard let prev else { return true }
        switch prev.kind {
        case .identifier: return prev.flags.contains(.beforeExpression)
        case .privateName, .number, .string, .template, .templateTail, .regex: return false
        case .templateHead, .templateMiddle, .eof: return true
        case .punctuator:
            switch prev.punct {
            case .rparen, .rbrace: return regexAfterClose
            case .rbracket, .plus2, .minus2: return false
            default: return true
            }
        }
    }

    private static func isControlKeyword(_ token: JSToken?, _ bytes: [UInt8]) -> Bool {
        guard let token, token.kind == .identifier else { return false }
        let length = token.end - token.start
        guard length >= 2, length <= 5 else { return false }
        let word = String(decoding: bytes[token.start..<token.end], as: UTF8.self)
        return word == "if" || word == "while" || word == "for" || word == "with"
    }

    private static func braceIsBlock(after prev: JSToken?, in stack: [Context], _ bytes: [UInt8]) -> Bool {
        guard let prev else { return true }
        switch prev.kind {
        case .templateHead, .templateMiddle: return false
        case .identifier:
            guard prev.flags.contains(.beforeExpression) else { return true }
            let word = String(decoding: bytes[prev.start..<prev.end], as: UTF8.self)
            return word == "do" || word == "else"
        case .punctuator:
            switch prev.punct {
            case .rparen, .semicolon, .lbrace, .rbrace, .arrow: return true
            case .colon:
                switch stack.last {
                case .brace(let block, _)?: return block
                case nil: return true
                default: return false
                }
            default: return false
            }
        default:
            return true
        }
    }
}
