import Foundation

extension StyParser {
    /// Tokens after an ident that make it the start of an expression.
    static let identOperators: StyTokenTypeSet = [
        .minus, .plus, .slash, .star, .percent, .pow, .and, .or, .gt, .lt, .gte, .lte, .notEq, .eq, .question,
        .inKw, .isA, .isDefined,
    ]
    static let selectorTokens: StyTokenTypeSet = [
        .ident, .string, .selector, .function, .comment, .boolean, .space, .color, .unit, .forKw, .inKw,
        .lbracket, .rbracket, .lparen, .rparen, .plus, .minus, .star, .starEq, .lt, .gt, .assign, .colon, .amp,
        .and, .tilde, .lbrace, .rbrace, .dot, .dotDot, .slash,
    ]

    /// Where `looksLikeSelector` stops scanning `ident.ident` chains, and which of those
    /// stops mean a property rather than a selector.
    static let selectorStops: StyTokenTypeSet = [
        .indent, .outdent, .lbrace, .semicolon, .eos, .selector, .media, .ifKw, .atrule, .rparen, .rbrace, .unit,
        .lbracket, .forKw, .function,
    ]
    static let propertyStops: StyTokenTypeSet = [
        .outdent, .semicolon, .eos, .media, .ifKw, .atrule, .rparen, .rbrace, .unit, .forKw, .function,
    ]
    /// Where `ident` stops looking for the `=` of an `a.b = ...` member assignment.
    static let memberEnds: StyTokenTypeSet = [.lbracket, .comma, .newline, .indent, .eos]
    static let lineEnds: StyTokenTypeSet = [.indent, .outdent, .newline, .forKw, .ifKw, .semicolon, .rbrace, .eos]

    static let pseudoSelectors: Set<String> = [
        "is", "has", "where", "not", "dir", "lang", "any-link", "link", "visited", "local-link", "target", "scope",
        "hover", "active", "focus", "drop", "current", "past", "future", "enabled", "disabled", "read-only",
        "read-write", "placeholder-shown", "checked", "indeterminate", "valid", "invalid", "in-range",
        "out-of-range", "required", "optional", "user-error", "root", "empty", "blank", "nth-child",
        "nth-last-child", "first-child", "last-child", "only-child", "nth-of-type", "nth-last-of-type",
        "first-of-type", "last-of-type", "only-of-type", "nth-match", "nth-last-match", "nth-column",
        "nth-last-column", "first-line", "first-letter", "before", "after", "selection",
    ]

    mutating func isSelectorToken(_ n: Int) -> Bool {
        let la = laType(n)
        switch la {
        case .forKw: return bracketed
        case .lbracket:
            bracketed = true
            return true
        case .rbracket:
            bracketed = false
            return true
        default: return StyParser.selectorTokens.contains(la)
        }
    }

    mutating func isPseudoSelector(_ n: Int) -> Bool {
        guard let v = lexer.lookaheadVal(n) else { return false }
        let name: String
        switch v {
        case let i as StyIdent: name = i.name
        case let f as StyFunction: name = f.name
        default: return false
        }
        return StyParser.pseudoSelectors.contains(name)
    }

    mutating func lineContains(_ type: StyTokenType) -> Bool {
        var i = 1
        while i < 10_000 {
            let t = laType(i)
            i += 1
            if t == .indent || t == .outdent || t == .newline || t == .eos { return false }
            if t == type { return true }
        }
        return false
    }

    mutating func selectorToken() -> StyToken? {
        guard isSelectorToken(1) else { return nil }
        if peekType == .lbrace {
            if !lineContains(.rbrace) { return nil }
            var i = 0
            while i < 10_000 {
                i += 1
                let t = laType(i)
                if t == .rbrace {
                    if i == 2 || (i == 3 && laType(i - 1) == .space) { return nil }
                    break
                }
                if t == .colon { return nil }
                if t == .eos { break }
            }
        }
        return next()
    }

    mutating func looksLikeFunctionDefinition(_ i: Int) -> Bool {
        laType(i) == .indent || laType(i) == .lbrace
    }

    mutating func looksLikeSelector(fromProperty: Bool = false) -> Bool {
        var i = 1
        var brace = false
        if fromProperty && laType(i + 1) == .colon
            && (!lexer.lookaheadSpaceIsEmpty(i + 1) || laType(i + 2) == .indent)
        {
            return false
        }
        while laType(i) == .ident && (laType(i + 1) == .newline || laType(i + 1) == .comma) {
            i += 2
        }
        var guardCount = 0
        while isSelectorToken(i) || laType(i) == .comma {
            guardCount += 1
            if guardCount > 10_000 { return false }
            // Token types at a position never change, so each is read once per step.
            let t = laType(i)
            let t1 = laType(i + 1)
            if t == .selector { return true }
            if t1 == .amp { return true }
            if i > 1 && laType(i - 1) == .ident && t == .dot && t1 == .ident {
                while true {
                    let type = laType(i + 2)
                    if type == .eos && i > 10_000 { return false }
                    if StyParser.selectorStops.contains(type) {
                        if type == .lbracket {
                            while true {
                                let t3 = laType(i + 3)
                                if t3 == .rbracket || t3 == .eos { break }
                                if t3 == .dot || t3 == .unit { return false }
                                i += 1
                            }
                        } else {
                            if isPseudoSelector(i + 2) { return true }
                            if type == .rparen && laType(i + 3) == .rbrace { break }
                            return !StyParser.propertyStops.contains(type)
                        }
                    }
                    i += 1
                }
                return true
            }
            if t == .dot && t1 == .ident { return true }
            if t == .star && t1 == .newline { return true }
            if t == .colon && t1 == .colon { return true }
            if t == .color && laType(i - 1) == .newline { return true }
            if looksLikeAttributeSelector(i) { return true }
            if (t == .assign || t == .function) && t1 == .lbrace {
                return false
            }
            if t == .colon && !isPseudoSelector(i + 1) && lineContains(.dot) { return false }
            if t == .lbrace { brace = true } else if t == .rbrace { brace = false }
            if brace && t == .colon { return true }
            if t == .space && t1 == .lbrace { return true }
            let wasColon = t == .colon
            let colonSpaceEmpty = wasColon && lexer.lookaheadSpaceIsEmpty(i)
            i += 1
            if colonSpaceEmpty && isPseudoSelector(i) { return true }
            if t1 == .space && laType(i + 1) == .newline && laType(i + 2) == .lbrace {
                return true
            }
            if t1 == .comma && laType(i + 1) == .newline { return true }
        }
        if laType(i) == .comma && laType(i + 1) == .newline { return true }
        if laType(i) == .lbrace && laType(i + 1) == .newline { return true }
        if css > 0 {
            if laType(i) == .semicolon || laType(i - 1) == .rbrace { return false }
        }
        while !StyParser.lineEnds.contains(laType(i)) {
            i += 1
        }
        return laType(i) == .indent
    }

    mutating func looksLikeAttributeSelector(_ n: Int) -> Bool {
        let type = laType(n)
        if type == .assign && bracketed { return true }
        guard type == .ident || type == .string else { return false }
        guard laType(n + 1) == .rbracket else { return false }
        guard laType(n + 2) == .newline || isSelectorToken(n + 2) else { return false }
        return !lineContains(.colon) && !lineContains(.assign)
    }

    mutating func id() throws -> StyIdent {
        let tok = try expect(.ident)
        skipIf(.space)
        if let i = tok.val as? StyIdent { return i }
        // Escaped characters lex as literal idents.
        let i = StyIdent(tok.val.map { styNodeString($0) } ?? "")
        i.lineno = tok.lineno
        i.column = tok.column
        return i
    }

    /// An `ident` token: assignment, selector, property or expression, by lookahead.
    mutating func ident() throws -> StyNode {
        var i = 2
        var la = laType(i)
        while la == .space {
            i += 1
            la = laType(i)
        }
        switch la {
        case .assign, .qEq, .minusEq, .plusEq, .starEq, .slashEq, .percentEq:
            return try assignment()
        default: break
        }
        var fall = false
        if la == .dot {
            if laType(i - 1) == .space { return try selector() }
            if lastIdentUID == peekUID { return try idNode() }
            i += 1
            while laType(i) != .assign && !StyParser.memberEnds.contains(laType(i)) {
                i += 1
            }
            if laType(i) == .assign {
                lastIdentUID = peekUID
                return try expression()
            } else if looksLikeSelector() && stateAllowsSelector {
                return try selector()
            }
            fall = true
        }
        if la == .lbracket || fall && la == .dot {
            if lastIdentUID == peekUID { return try idNode() }
            while true {
                let t = laType(i)
                i += 1
                if t == .rbracket || laType(i) == .selector || laType(i) == .eos { break }
            }
            if laType(i) == .assign {
                lastIdentUID = peekUID
                return try expression()
            } else if looksLikeSelector() && stateAllowsSelector {
                return try selector()
            }
            fall = true
        }
        if fall || StyParser.identOperators.contains(la) {
            if lastIdentUID == peekUID { return try idNode() }
            lastIdentUID = peekUID
            switch currentState {
            case "for", "selector": return try property()
            case "root", "atblock", "atrule":
                return la == .lbracket ? (try subscriptExpr() ?? StyNull()) : try selector()
            case "function", "conditional": return looksLikeSelector() ? try selector() : try expression()
            default: return operand ? try idNode() : try expression()
            }
        }
        switch currentState {
        case "root": return try selector()
        case "for", "selector", "function", "conditional", "atblock", "atrule": return try property()
        default:
            let idn = try idNode()
            if previousState == "interpolation", let ident = idn as? StyIdent { ident.mixin = true }
            return idn
        }
    }

    /// `id()` but returning the raw token value (an escaped-char literal stays a literal).
    mutating func idNode() throws -> StyNode {
        let tok = try expect(.ident)
        skipIf(.space)
        return tok.val ?? StyIdent("")
    }

    mutating func interpolate() throws -> [StyNode] {
        var segs: [StyNode] = []
        if skipIf(.star) { segs.append(StyLiteral("*")) }
        while true {
            if skipIf(.lbrace) {
                pushState("interpolation")
                segs.append(try expression())
                try expect(.rbrace)
                popState()
            } else if skipIf(.minus) {
                segs.append(StyLiteral("-"))
            } else if let t = accept(.ident) {
                if let v = t.val { segs.append(v) }
            } else {
                break
            }
        }
        if segs.isEmpty { try expect(.ident) }
        return segs
    }

    mutating func property() throws -> StyNode {
        if looksLikeSelector(fromProperty: true) { return try selector() }
        let (line, column) = lexer.lookaheadPosition(1)
        let ident = try interpolate()
        skipIf(.space)
        if skipIf(.colon) { skipIf(.space) }
        pushState("property")
        inProperty = true
        // Made once its value is parsed: made first, it would make a default value to throw away.
        let prop = StyProperty(ident, try list())
        prop.lineno = line
        prop.column = column
        prop.filename = filename
        var ret: StyNode = prop
        if prop.expr.isEmpty { ret = ident[0] }
        inProperty = false
        allowPostfix = true
        popState()
        skipIf(.semicolon)
        return ret
    }

    mutating func selector() throws -> StyGroup {
        let group = StyGroup()
        let scope = selectorScope
        let isRoot = currentState == "root"
        let first = lexer.lookaheadPosition(1)
        group.lineno = first.line
        group.column = first.column
        group.filename = filename
        repeat {
            skipIf(.newline)
            var arr = try selectorParts()
            if isRoot, let scope, !scope.isEmpty { arr.insert(StyLiteral(scope + " "), at: 0) }
            if !arr.isEmpty {
                let sel = StySelector(arr)
                sel.lineno = arr[0].lineno
                sel.column = arr[0].column
                sel.filename = filename
                group.push(sel)
            }
        } while skipIf(.comma) || skipIf(.newline)
        if group.nodes.isEmpty { throw error("unexpected {peek}") }
        pushState("selector")
        group.block = try block(group)
        popState()
        return group
    }

    /// A comma/newline separated selector list without a block (for `selector()`).
    mutating func selectorList() throws -> [StySelector] {
        pushState("selector-parts")
        defer { popState() }
        var out: [StySelector] = []
        repeat {
            skipIf(.newline)
            let arr = try selectorParts()
            if !arr.isEmpty { out.append(StySelector(arr)) }
        } while skipIf(.comma) || skipIf(.newline)
        return out
    }

    mutating func selectorParts() throws -> [StyNode] {
        let base = scratch.count
        defer { scratch.removeSubrange(base...) }
        while let tok = selectorToken() {
            switch tok.type {
            case .lbrace:
                skipSpaces()
                let expr = try expression()
                skipSpaces()
                try expect(.rbrace)
                scratch.append(expr)
            case .comment:
                break
            case .color, .unit:
                let raw = (tok.val as? StyRGBA)?.raw ?? (tok.val as? StyUnit)?.raw ?? tok.debugText
                scratch.append(mk(StyLiteral(raw), tok))
            case .space:
                scratch.append(StyLiteral(" "))
            case .function:
                scratch.append(mk(StyLiteral(((tok.val as? StyIdent)?.name ?? "") + "("), tok))
            case .ident:
                scratch.append(mk(StyLiteral(tok.val.map { styNodeString($0) } ?? ""), tok))
            default:
                if tok.type == .dot && !prefix.isEmpty {
                    let lit = mk(StyLiteral("." + prefix), tok)
                    lit.prefixed = true
                    scratch.append(lit)
                    continue
                }
                let text = tok.text ?? tok.val.map { $0.description } ?? tok.type.name
                scratch.append(mk(StyLiteral(text), tok))
                if tok.hasSpace { scratch.append(StyLiteral(" ")) }
            }
        }
        return scratchCopy(from: base)
    }
}
