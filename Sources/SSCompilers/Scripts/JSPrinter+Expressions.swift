/// Operator precedence for printing, lowest first (after esbuild's `js_ast.L`). An
/// expression is wrapped in parentheses when the context level is at least its own.
enum JSLevel: Int, Comparable {
    case lowest, comma, spread, yield, assign, conditional, nullish, logicalOr, logicalAnd, bitOr, bitXor, bitAnd
    case equals, compare, shift, add, multiply, exponent, prefix, postfix, new, call, member

    static func < (a: JSLevel, b: JSLevel) -> Bool { a.rawValue < b.rawValue }
    var below: JSLevel { JSLevel(rawValue: rawValue - 1) ?? .lowest }
}

extension JSBinaryOp {
    var level: JSLevel {
        switch self {
        case .nullish: return .nullish
        case .or: return .logicalOr
        case .and: return .logicalAnd
        case .bitOr: return .bitOr
        case .bitXor: return .bitXor
        case .bitAnd: return .bitAnd
        case .eq, .ne, .strictEq, .strictNe: return .equals
        case .lt, .gt, .le, .ge, .in, .instanceof: return .compare
        case .shl, .sar, .shr: return .shift
        case .add, .sub: return .add
        case .mul, .div, .mod: return .multiply
        case .pow: return .exponent
        }
    }
}

extension JSPrinter {
    mutating func printExpr(_ expression: JSExpr, _ level: JSLevel, forbidIn: Bool = false, forbidCall: Bool = false) {
        switch expression {
        case .identifier(let ident):
            printIdentifier(ident)
        case .number(let raw):
            printNumber(raw)
        case .bigint(let text), .regex(let text), .privateName(let text), .metaProperty(let text):
            raw(text)
        case .string(let text):
            printString(text, allowTemplate: true)
        case .template(let tag, let chunks, let expressions):
            if let tag { printExpr(tag, .postfix) }
            raw("`")
            for (index, chunk) in chunks.enumerated() {
                append(chunk)
                if index < expressions.count {
                    out.append(contentsOf: "${".utf8)
                    printExpr(expressions[index], .lowest)
                    byte("}")
                }
            }
            byte("`")
        case .boolean(let value):
            if options.shortenLiterals {
                let wrap = level >= .postfix
                if wrap { byte("(") }
                raw(value ? "!0" : "!1")
                if wrap { byte(")") }
            } else {
                word(value ? "true" : "false")
            }
        case .null:
            word("null")
        case .this:
            word("this")
        case .super:
            word("super")
        case .array(let elements):
            raw("[")
            for (index, element) in elements.enumerated() {
                if index > 0 { byte(",") }
                if let element { printExpr(element, .comma) }
            }
            if let last = elements.last, last == nil { byte(",") }
            byte("]")
        case .object(let properties):
            let wrap = out.count == statementStart || out.count == arrowBodyStart
            if wrap { byte("(") }
            raw("{")
            for (index, property) in properties.enumerated() {
                if index > 0 { byte(",") }
                printProperty(property)
            }
            byte("}")
            if wrap { byte(")") }
        case .function(let function):
            let wrap = out.count == statementStart || out.count == exportDefaultStart
            if wrap { byte("(") }
            printFunction(function, keyword: true)
            if wrap { byte(")") }
        case .arrow(let function):
            let wrap = level >= .assign
            if wrap { byte("(") }
            printArrow(function, forbidIn: forbidIn && !wrap)
            if wrap { byte(")") }
        case .class(let value):
            let wrap = out.count == statementStart || out.count == exportDefaultStart
            if wrap { byte("(") }
            printClass(value)
            if wrap { byte(")") }
        case .unary(let op, let operand):
            let wrap = level >= .prefix
            if wrap { byte("(") }
            if op == .typeof || op == .void || op == .delete { word(op.rawValue) } else { raw(op.rawValue) }
            printExpr(operand, .prefix.below, forbidIn: forbidIn && !wrap)
            if wrap { byte(")") }
        case .await(let operand):
            let wrap = level >= .prefix
            if wrap { byte("(") }
            word("await")
            printExpr(operand, .prefix.below, forbidIn: forbidIn && !wrap)
            if wrap { byte(")") }
        case .update(let increment, let prefix, let operand):
            let op = increment ? "++" : "--"
            if prefix {
                let wrap = level >= .prefix
                if wrap { byte("(") }
                raw(op)
                printExpr(operand, .prefix.below)
                if wrap { byte(")") }
            } else {
                let wrap = level >= .postfix
                if wrap { byte("(") }
                printExpr(operand, .postfix.below)
                raw(op)
                if wrap { byte(")") }
            }
        case .binary(let op, let left, let right):
            printBinary(op, left, right, level, forbidIn: forbidIn)
        case .assign(let op, let target, let value):
            var wrap = level >= .assign
            // `({a} = b)`: a statement cannot start with `{`, and `({a}) = b` is no assignment.
            if case .object = target, out.count == statementStart || out.count == arrowBodyStart { wrap = true }
            if wrap { byte("(") }
            printExpr(target, .assign, forbidIn: forbidIn && !wrap)
            raw(op)
            printExpr(value, .assign.below, forbidIn: forbidIn && !wrap)
            if wrap { byte(")") }
        case .conditional(let test, let consequent, let alternate):
            let wrap = level >= .conditional
            if wrap { byte("(") }
            printExpr(test, .conditional, forbidIn: forbidIn && !wrap)
            byte("?")
            printExpr(consequent, .yield)
            byte(":")
            printExpr(alternate, .yield, forbidIn: forbidIn && !wrap)
            if wrap { byte(")") }
        case .call(let callee, let arguments, let chain):
            let wrap = level >= .new || forbidCall
            if wrap { byte("(") }
            printExpr(callee, .postfix)
            if chain == .start { raw("?.") }
            printArguments(arguments)
            if wrap { byte(")") }
        case .new(let callee, let arguments):
            let wrap = level >= .call
            if wrap { byte("(") }
            let anchor = beginAnchor()
            word("new")
            printExpr(callee, .new, forbidCall: true)
            endAnchor(anchor)
            if !arguments.isEmpty || level >= .postfix { printArguments(arguments) }
            if wrap { byte(")") }
        case .member(let object, let property, let chain):
            let wrap = forbidCall && chain != .none
            if wrap { byte("(") }
            printMemberObject(object, forbidCall: forbidCall && !wrap)
            if property.hasPrefix("#") {
                raw(chain == .start ? "?." : ".")
                append(property)
            } else {
                raw(chain == .start ? "?." : ".")
                append(property)
            }
            if wrap { byte(")") }
        case .index(let object, let index, let chain):
            if options.shortenLiterals, case .string(let raw) = index, let key = JSPrinter.identifierKey(raw) {
                printExpr(.member(object, key, chain), level, forbidIn: forbidIn, forbidCall: forbidCall)
                return
            }
            let wrap = forbidCall && chain != .none
            if wrap { byte("(") }
            printMemberObject(object, forbidCall: forbidCall && !wrap)
            if chain == .start { raw("?.") }
            byte("[")
            printExpr(index, .lowest)
            byte("]")
            if wrap { byte(")") }
        case .sequence(let items):
            let wrap = level >= .comma
            if wrap { byte("(") }
            for (index, item) in items.enumerated() {
                if index > 0 { byte(",") }
                printExpr(item, .comma, forbidIn: forbidIn && !wrap)
            }
            if wrap { byte(")") }
        case .spread(let argument):
            raw("...")
            printExpr(argument, .comma)
        case .yield(let argument, let delegate):
            let wrap = level >= .assign
            if wrap { byte("(") }
            word("yield")
            if delegate { byte("*") }
            if let argument { printExpr(argument, .yield) }
            if wrap { byte(")") }
        case .importCall(let arguments):
            word("import")
            printArguments(arguments)
        case .paren(let inner):
            byte("(")
            printExpr(inner, .lowest)
            byte(")")
        }
    }

    private mutating func printMemberObject(_ object: JSExpr, forbidCall: Bool) {
        printExpr(object, .postfix, forbidCall: forbidCall)
        // `1.toString()` would lex as a malformed number.
        if case .number = object, let last = out.last, jsIsDigit(last) {
            var i = out.count - 1
            var plainInteger = true
            while i >= 0, jsIsIdentifierByte(out[i]) || out[i] == UInt8(ascii: ".") {
                if !jsIsDigit(out[i]) { plainInteger = false }
                i -= 1
            }
            if plainInteger { byte(".") }
        }
    }

    mutating func printArguments(_ arguments: [JSExpr]) {
        byte("(")
        for (index, argument) in arguments.enumerated() {
            if index > 0 { byte(",") }
            printExpr(argument, .comma)
        }
        byte(")")
    }

    private mutating func printBinary(_ op: JSBinaryOp, _ left: JSExpr, _ right: JSExpr, _ level: JSLevel,
                                      forbidIn: Bool) {
        let own = op.level
        let wrap = level >= own || (op == .in && forbidIn)
        if wrap { byte("(") }
        var leftLevel = own.below
        var rightLevel = own.below
        if op == .pow {
            leftLevel = own
        } else {
            rightLevel = own
        }
        if op == .pow {
            switch left {
            case .unary, .await, .update(_, true, _): leftLevel = .call
            case .boolean where options.shortenLiterals: leftLevel = .call
            default: break
            }
        }
        if op == .nullish {
            if case .binary(let inner, _, _) = left, inner == .or || inner == .and { leftLevel = .prefix }
            if case .binary(let inner, _, _) = right, inner == .or || inner == .and { rightLevel = .prefix }
        } else if op == .or || op == .and {
            if case .binary(.nullish, _, _) = left { leftLevel = .prefix }
            if case .binary(.nullish, _, _) = right { rightLevel = .prefix }
        }
        let innerForbidIn = forbidIn && !wrap
        printExpr(left, leftLevel, forbidIn: innerForbidIn)
        if op == .in || op == .instanceof { word(op.rawValue) } else { raw(op.rawValue) }
        printExpr(right, rightLevel, forbidIn: innerForbidIn)
        if wrap { byte(")") }
    }

    mutating func printNumber(_ raw: String) {
        switch JSNumbers.plainShortest(raw) {
        case .asWritten:
            self.raw(raw)
            return
        case .withoutLeadingZero:
            if options.shortenLiterals {
                self.raw(String(raw.utf8.dropFirst())!)
                return
            }
        case .unknown:
            break
        }
        if options.shortenLiterals, let value = JSNumbers.value(of: raw), let short = JSNumbers.shortest(value),
            short.utf8.count <= raw.utf8.count
        {
            self.raw(short)
        } else {
            self.raw(raw)
        }
    }

    /// `"abc"` -> `abc` when the string is a plain identifier name (no escapes).
    static func identifierKey(_ raw: String) -> String? {
        let inner = raw.utf8.dropFirst().dropLast()
        guard raw.utf8.count >= 3, let first = inner.first, !jsIsDigit(first) else { return nil }
        for b in inner {
            let ok = (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                || jsIsDigit(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "$")
            if !ok { return nil }
        }
        return String(decoding: inner, as: UTF8.self)
    }

    /// `"\xc0"` -> `\u00c0` when the key is an identifier whose non-ASCII characters the
    /// source wrote as escapes: the key stays ASCII, as its author had it (esbuild's spelling).
    /// Printing such a key as raw UTF-8 would be shorter, but on lodash's table of 190 accented
    /// letters the raw bytes cost 120 bytes of gzip for the 380 they save.
    static func escapedIdentifierKey(_ raw: String) -> String? {
        guard raw.utf8.count >= 3, raw.utf8.dropFirst().contains(UInt8(ascii: "\\")),
            let value = JSStrings.decode(raw), !value.isEmpty
        else { return nil }
        var out = ""
        var sawEscape = false
        for (index, c) in value.enumerated() {
            guard let scalar = Unicode.Scalar(c) else { return nil }
            if c < 0x80 {
                let b = UInt8(c)
                let ok = (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                    || (index > 0 && jsIsDigit(b)) || b == UInt8(ascii: "_") || b == UInt8(ascii: "$")
                guard ok else { return nil }
                out.unicodeScalars.append(scalar)
                continue
            }
            // A Basic Multilingual Plane character is written as a `\uXXXX` escape. A key
            // with an astral character is printed as a string: its escape, `\u{...}`, is
            // ES2015 syntax that ES5 engines reject in identifiers, and lodash and underscore
            // target ES5. JSCompressorTests covers both kinds of key.
            guard c <= 0xFFFF, !(0xD800...0xDFFF).contains(c),
                index == 0 ? scalar.properties.isXIDStart : scalar.properties.isXIDContinue
            else { return nil }
            let hex = String(c, radix: 16, uppercase: false)
            out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            sawEscape = true
        }
        guard sawEscape else { return nil }
        // Keys written as raw UTF-8 in the source stay strings (printed raw, as before).
        let inner = raw.utf8.dropFirst().dropLast()
        guard !inner.contains(where: { $0 >= 0x80 }) else { return nil }
        return out
    }

    mutating func printPropertyKey(_ key: JSPropertyKey) {
        switch key {
        case .identifier(let name), .privateName(let name):
            word(name)
        case .string(let raw):
            if options.shortenLiterals, let name = JSPrinter.identifierKey(raw) ?? JSPrinter.escapedIdentifierKey(raw) {
                word(name)
            } else {
                printString(raw, allowTemplate: false)
            }
        case .number(let raw):
            printNumber(raw)
        case .computed(let expression):
            byte("[")
            printExpr(expression, .comma)
            byte("]")
        }
    }

    private mutating func printProperty(_ property: JSProperty) {
        switch property.kind {
        case .spread:
            raw("...")
            printExpr(property.value, .comma)
        case .initializer:
            if property.shorthand, case .identifier(let keyName) = property.key {
                switch property.value {
                case .identifier(let ident) where name(ident) == keyName:
                    printIdentifier(ident)
                    return
                case .assign("=", .identifier(let ident), let value) where name(ident) == keyName:
                    printIdentifier(ident)
                    byte("=")
                    printExpr(value, .comma)
                    return
                default:
                    break
                }
            }
            // `{a: a}` -> `{a}` (not for `__proto__`, where the two forms differ).
            if options.shortenLiterals, case .identifier(let keyName) = property.key, keyName != "__proto__",
                case .identifier(let ident) = property.value, name(ident) == keyName
            {
                printIdentifier(ident)
                return
            }
            printPropertyKey(property.key)
            byte(":")
            printExpr(property.value, .comma)
        case .method, .getter, .setter:
            guard case .function(let function) = property.value else { return }
            if property.kind == .getter { word("get") }
            if property.kind == .setter { word("set") }
            if function.isAsync { word("async") }
            if function.isGenerator { byte("*") }
            printPropertyKey(property.key)
            printParametersAndBody(function)
        }
    }

    mutating func printParametersAndBody(_ function: JSFunction) {
        byte("(")
        for (index, param) in function.params.enumerated() {
            if index > 0 { byte(",") }
            printExpr(param, .comma)
        }
        byte(")")
        printBlock(function.body)
    }

    mutating func printFunction(_ function: JSFunction, keyword: Bool) {
        if function.isAsync { word("async") }
        if origins.isEmpty {
            word("function")
        } else {
            // Stack traces name a frame by the segment at its function's start (`function`).
            let anchor = beginAnchor()
            word("function")
            markFunctionStart(named: function.name, keywordLength: 8)
            if function.name == nil {
                defer { endAnchor(anchor) }
                if function.isGenerator { byte("*") }
                printParametersAndBody(function)
                return
            }
        }
        if function.isGenerator { byte("*") }
        if let name = function.name { printIdentifier(name) }
        printParametersAndBody(function)
    }

    private mutating func printArrow(_ function: JSFunction, forbidIn: Bool) {
        if function.isAsync { word("async") }
        if function.params.count == 1, case .identifier(let ident) = function.params[0] {
            printIdentifier(ident)
        } else {
            byte("(")
            for (index, param) in function.params.enumerated() {
                if index > 0 { byte(",") }
                printExpr(param, .comma)
            }
            byte(")")
        }
        raw("=>")
        if let body = function.expressionBody {
            arrowBodyStart = out.count
            printExpr(body, .comma, forbidIn: forbidIn)
        } else {
            printBlock(function.body)
        }
    }

    mutating func printClass(_ value: JSClass) {
        word("class")
        if let name = value.name { printIdentifier(name) }
        if let superClass = value.superClass {
            word("extends")
            printExpr(superClass, .new.below)
        }
        byte("{")
        for member in value.members {
            flushSemicolon()
            newline()
            if member.kind == .staticBlock {
                word("static")
                printBlock(member.body)
                continue
            }
            if member.isStatic { word("static") }
            if case .function(let function)? = member.value, member.kind != .field {
                if member.kind == .getter { word("get") }
                if member.kind == .setter { word("set") }
                if function.isAsync { word("async") }
                if function.isGenerator { byte("*") }
                printPropertyKey(member.key)
                printParametersAndBody(function)
            } else {
                printPropertyKey(member.key)
                if let initializer = member.value {
                    byte("=")
                    printExpr(initializer, .comma)
                }
                pendingSemicolon = true
            }
        }
        pendingSemicolon = false
        newline()
        byte("}")
    }
}
