/// A recursive-descent parser for ES2023 scripts and modules.
///
/// It drives `JSLexer` itself (a `/` in operand position is rescanned as a regex), builds
/// the scope tree while parsing, recovers after an error at the next statement and
/// reports up to `maxErrors` diagnostics, and limits nesting to `maxDepth`.
///
/// ```swift
/// var parser = JSParser(file: SourceFile(path: "a.js", text: "let a = b?.c ?? 1"))
/// let program = parser.parseProgram()
/// parser.diagnostics.isEmpty   // true
/// ```
public struct JSParser {
    public static let maxDepth = 200
    public static let maxErrors = 20

    var lexer: JSLexer
    var token: JSToken
    var prevEnd = 0
    /// Start of the token before the current one: the identifier a `reference` names.
    var prevStart = 0
    /// Which of the lexer's kept comments stand before a statement (the ones printed, as esbuild
    /// does: a `/*!` inside an expression, such as jQuery's `var Sizzle = /*! ... */ (function`,
    /// is dropped), and how many of them have been looked at.
    var statementComments: [Bool] = []
    public internal(set) var diagnostics: [Diagnostic] = []
    public internal(set) var scopes = JSScopes()
    /// Names of block-level function declarations: never renamed anywhere (Annex B).
    var pinnedNames: Set<String> = []
    var scope: Int32 = 0
    var depth = 0
    var withDepth = 0
    var inFunction = false
    var inAsync = false
    var inGenerator = false
    var isModule = false
    let file: SourceFile

    struct Failure: Error {}

    public init(file: SourceFile, module: Bool = false) {
        self.file = file
        self.lexer = JSLexer(file: file)
        self.isModule = module
        self.token = JSToken(kind: .eof, newlineBefore: false, start: 0, end: 0)
        self.token = lexer.scan(regexAllowed: true)
        if module { scopes.setKind(.module, of: 0) }
        scopes.reserveCapacity(sourceBytes: lexer.bytes.count)
    }

    var bytes: [UInt8] { lexer.bytes }

    // MARK: Tokens

    mutating func next() {
        prevStart = token.start
        prevEnd = token.end
        token = lexer.scan(regexAllowed: false)
    }

    func isPunct(_ punct: JSPunct) -> Bool { token.kind == .punctuator && token.punct == punct }

    mutating func eat(_ punct: JSPunct) -> Bool {
        guard isPunct(punct) else { return false }
        next()
        return true
    }

    mutating func expect(_ punct: JSPunct, _ what: String) throws {
        guard isPunct(punct) else { try fail("expected '\(what)' but found \(describe(token))") }
        next()
    }

    /// True when the current token is the identifier `word` written without escapes.
    @inline(__always)
    func isWord(_ word: StaticString) -> Bool {
        guard token.kind == .identifier, token.end - token.start == word.utf8CodeUnitCount else { return false }
        return lexer.matches(token.start, word)
    }

    func text(_ t: JSToken) -> String { String(decoding: bytes[t.start..<t.end], as: UTF8.self) }

    /// The first byte after the current token that is not plain whitespace, or `/` when a
    /// comment may follow (callers then peek properly). Much cheaper than `peek()`.
    func nextSignificantByte() -> UInt8 {
        var i = token.end
        let count = bytes.count
        while i < count {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { i += 1; continue }
            return b >= 0x80 ? UInt8(ascii: "/") : b
        }
        return 0
    }

    /// The token after the current one, without consuming anything.
    func peek() -> JSToken {
        var copy = lexer
        return copy.scan(regexAllowed: false)
    }

    func describe(_ t: JSToken) -> String {
        switch t.kind {
        case .eof: return "end of file"
        case .string: return "string"
        case .number: return "number"
        case .template, .templateHead: return "template literal"
        default:
            let raw = text(t)
            return "'" + (raw.count > 20 ? String(raw.prefix(20)) + "…" : raw) + "'"
        }
    }

    // MARK: Errors

    mutating func report(_ id: DiagnosticID, _ message: String, at offset: Int) {
        if let last = diagnostics.last, last.range?.start.offset == offset { return }
        if diagnostics.count < JSParser.maxErrors {
            diagnostics.append(.error(id, message, in: file, at: file.location(ofOffset: offset)))
        } else if diagnostics.count == JSParser.maxErrors {
            diagnostics.append(.error(.jsTooManyErrors, "too many errors; stopped reporting", in: file,
                                      at: file.location(ofOffset: offset)))
        }
    }

    mutating func fail(_ message: String, id: DiagnosticID = .jsUnexpectedToken, at offset: Int? = nil) throws -> Never {
        report(id, message, at: offset ?? token.start)
        throw Failure()
    }

    mutating func enter() throws {
        depth += 1
        if depth > JSParser.maxDepth {
            try fail("nesting is too deep (more than \(JSParser.maxDepth) levels)", id: .jsNestingTooDeep)
        }
    }

    /// Accepts `;`, or inserts one where automatic semicolon insertion allows.
    mutating func semicolon() throws {
        if eat(.semicolon) { return }
        if isPunct(.rbrace) || token.kind == .eof || token.newlineBefore { return }
        try fail("expected ';' but found \(describe(token))")
    }

    /// After an error: skips to the next plausible statement start.
    mutating func synchronize(from start: Int) {
        if token.start == start, token.kind != .eof { next() }
        var braces = 0
        var progress = LoopProgress()
        while token.kind != .eof, progress.advanced(to: token.start) {
            if braces == 0 {
                if isPunct(.semicolon) { next(); return }
                if isPunct(.rbrace) { return }
                if token.newlineBefore { return }
            }
            if isPunct(.lbrace) { braces += 1 }
            if isPunct(.rbrace) { braces -= 1 }
            next()
        }
    }

    // MARK: Scopes

    mutating func pushScope(_ kind: JSScopes.Kind) -> Int32 {
        let created = scopes.push(kind, parent: scope)
        scope = created
        return created
    }

    mutating func popScope(to parent: Int32) { scope = parent }

    /// A new reference slot for `name`, written at `offset` (by default the token just consumed).
    mutating func reference(_ name: String, at offset: Int? = nil) -> JSIdent {
        JSIdent(name: name, slot: scopes.newReference(name, scope: scope, insideWith: withDepth > 0,
                                                      offset: offset ?? prevStart))
    }

    /// The nearest scope where `var` declarations land.
    var varScope: Int32 {
        var s = scopes.live(scope)
        while s > 0 {
            let kind = scopes.scopes[Int(s)].kind
            if kind == .function || kind == .module || kind == .global { return s }
            s = scopes.scopes[Int(s)].parent
        }
        return 0
    }

    // MARK: Program

    /// Parses the whole file. Top-level `import`/`export` switch a script to a module.
    public mutating func parseProgram() -> JSProgram {
        let body = parseStatements(directives: true) { $0.token.kind == .eof }
        scopes.resolve(pinnedNames: pinnedNames)
        markStatementComments()
        var legal: [String] = []
        for (index, comment) in lexer.keptComments.enumerated()
        where index < statementComments.count && statementComments[index] {
            legal.append(String(decoding: bytes[comment.start..<comment.end], as: UTF8.self))
        }
        let hashbang = lexer.hashbangLength > 0
            ? String(decoding: bytes[0..<lexer.hashbangLength], as: UTF8.self) : nil
        diagnostics = (lexer.diagnostics + diagnostics).sorted {
            ($0.range?.start.offset ?? 0) < ($1.range?.start.offset ?? 0)
        }
        return JSProgram(body: body, isModule: isModule, legalComments: legal, hashbang: hashbang)
    }

    /// Classifies the kept comments that end before the current token: the ones between the
    /// previous token and this one stand before a statement.
    mutating func markStatementComments() {
        let comments = lexer.keptComments
        while statementComments.count < comments.count, comments[statementComments.count].end <= token.start {
            statementComments.append(comments[statementComments.count].start >= prevEnd)
        }
    }

    /// Parses statements until `end` holds, recovering from errors statement by statement.
    mutating func parseStatements(directives: Bool, until end: (JSParser) -> Bool) -> [JSStmt] {
        var body: [JSStmt] = []
        var inPrologue = directives
        var progress = LoopProgress()
        while !end(self), token.kind != .eof {
            guard progress.advanced(to: token.start) else {
                synchronize(from: token.start)
                continue
            }
            let start = token.start
            if statementComments.count < lexer.keptComments.count { markStatementComments() }
            let savedScope = scope
            let savedDepth = depth
            let savedWith = withDepth
            do {
                if inPrologue, token.kind == .string {
                    let statement = try parseStatement()
                    if case .expression(.string(let raw)) = statement {
                        body.append(.directive(raw))
                        continue
                    }
                    inPrologue = false
                    body.append(statement)
                    continue
                }
                inPrologue = false
                body.append(try parseStatement())
            } catch {
                scope = savedScope
                depth = savedDepth
                withDepth = savedWith
                synchronize(from: start)
                if diagnostics.count > JSParser.maxErrors { return body }
            }
        }
        return body
    }
}
