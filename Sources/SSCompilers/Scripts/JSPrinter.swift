/// Prints a JavaScript syntax tree: compact (minified) or one statement per line.
///
/// Parentheses come from operator precedence, not from the source; a semicolon is
/// printed only before the next statement (never before `}`); spaces only where two
/// tokens would otherwise merge. Imports the AST only.
///
/// ```swift
/// var printer = JSPrinter(options: .init(minify: true))
/// printer.print(program)   // "function f(a){return a+1}"
/// ```
public struct JSPrinter {
    public struct Options: Sendable {
        /// No newlines between statements.
        public var minify = true
        /// `!0` for `true`, shortest numbers, `a.b` for `a["b"]`.
        public var shortenLiterals = true
        public init(minify: Bool = true, shortenLiterals: Bool = true) {
            self.minify = minify
            self.shortenLiterals = shortenLiterals
        }
    }

    let options: Options
    /// New names by reference slot (empty: keep every name).
    let names: [String]
    /// Source offsets by reference slot; non-empty turns on recording of `mappings`.
    let origins: [Int32]
    /// Where each printed identifier came from, in output order (see `JSPrinter+SourceMap`).
    var mappings: [JSMappingPoint] = []
    /// Statement and `new` starts: output offset and the index of the first identifier
    /// mapping inside (the anchor maps to that identifier's origin).
    var anchors: [(generated: Int32, mapping: Int32)] = []
    var nameIndexes: [String: Int32] = [:]
    var mappedNames: [String] = []
    var out: [UInt8] = []
    var pendingSemicolon = false
    var statementStart = -1
    var arrowBodyStart = -1
    var exportDefaultStart = -1
    var forbidInStart = false

    /// `sizeHint`: the expected output size in bytes (reserved up front).
    /// Labels in scope while printing, innermost last: original name and printed name.
    var labels: [(original: String, printed: String)] = []
    /// Printed label names by nesting depth (empty: labels keep their names).
    var labelNames: [String] = []
    let labelAlphabet: JSNameAlphabet?

    public init(options: Options = Options(), names: [String] = [], origins: [Int32] = [], sizeHint: Int = 0) {
        self.init(options: options, names: names, labelAlphabet: nil, origins: origins, sizeHint: sizeHint)
    }

    /// `labelAlphabet`: rename labels by nesting depth with names from it (nil: keep them).
    init(options: Options, names: [String], labelAlphabet: JSNameAlphabet?, origins: [Int32], sizeHint: Int) {
        self.options = options
        self.labelAlphabet = labelAlphabet
        self.names = names
        self.origins = origins
        out.reserveCapacity(sizeHint)
        if !origins.isEmpty { mappings.reserveCapacity(origins.count) }
    }

    public mutating func print(_ program: JSProgram) -> String {
        if let hashbang = program.hashbang {
            append(hashbang)
            out.append(0x0A)
        }
        for comment in program.legalComments {
            append(comment)
            out.append(0x0A)
        }
        printStatements(program.body)
        if !options.minify, out.last != 0x0A, !out.isEmpty { out.append(0x0A) }
        return String(decoding: out, as: UTF8.self)
    }

    /// A call chain whose head is a function expression (`(function(){})()`, `(function(){})().x`),
    /// alone or first in a sequence: a `!` before it applies to the chain alone.
    static func startsWithCalledFunction(_ e: JSExpr) -> Bool {
        var current = e
        if case .sequence(let items) = e, let first = items.first { current = first }
        var sawCall = false
        var steps = 0
        while steps < 1000 {
            steps += 1
            switch current {
            case .call(let callee, _, _):
                sawCall = true
                current = callee
            case .member(let object, _, _), .index(let object, _, _):
                current = object
            case .function:
                return sawCall
            default:
                return false
            }
        }
        return false
    }

    /// What a `break` or `continue` prints for a label: the innermost label of that name.
    func printedLabel(_ label: String) -> String {
        labels.last { $0.original == label }?.printed ?? label
    }

    func name(_ ident: JSIdent) -> String {
        if ident.slot >= 0, Int(ident.slot) < names.count { return names[Int(ident.slot)] }
        return ident.name
    }

    // MARK: Low-level output

    /// Appends text as it is, copying its UTF-8 bytes in one go.
    @inline(__always)
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    /// Appends a word, with a space if it would merge with the previous token.
    mutating func word(_ text: String) {
        if let last = out.last, jsIsIdentifierByte(last), let first = text.utf8.first, jsIsIdentifierByte(first) {
            out.append(0x20)
        }
        append(text)
    }

    /// Appends punctuation or a literal, with a space where the two would lex differently.
    mutating func raw(_ text: String) {
        guard let first = text.utf8.first else { return }
        if let last = out.last {
            let merges: Bool
            switch (last, first) {
            case (UInt8(ascii: "+"), UInt8(ascii: "+")), (UInt8(ascii: "-"), UInt8(ascii: "-")),
                (UInt8(ascii: "/"), UInt8(ascii: "/")), (UInt8(ascii: "/"), UInt8(ascii: "*")),
                (UInt8(ascii: "<"), UInt8(ascii: "!")):
                merges = true
            case (UInt8(ascii: "-"), UInt8(ascii: ">")):
                merges = out.count >= 2 && out[out.count - 2] == UInt8(ascii: "-")
            default:
                merges = jsIsIdentifierByte(last) && jsIsIdentifierByte(first)
            }
            if merges { out.append(0x20) }
        }
        append(text)
    }

    /// Appends one ASCII character (a scalar, so that `byte("{")` costs no `Character` work).
    mutating func byte(_ character: Unicode.Scalar) {
        out.append(character.isASCII ? UInt8(truncatingIfNeeded: character.value) : 0x3F)
    }

    mutating func flushSemicolon() {
        if pendingSemicolon {
            out.append(UInt8(ascii: ";"))
            pendingSemicolon = false
        }
    }

    mutating func newline() {
        if !options.minify { out.append(0x0A) }
    }

    // MARK: Statements

    mutating func printStatements(_ statements: [JSStmt]) {
        for statement in statements {
            if case .empty = statement { continue }
            flushSemicolon()
            if !options.minify, !out.isEmpty, out.last != 0x0A { out.append(0x0A) }
            printStatement(statement)
        }
    }

    mutating func printBlock(_ statements: [JSStmt]) {
        byte("{")
        printStatements(statements)
        pendingSemicolon = false
        newline()
        byte("}")
    }

    /// The body of `if`/`for`/`while`/...: an empty statement prints as `;`.
    mutating func printBody(_ statement: JSStmt) {
        if case .empty = statement {
            byte(";")
            return
        }
        printStatement(statement)
    }

    mutating func printStatement(_ statement: JSStmt) {
        // A label is no identifier of the map; the labelled statement gets its own anchor.
        if origins.isEmpty || { if case .labeled = statement { true } else { false } }() {
            printStatementBody(statement)
        } else {
            let anchor = beginAnchor()
            printStatementBody(statement)
            endAnchor(anchor)
        }
    }

    private mutating func printStatementBody(_ statement: JSStmt) {
        switch statement {
        case .expression(let expression):
            if case .string = expression {
                // Not a directive: keep it from becoming one.
                printExpr(.paren(expression), .lowest)
                pendingSemicolon = true
                return
            }
            statementStart = out.count
            if options.shortenLiterals, JSPrinter.startsWithCalledFunction(expression) {
                // `(function(){...})()` -> `!function(){...}()`: the statement's value is unused,
                // and `!` is one byte where the parentheses are two.
                byte("!")
            }
            printExpr(expression, .lowest)
            pendingSemicolon = true
        case .directive(let raw):
            self.raw(raw)
            pendingSemicolon = true
        case .variable(let declaration):
            printVarDecl(declaration, forbidIn: false)
            pendingSemicolon = true
        case .function(let function):
            printFunction(function, keyword: true)
        case .class(let value):
            printClass(value)
        case .block(let body):
            printBlock(body)
        case .empty:
            byte(";")
        case .if(let test, let consequent, let alternate):
            printIf(test, consequent, alternate)
        case .for(let initializer, let test, let update, let body):
            word("for")
            byte("(")
            if let initializer { printForInit(initializer) }
            byte(";")
            if let test { printExpr(test, .lowest) }
            byte(";")
            if let update { printExpr(update, .lowest) }
            byte(")")
            printBody(body)
        case .forIn(let left, let right, let body):
            word("for")
            byte("(")
            printForInit(left)
            word("in")
            printExpr(right, .lowest)
            byte(")")
            printBody(body)
        case .forOf(let left, let right, let body, let isAwait):
            word("for")
            if isAwait { word("await") }
            byte("(")
            printForInit(left)
            word("of")
            printExpr(right, .comma)
            byte(")")
            printBody(body)
        case .while(let test, let body):
            word("while")
            byte("(")
            printExpr(test, .lowest)
            byte(")")
            printBody(body)
        case .doWhile(let body, let test):
            word("do")
            printBody(body)
            flushSemicolon()
            word("while")
            byte("(")
            printExpr(test, .lowest)
            byte(")")
            pendingSemicolon = true
        case .return(let argument):
            word("return")
            if let argument { printExpr(argument, .lowest) }
            pendingSemicolon = true
        case .throw(let argument):
            word("throw")
            printExpr(argument, .lowest)
            pendingSemicolon = true
        case .break(let label):
            word("break")
            if let label { word(printedLabel(label)) }
            pendingSemicolon = true
        case .continue(let label):
            word("continue")
            if let label { word(printedLabel(label)) }
            pendingSemicolon = true
        case .try(let block, let param, let catchBody, let finalizer):
            word("try")
            printBlock(block)
            if let catchBody {
                word("catch")
                if let param {
                    byte("(")
                    printExpr(param, .comma)
                    byte(")")
                }
                printBlock(catchBody)
            }
            if let finalizer {
                word("finally")
                printBlock(finalizer)
            }
        case .switch(let discriminant, let cases):
            word("switch")
            byte("(")
            printExpr(discriminant, .lowest)
            byte(")")
            byte("{")
            for item in cases {
                flushSemicolon()
                newline()
                if let test = item.test {
                    word("case")
                    printExpr(test, .lowest)
                } else {
                    word("default")
                }
                byte(":")
                printStatements(item.body)
            }
            pendingSemicolon = false
            newline()
            byte("}")
        case .labeled(let label, let body):
            var printed = label
            if let labelAlphabet {
                while labelNames.count <= labels.count { labelNames.append(labelAlphabet.labelName(labelNames.count)) }
                printed = labelNames[labels.count]
            }
            word(printed)
            byte(":")
            labels.append((label, printed))
            printBody(body)
            labels.removeLast()
        case .with(let object, let body):
            word("with")
            byte("(")
            printExpr(object, .lowest)
            byte(")")
            printBody(body)
        case .debugger:
            word("debugger")
            pendingSemicolon = true
        case .importDecl, .exportNamed, .exportDecl, .exportDefault:
            printModuleStatement(statement)
        }
    }

    private mutating func printIf(_ test: JSExpr, _ consequent: JSStmt, _ alternate: JSStmt?) {
        word("if")
        byte("(")
        printExpr(test, .lowest)
        byte(")")
        guard let alternate else {
            printBody(consequent)
            return
        }
        if JSPrinter.endsWithIfWithoutElse(consequent) {
            printBlock([consequent])
        } else {
            printBody(consequent)
        }
        flushSemicolon()
        word("else")
        printBody(alternate)
    }

    /// `if (a) if (b) c; else d` binds the `else` to the inner `if`: such a consequent needs braces.
    static func endsWithIfWithoutElse(_ statement: JSStmt) -> Bool {
        switch statement {
        case .if(_, _, nil): return true
        case .if(_, _, let alternate?): return endsWithIfWithoutElse(alternate)
        case .for(_, _, _, let body), .forIn(_, _, let body), .forOf(_, _, let body, _), .while(_, let body),
            .labeled(_, let body), .with(_, let body):
            return endsWithIfWithoutElse(body)
        default: return false
        }
    }

    mutating func printForInit(_ initializer: JSForInit) {
        switch initializer {
        case .variable(let declaration):
            printVarDecl(declaration, forbidIn: true)
        case .expression(let expression):
            printExpr(expression, .lowest, forbidIn: true)
        }
    }

    mutating func printVarDecl(_ declaration: JSVarDecl, forbidIn: Bool) {
        word(declaration.kind.rawValue)
        for (index, declarator) in declaration.declarators.enumerated() {
            if index > 0 { byte(",") }
            printExpr(declarator.target, .comma)
            if let initializer = declarator.initializer {
                byte("=")
                printExpr(initializer, .comma, forbidIn: forbidIn)
            }
        }
    }
}
