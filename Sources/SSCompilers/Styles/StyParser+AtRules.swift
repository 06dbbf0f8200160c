import Foundation

extension StyParser {
    mutating func atrule() throws -> StyNode {
        let tok = try expect(.atrule)
        let node = mk(StyAtrule(tok.text ?? ""), tok)
        skipSpacesAndComments()
        node.segments = try selectorParts()
        skipSpacesAndComments()
        let t = peekType
        if t == .indent || t == .lbrace || (t == .newline && laType(2) == .lbrace) {
            pushState("atrule")
            node.block = try block(node)
            popState()
        }
        return node
    }

    mutating func scope() throws -> StyNode {
        try expect(.scope)
        let parts = try selectorParts()
        selectorScope = parts.map { styNodeString($0) }.joined().trimmingCharacters(in: .whitespaces)
        return StyNull()
    }

    mutating func supports() throws -> StyNode {
        let tok = try expect(.supports)
        let node = mk(StySupports(try supportsCondition()), tok)
        pushState("atrule")
        node.block = try block(node)
        popState()
        return node
    }

    mutating func supportsCondition() throws -> StyNode {
        if let n = try supportsNegation() { return n }
        if let n = try supportsOp() { return n }
        cond = true
        let e = try expression()
        cond = false
        return e
    }

    mutating func supportsNegation() throws -> StyNode? {
        guard skipIf(.not) else { return nil }
        let node = StyExpression()
        node.push(StyLiteral("not"))
        if let f = try supportsFeature() { node.push(f) }
        return node
    }

    mutating func supportsOp() throws -> StyNode? {
        guard let feature = try supportsFeature() else { return nil }
        let expr = StyExpression()
        expr.push(feature)
        while let op = accept(.and) ?? accept(.or) {
            expr.push(StyLiteral(op.type == .and ? "and" : "or"))
            if let f = try supportsFeature() { expr.push(f) }
        }
        return expr
    }

    mutating func supportsFeature() throws -> StyNode? {
        skipSpacesAndComments()
        guard peekType == .lparen else { return nil }
        let la = laType(2)
        if la == .ident || la == .lbrace { return try feature() }
        try expect(.lparen)
        let node = StyExpression()
        node.push(StyLiteral("("))
        node.push(try supportsCondition())
        try expect(.rparen)
        node.push(StyLiteral(")"))
        skipSpacesAndComments()
        return node
    }

    mutating func extend() throws -> StyNode {
        let tok = try expect(.extend)
        var selectors: [StySelector] = []
        repeat {
            let arr = try selectorParts()
            if arr.isEmpty { continue }
            let sel = mk(StySelector(arr), tok)
            selectors.append(sel)
            if peekType != .bang { continue }
            let t2 = lookahead(2)
            if t2.type != .ident || (t2.val as? StyIdent)?.name != "optional" { continue }
            skip([.bang, .ident])
            sel.optional = true
        } while skipIf(.comma)
        return mk(StyExtend(selectors), tok)
    }

    mutating func media() throws -> StyNode {
        let tok = try expect(.media)
        pushState("atrule")
        let media = mk(StyMedia(try queries()), tok)
        media.block = try block(media)
        popState()
        return media
    }

    mutating func queries() throws -> StyQueryList {
        let list = StyQueryList()
        let skipTypes: StyTokenTypeSet = [.comment, .newline, .space]
        repeat {
            skip(skipTypes)
            list.nodes.append(try query())
            skip(skipTypes)
        } while skipIf(.comma)
        return list
    }

    mutating func query() throws -> StyQuery {
        let query = StyQuery()
        if peekType == .ident && (laType(2) == .dot || laType(2) == .lbracket) {
            cond = true
            let expr = try expression()
            cond = false
            let f = StyFeature(expr.nodes)
            query.nodes.append(f)
            return query
        }
        if let predTok = accept(.ident) ?? accept(.not) {
            let predText = predTok.val.map { styNodeString($0) } ?? (predTok.text ?? "")
            let pred = StyLiteral(predText)
            skipSpacesAndComments()
            if let idTok = accept(.ident) {
                query.type = idTok.val
                query.predicate = pred
            } else {
                query.type = pred
            }
            skipSpacesAndComments()
            if !skipIf(.and) { return query }
        }
        repeat {
            query.nodes.append(try feature())
        } while skipIf(.and)
        return query
    }

    mutating func feature() throws -> StyFeature {
        skipSpacesAndComments()
        try expect(.lparen)
        skipSpacesAndComments()
        let node = StyFeature(try interpolate())
        skipSpacesAndComments()
        skipIf(.colon)
        skipSpacesAndComments()
        inProperty = true
        node.expr = try list()
        inProperty = false
        skipSpacesAndComments()
        try expect(.rparen)
        skipSpacesAndComments()
        return node
    }

    mutating func mozdocument() throws -> StyNode {
        let tok = try expect(.mozDocument)
        let node = mk(StyAtrule("-moz-document"), tok)
        var calls: [String] = []
        repeat {
            skipSpacesAndComments()
            calls.append(try functionCall().description)
            skipSpacesAndComments()
        } while skipIf(.comma)
        node.segments = [StyLiteral(calls.joined(separator: ", "))]
        pushState("atrule")
        node.block = try block(node, scope: false)
        popState()
        return node
    }

    mutating func importStmt() throws -> StyNode {
        let tok = next()
        allowPostfix = true
        return mk(StyImport(try expression(), once: tok.type == .require), tok)
    }

    mutating func charset() throws -> StyNode {
        let tok = try expect(.charset)
        let str = try expect(.string)
        allowPostfix = true
        return mk(StyCharset(str.val ?? StyString("")), tok)
    }

    mutating func namespace() throws -> StyNode {
        let tok = try expect(.namespace)
        skipSpacesAndComments()
        let prefixNode = accept(.ident)?.val
        skipSpacesAndComments()
        let val: StyNode
        if let s = accept(.string) { val = s.val ?? StyString("") } else { val = try url() }
        allowPostfix = true
        return mk(StyNamespace(val, prefix: prefixNode), tok)
    }

    mutating func keyframes() throws -> StyNode {
        let tok = try expect(.keyframes)
        skipSpacesAndComments()
        let kf = mk(StyKeyframes(try selectorParts(), prefix: tok.text), tok)
        skipSpacesAndComments()
        pushState("atrule")
        kf.block = try block(kf)
        popState()
        return kf
    }

    func looksLikeKeyframeHelper() -> Bool { false }

    mutating func looksLikeKeyframe() -> Bool {
        var i = 2
        switch laType(i) {
        case .lbrace, .indent, .comma: return true
        case .newline:
            i += 1
            while laType(i) == .unit || laType(i) == .newline { i += 1 }
            let t = laType(i)
            return t == .indent || t == .lbrace
        default: return false
        }
    }
}
