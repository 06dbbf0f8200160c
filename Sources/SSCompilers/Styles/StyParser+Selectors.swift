import Foundation

extension StyParser {
    /// Tokens after an ident that make it the start of an expression.
    static let identOperators: Set<String> = [
        "-", "+", "/", "*", "%", "**", "&&", "||", ">", "<", ">=", "<=", "!=", "==", "?", "in", "is a",
        "is defined",
    ]
    static let selectorTokens: Set<String> = [
        "ident", "string", "selector", "function", "comment", "boolean", "space", "color", "unit", "for", "in",
        "[", "]", "(", ")", "+", "-", "*", "*=", "<", ">", "=", ":", "&", "&&", "~", "{", "}", ".", "..", "/",
    ]

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
        case "for": return bracketed
        case "[":
            bracketed = true
            return true
        case "]":
            bracketed = false
            return true
        default: return StyParser.selectorTokens.contains(la)
        }
    }

    mutating func isPseudoSelector(_ n: Int) -> Bool {
        guard let v = lookahead(n).val else { return false }
        let name: String
        switch v {
        case let i as StyIdent: name = i.name
        case let f as StyFunction: name = f.name
        default: return false
        }
        return StyParser.pseudoSelectors.contains(name)
    }

    mutating func lineContains(_ type: String) -> Bool {
        var i = 1
        while i < 10_000 {
            let la = lookahead(i)
            i += 1
            if ["indent", "outdent", "newline", "eos"].contains(la.type) { return false }
            if la.type == type { return true }
        }
        return false
    }

    mutating func selectorToken() -> StyToken? {
        guard isSelectorToken(1) else { return nil }
        if peekType == "{" {
            if !lineContains("}") { return nil }
            var i = 0
            while i < 10_000 {
                i += 1
                let la = lookahead(i)
                if la.type == "}" {
                    if i == 2 || (i == 3 && laType(i - 1) == "space") { return nil }
                    break
                }
                if la.type == ":" { return nil }
                if la.type == "eos" { break }
            }
        }
        return next()
    }

    mutating func looksLikeFunctionDefinition(_ i: Int) -> Bool {
        laType(i) == "indent" || laType(i) == "{"
    }

    mutating func looksLikeSelector(fromProperty: Bool = false) -> Bool {
        var i = 1
        var brace = false
        if fromProperty && laType(i + 1) == ":"
            && (!(lookahead(i + 1).space ?? "").isEmpty || laType(i + 2) == "indent")
        {
            return false
        }
        while laType(i) == "ident" && (laType(i + 1) == "newline" || laType(i + 1) == ",") {
            i += 2
        }
        var guardCount = 0
        while isSelectorToken(i) || laType(i) == "," {
            guardCount += 1
            if guardCount > 10_000 { return false }
            if laType(i) == "selector" { return true }
            if laType(i + 1) == "&" { return true }
            if i > 1 && laType(i - 1) == "ident" && laType(i) == "."
                && laType(i + 1) == "ident"
            {
                while true {
                    let node = lookahead(i + 2)
                    if node.type == "eos" && i > 10_000 { return false }
                    let stops = [
                        "indent", "outdent", "{", ";", "eos", "selector", "media", "if", "atrule", ")", "}", "unit",
                        "[", "for", "function",
                    ]
                    if stops.contains(node.type) {
                        if node.type == "[" {
                            while true {
                                let n2 = lookahead(i + 3)
                                if n2.type == "]" || n2.type == "eos" { break }
                                if n2.type == "." || n2.type == "unit" { return false }
                                i += 1
                            }
                        } else {
                            if isPseudoSelector(i + 2) { return true }
                            if node.type == ")" && laType(i + 3) == "}" { break }
                            return ![
                                "outdent", ";", "eos", "media", "if", "atrule", ")", "}", "unit", "for", "function",
                            ].contains(node.type)
                        }
                    }
                    i += 1
                }
                return true
            }
            if laType(i) == "." && laType(i + 1) == "ident" { return true }
            if laType(i) == "*" && laType(i + 1) == "newline" { return true }
            if laType(i) == ":" && laType(i + 1) == ":" { return true }
            if laType(i) == "color" && laType(i - 1) == "newline" { return true }
            if looksLikeAttributeSelector(i) { return true }
            if (laType(i) == "=" || laType(i) == "function") && laType(i + 1) == "{" {
                return false
            }
            if laType(i) == ":" && !isPseudoSelector(i + 1) && lineContains(".") { return false }
            if laType(i) == "{" { brace = true } else if laType(i) == "}" { brace = false }
            if brace && laType(i) == ":" { return true }
            if laType(i) == "space" && laType(i + 1) == "{" { return true }
            let wasColon = laType(i) == ":"
            let colonSpace = lookahead(i).space ?? ""
            i += 1
            if wasColon && colonSpace.isEmpty && isPseudoSelector(i) { return true }
            if laType(i) == "space" && laType(i + 1) == "newline" && laType(i + 2) == "{" {
                return true
            }
            if laType(i) == "," && laType(i + 1) == "newline" { return true }
        }
        if laType(i) == "," && laType(i + 1) == "newline" { return true }
        if laType(i) == "{" && laType(i + 1) == "newline" { return true }
        if css > 0 {
            if laType(i) == ";" || laType(i - 1) == "}" { return false }
        }
        while !["indent", "outdent", "newline", "for", "if", ";", "}", "eos"].contains(laType(i)) {
            i += 1
        }
        return laType(i) == "indent"
    }

    mutating func looksLikeAttributeSelector(_ n: Int) -> Bool {
        let type = laType(n)
        if type == "=" && bracketed { return true }
        guard type == "ident" || type == "string" else { return false }
        guard laType(n + 1) == "]" else { return false }
        guard laType(n + 2) == "newline" || isSelectorToken(n + 2) else { return false }
        return !lineContains(":") && !lineContains("=")
    }

    mutating func id() throws -> StyIdent {
        let tok = try expect("ident")
        _ = accept("space")
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
        while la == "space" {
            i += 1
            la = laType(i)
        }
        switch la {
        case "=", "?=", "-=", "+=", "*=", "/=", "%=":
            return try assignment()
        default: break
        }
        var fall = false
        if la == "." {
            if laType(i - 1) == "space" { return try selector() }
            if lastIdentUID == peek().uid { return try idNode() }
            i += 1
            while laType(i) != "=" && !["[", ",", "newline", "indent", "eos"].contains(laType(i)) {
                i += 1
            }
            if laType(i) == "=" {
                lastIdentUID = peek().uid
                return try expression()
            } else if looksLikeSelector() && stateAllowsSelector {
                return try selector()
            }
            fall = true
        }
        if la == "[" || fall && la == "." {
            if lastIdentUID == peek().uid { return try idNode() }
            while true {
                let t = laType(i)
                i += 1
                if t == "]" || laType(i) == "selector" || laType(i) == "eos" { break }
            }
            if laType(i) == "=" {
                lastIdentUID = peek().uid
                return try expression()
            } else if looksLikeSelector() && stateAllowsSelector {
                return try selector()
            }
            fall = true
        }
        if fall || StyParser.identOperators.contains(la) {
            if lastIdentUID == peek().uid { return try idNode() }
            lastIdentUID = peek().uid
            switch currentState {
            case "for", "selector": return try property()
            case "root", "atblock", "atrule": return la == "[" ? (try subscriptExpr() ?? StyNull()) : try selector()
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
        let tok = try expect("ident")
        _ = accept("space")
        return tok.val ?? StyIdent("")
    }

    mutating func interpolate() throws -> [StyNode] {
        var segs: [StyNode] = []
        if accept("*") != nil { segs.append(StyLiteral("*")) }
        while true {
            if accept("{") != nil {
                pushState("interpolation")
                segs.append(try expression())
                try expect("}")
                popState()
            } else if accept("-") != nil {
                segs.append(StyLiteral("-"))
            } else if let t = accept("ident") {
                if let v = t.val { segs.append(v) }
            } else {
                break
            }
        }
        if segs.isEmpty { try expect("ident") }
        return segs
    }

    mutating func property() throws -> StyNode {
        if looksLikeSelector(fromProperty: true) { return try selector() }
        let tok = peek()
        let ident = try interpolate()
        let prop = mk(StyProperty(ident), tok)
        var ret: StyNode = prop
        _ = accept("space")
        if accept(":") != nil { _ = accept("space") }
        pushState("property")
        inProperty = true
        prop.expr = try list()
        if prop.expr.isEmpty { ret = ident[0] }
        inProperty = false
        allowPostfix = true
        popState()
        _ = accept(";")
        return ret
    }

    mutating func selector() throws -> StyGroup {
        let group = StyGroup()
        let scope = selectorScope
        let isRoot = currentState == "root"
        let first = peek()
        group.lineno = first.lineno
        group.column = first.column
        group.filename = filename
        repeat {
            _ = accept("newline")
            var arr = try selectorParts()
            if isRoot, let scope, !scope.isEmpty { arr.insert(StyLiteral(scope + " "), at: 0) }
            if !arr.isEmpty {
                let sel = StySelector(arr)
                sel.lineno = arr[0].lineno
                sel.column = arr[0].column
                sel.filename = filename
                group.push(sel)
            }
        } while accept(",") != nil || accept("newline") != nil
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
            _ = accept("newline")
            let arr = try selectorParts()
            if !arr.isEmpty { out.append(StySelector(arr)) }
        } while accept(",") != nil || accept("newline") != nil
        return out
    }

    mutating func selectorParts() throws -> [StyNode] {
        var arr: [StyNode] = []
        while let tok = selectorToken() {
            switch tok.type {
            case "{":
                skipSpaces()
                let expr = try expression()
                skipSpaces()
                try expect("}")
                arr.append(expr)
            case "comment":
                break
            case "color", "unit":
                let raw = (tok.val as? StyRGBA)?.raw ?? (tok.val as? StyUnit)?.raw ?? tok.debugText
                arr.append(mk(StyLiteral(raw), tok))
            case "space":
                arr.append(StyLiteral(" "))
            case "function":
                arr.append(mk(StyLiteral(((tok.val as? StyIdent)?.name ?? "") + "("), tok))
            case "ident":
                arr.append(mk(StyLiteral(tok.val.map { styNodeString($0) } ?? ""), tok))
            default:
                if tok.type == "." && !prefix.isEmpty {
                    let lit = mk(StyLiteral("." + prefix), tok)
                    lit.prefixed = true
                    arr.append(lit)
                    continue
                }
                let text = tok.text ?? tok.val.map { $0.description } ?? tok.type
                arr.append(mk(StyLiteral(text), tok))
                if let sp = tok.space, !sp.isEmpty { arr.append(StyLiteral(" ")) }
            }
        }
        return arr
    }
}
