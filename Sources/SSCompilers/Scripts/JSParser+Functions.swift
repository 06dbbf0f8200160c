extension JSParser {
    enum BindingKind {
        case `var`, lexical
    }

    /// A binding name: any identifier except reserved words.
    mutating func parseBindingIdentifier() throws -> String {
        guard token.kind == .identifier, !token.flags.contains(.reserved) else {
            try fail("expected a name but found \(describe(token))")
        }
        let name = text(token)
        next()
        return name
    }

    mutating func declare(_ name: String, _ kind: BindingKind) -> JSIdent {
        let ident = reference(name)
        scopes.declare(name, slot: ident.slot, in: kind == .var ? varScope : scope)
        return ident
    }

    /// A binding target: a name, or an array or object pattern (with defaults and rest).
    mutating func parseBindingTarget(_ kind: BindingKind) throws -> JSExpr {
        try enter()
        defer { depth -= 1 }
        if isPunct(.lbracket) {
            next()
            var elements: [JSExpr?] = []
            var progress = LoopProgress()
            while !isPunct(.rbracket), progress.advanced(to: token.start) {
                if isPunct(.comma) {
                    next()
                    elements.append(nil)
                    continue
                }
                if eat(.ellipsis) {
                    elements.append(.spread(try parseBindingTarget(kind)))
                } else {
                    elements.append(try parseBindingElement(kind))
                }
                if !isPunct(.rbracket) { try expect(.comma, ",") }
            }
            try expect(.rbracket, "]")
            return .array(elements)
        }
        if isPunct(.lbrace) {
            next()
            var properties: [JSProperty] = []
            var progress = LoopProgress()
            while !isPunct(.rbrace), progress.advanced(to: token.start) {
                if eat(.ellipsis) {
                    let rest = try parseBindingTarget(kind)
                    properties.append(JSProperty(kind: .spread, key: .identifier(""), value: rest))
                } else if token.kind == .identifier, !peekIsPunct(.colon) {
                    let name = try parseBindingIdentifier()
                    var value = JSExpr.identifier(declare(name, kind))
                    if eat(.assign) { value = .assign("=", value, try parseAssign()) }
                    properties.append(JSProperty(kind: .initializer, key: .identifier(name), value: value, shorthand: true))
                } else {
                    let key = try parsePropertyKey()
                    try expect(.colon, ":")
                    properties.append(JSProperty(kind: .initializer, key: key, value: try parseBindingElement(kind)))
                }
                if !isPunct(.rbrace) { try expect(.comma, ",") }
            }
            try expect(.rbrace, "}")
            return .object(properties)
        }
        return .identifier(declare(try parseBindingIdentifier(), kind))
    }

    /// A binding target with an optional `= default`.
    mutating func parseBindingElement(_ kind: BindingKind) throws -> JSExpr {
        let target = try parseBindingTarget(kind)
        if eat(.assign) { return .assign("=", target, try parseAssign()) }
        return target
    }

    /// `(a, [b] = c, ...d)` in the current (function) scope.
    mutating func parseParameters() throws -> [JSExpr] {
        try expect(.lparen, "(")
        var params: [JSExpr] = []
        var progress = LoopProgress()
        while !isPunct(.rparen), progress.advanced(to: token.start) {
            if eat(.ellipsis) {
                params.append(.spread(try parseBindingTarget(.lexical)))
            } else {
                params.append(try parseBindingElement(.lexical))
            }
            if !isPunct(.rparen) { try expect(.comma, ",") }
        }
        try expect(.rparen, ")")
        return params
    }

    /// `function [*] [name] (params) { body }`; the current token is `function`.
    mutating func parseFunction(isDeclaration: Bool, isAsync: Bool, nameOptional: Bool = false) throws -> JSFunction {
        next()
        let isGenerator = eat(.star)
        let outer = scope
        defer { popScope(to: outer) }
        var name: JSIdent? = nil
        if token.kind == .identifier, !isPunct(.lparen) {
            let raw = try parseBindingIdentifier()
            if isDeclaration {
                let ident = reference(raw)
                let target = varScope == scopes.live(scope) ? varScope : scope
                scopes.declare(raw, slot: ident.slot, in: target)
                if target != varScope { pinnedNames.insert(raw) }
                name = ident
            } else {
                _ = pushScope(.functionName)
                let ident = reference(raw)
                scopes.declare(raw, slot: ident.slot, in: scope)
                name = ident
            }
        } else if isDeclaration, !nameOptional {
            try fail("expected a function name but found \(describe(token))")
        }
        return try parseFunctionRest(name: name, isAsync: isAsync, isGenerator: isGenerator)
    }

    /// Parameters and body in a new function scope.
    mutating func parseFunctionRest(name: JSIdent?, isAsync: Bool, isGenerator: Bool) throws -> JSFunction {
        let outer = scope
        _ = pushScope(.function)
        let saved = (inFunction, inAsync, inGenerator)
        inFunction = true
        inAsync = isAsync
        inGenerator = isGenerator
        defer {
            popScope(to: outer)
            (inFunction, inAsync, inGenerator) = saved
        }
        let params = try parseParameters()
        let body = try parseFunctionBody()
        return JSFunction(name: name, params: params, body: body, isAsync: isAsync, isGenerator: isGenerator)
    }

    /// The body of an arrow function whose parameters are already declared in `scope`.
    mutating func parseArrowBody(params: [JSExpr], isAsync: Bool, noIn: Bool) throws -> JSExpr {
        let saved = (inFunction, inAsync, inGenerator)
        inFunction = true
        inAsync = isAsync
        inGenerator = false
        defer { (inFunction, inAsync, inGenerator) = saved }
        if isPunct(.lbrace) {
            let body = try parseFunctionBody()
            return .arrow(JSFunction(name: nil, params: params, body: body, isAsync: isAsync))
        }
        let expression = try parseAssign(noIn: noIn)
        return .arrow(JSFunction(name: nil, params: params, body: [], expressionBody: expression, isAsync: isAsync))
    }

    /// Reinterprets a parenthesized expression as arrow parameters, declaring their names.
    mutating func convertToParameter(_ expression: JSExpr, at offset: Int) throws -> JSExpr {
        switch expression {
        case .identifier(let ident):
            scopes.declare(ident.name, slot: ident.slot, in: scope)
            return expression
        case .assign("=", let target, let value):
            return .assign("=", try convertToParameter(target, at: offset), value)
        case .spread(let target):
            return .spread(try convertToParameter(target, at: offset))
        case .array(let elements):
            return .array(try elements.map { try $0.map { try convertToParameter($0, at: offset) } })
        case .object(let properties):
            return .object(try properties.map { property in
                guard property.kind == .initializer || property.kind == .spread else {
                    try fail("invalid destructuring target", id: .jsInvalidAssignmentTarget, at: offset)
                }
                var converted = property
                converted.value = try convertToParameter(property.value, at: offset)
                return converted
            })
        default:
            try fail("invalid arrow function parameter", id: .jsInvalidAssignmentTarget, at: offset)
        }
    }

    /// Object and class member keys: names (reserved words too), strings, numbers, `[computed]`, `#private`.
    mutating func parsePropertyKey() throws -> JSPropertyKey {
        let raw = text(token)
        switch token.kind {
        case .identifier:
            next()
            return .identifier(raw)
        case .string:
            next()
            return .string(raw)
        case .number:
            next()
            return .number(raw)
        case .privateName:
            next()
            return .privateName(raw)
        case .punctuator where token.punct == .lbracket:
            next()
            let key = try parseAssign()
            try expect(.rbracket, "]")
            return .computed(key)
        default:
            try fail("expected a property name but found \(describe(token))")
        }
    }

    /// A method's parameters and body; `.function` for object literals and classes.
    mutating func parseMethod(isAsync: Bool, isGenerator: Bool) throws -> JSExpr {
        .function(try parseFunctionRest(name: nil, isAsync: isAsync, isGenerator: isGenerator))
    }

    /// `async`, `*`, `get`/`set` before a method name (object literals and classes).
    mutating func parseMethodModifiers() -> (isAsync: Bool, isGenerator: Bool, accessor: JSPropertyKind) {
        var isAsync = false
        var accessor = JSPropertyKind.initializer
        if isWord("async"), isModifier(), !peek().newlineBefore {
            next()
            isAsync = true
        }
        let isGenerator = eat(.star)
        if !isAsync, !isGenerator, isWord("get") || isWord("set"), isModifier() {
            accessor = isWord("get") ? .getter : .setter
            next()
        }
        return (isAsync, isGenerator, accessor)
    }

    /// True when the current `get`/`set`/`async`/`static` is a modifier, not the key itself.
    func isModifier() -> Bool {
        let t = peek()
        if t.kind == .punctuator {
            switch t.punct {
            case .lparen, .assign, .semicolon, .rbrace, .comma, .colon: return false
            default: return true
            }
        }
        return t.kind != .eof
    }

    /// `class [name] [extends X] { members }`; the current token is `class`.
    mutating func parseClass(isDeclaration: Bool, nameOptional: Bool = false) throws -> JSClass {
        next()
        let outer = scope
        defer { popScope(to: outer) }
        var name: JSIdent? = nil
        if token.kind == .identifier, !isWord("extends") {
            let raw = try parseBindingIdentifier()
            if isDeclaration {
                name = declare(raw, .lexical)
                _ = pushScope(.block)
            } else {
                _ = pushScope(.block)
                name = declare(raw, .lexical)
            }
        } else {
            if isDeclaration, !nameOptional { try fail("expected a class name but found \(describe(token))") }
            _ = pushScope(.block)
        }
        var superClass: JSExpr? = nil
        if isWord("extends") {
            next()
            superClass = try parseLeftHandSide()
        }
        try expect(.lbrace, "{")
        var members: [JSClassMember] = []
        var progress = LoopProgress()
        while !isPunct(.rbrace), token.kind != .eof, progress.advanced(to: token.start) {
            if eat(.semicolon) { continue }
            members.append(try parseClassMember())
        }
        try expect(.rbrace, "}")
        return JSClass(name: name, superClass: superClass, members: members)
    }

    private mutating func parseClassMember() throws -> JSClassMember {
        var isStatic = false
        if isWord("static"), isModifier() {
            next()
            isStatic = true
            if isPunct(.lbrace) {
                let outer = scope
                _ = pushScope(.function)
                let saved = (inFunction, inAsync, inGenerator)
                (inFunction, inAsync, inGenerator) = (false, false, false)
                defer {
                    popScope(to: outer)
                    (inFunction, inAsync, inGenerator) = saved
                }
                let body = try parseBlock(newScope: false)
                return JSClassMember(kind: .staticBlock, isStatic: true, key: .identifier(""), value: nil, body: body)
            }
        }
        let (isAsync, isGenerator, accessor) = parseMethodModifiers()
        let kind: JSClassMemberKind = accessor == .getter ? .getter : accessor == .setter ? .setter : .method
        let key = try parsePropertyKey()
        if isPunct(.lparen) {
            let value = try parseMethod(isAsync: isAsync, isGenerator: isGenerator)
            return JSClassMember(kind: kind, isStatic: isStatic, key: key, value: value)
        }
        var value: JSExpr? = nil
        if eat(.assign) {
            let outer = scope
            _ = pushScope(.function)
            let saved = (inFunction, inAsync, inGenerator)
            (inFunction, inAsync, inGenerator) = (false, false, false)
            defer {
                popScope(to: outer)
                (inFunction, inAsync, inGenerator) = saved
            }
            value = try parseAssign()
        }
        try semicolon()
        return JSClassMember(kind: .field, isStatic: isStatic, key: key, value: value)
    }
}
