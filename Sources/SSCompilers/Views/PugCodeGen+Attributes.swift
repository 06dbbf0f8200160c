extension PugCodeGen {
    /// A JavaScript value Pug would fold at compile time.
    enum Constant {
        case string(String)
        case bool(Bool)
        case null
        case number(String)
    }

    static func constant(_ source: String) -> Constant? {
        let text = PugJS.trimmed(source)
        if let string = PugJS.unquote(text) { return .string(string) }
        switch text {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null", "undefined": return .null
        default: break
        }
        if !text.isEmpty, text.count < 16, text.allSatisfy(\.isNumber), text.first != "0" || text == "0" { return .number(text) }
        return nil
    }

    /// `pug_attr` evaluated at compile time.
    func constantAttribute(_ key: String, _ value: Constant, escape: Bool) -> String {
        switch value {
        case .bool(false), .null: return ""
        case .bool(true): return " " + (terse ? key : key + "=\"" + key + "\"")
        case .number(let digits): return " " + key + "=\"" + digits + "\""
        case .string(let text):
            if text.isEmpty, key == "class" || key == "style" { return "" }
            return " " + key + "=\"" + (escape ? Self.escapeHTML(text) : text) + "\""
        }
    }

    static func escapeHTML(_ text: String) -> String {
        guard text.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" || $0 == "\"" }) else { return text }
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    mutating func visitAttributes(_ attrs: [PugAttribute], _ attributeBlocks: [String]) throws {
        if !attributeBlocks.isEmpty {
            var all = attributeBlocks
            if !attrs.isEmpty { all.insert(attributesObject(attrs), at: 0) }
            let merged = all.count > 1 ? "pug_merge([" + all.joined(separator: ",") + "])" : all[0]
            bufferExpression("pug_attrs(" + merged + ", " + (terse ? "true" : "false") + ")")
        } else if !attrs.isEmpty {
            bufferAttributes(attrs)
        }
    }

    /// Classes first (all class values merged), then the other attributes in order.
    private func splitClasses(_ attrs: [PugAttribute]) -> (classes: [PugAttribute], others: [PugAttribute]) {
        (attrs.filter { $0.name == "class" }, attrs.filter { $0.name != "class" })
    }

    mutating func bufferAttributes(_ attrs: [PugAttribute]) {
        let (classes, others) = splitClasses(attrs)
        if !classes.isEmpty {
            let constants = classes.map { Self.constant($0.val) }
            if constants.allSatisfy({ if case .string? = $0 { return true } else { return false } }) {
                var names: [String] = []
                for (attribute, constant) in zip(classes, constants) {
                    guard case .string(let text)? = constant, !text.isEmpty else { continue }
                    names.append(attribute.mustEscape ? Self.escapeHTML(text) : text)
                }
                buffer(constantAttribute("class", .string(names.joined(separator: " ")), escape: false))
            } else {
                bufferExpression("pug_attr(\"class\", " + classesExpression(classes) + ", false, " + (terse ? "true" : "false") + ")")
            }
        }
        for attribute in others {
            var value = attribute.val
            if attribute.name == "style" {
                if let constant = Self.constant(value), case .string = constant {
                    buffer(constantAttribute("style", constant, escape: attribute.mustEscape))
                    continue
                }
                value = "pug_style(" + value + ")"
            } else if let constant = Self.constant(value) {
                buffer(constantAttribute(attribute.name, constant, escape: attribute.mustEscape))
                continue
            }
            bufferExpression("pug_attr(" + PugJS.stringLiteral(attribute.name) + ", " + value + ", "
                + (attribute.mustEscape ? "true" : "false") + ", " + (terse ? "true" : "false") + ")")
        }
    }

    private func classesExpression(_ classes: [PugAttribute]) -> String {
        var values: [String] = []
        var escaping: [String] = []
        for attribute in classes {
            if case .string(let text)? = Self.constant(attribute.val) {
                values.append(PugJS.stringLiteral(attribute.mustEscape ? Self.escapeHTML(text) : text))
                escaping.append("false")
            } else {
                values.append(attribute.val)
                escaping.append(attribute.mustEscape ? "true" : "false")
            }
        }
        return "pug_classes([" + values.joined(separator: ",") + "], [" + escaping.joined(separator: ",") + "])"
    }

    /// The attributes as a JavaScript object literal, for mixin calls and `&attributes` merges.
    func attributesObject(_ attrs: [PugAttribute]) -> String {
        let (classes, others) = splitClasses(attrs)
        var entries: [String] = []
        if !classes.isEmpty {
            let constants = classes.compactMap { attribute -> String? in
                if case .string(let text)? = Self.constant(attribute.val) { return attribute.mustEscape ? Self.escapeHTML(text) : text }
                return nil
            }
            if constants.count == classes.count {
                entries.append("\"class\": " + PugJS.stringLiteral(constants.filter { !$0.isEmpty }.joined(separator: " ")))
            } else {
                entries.append("\"class\": " + classesExpression(classes))
            }
        }
        for attribute in others {
            var value = attribute.val
            if attribute.name == "style" {
                value = "pug_style(" + value + ")"
            }
            if attribute.mustEscape {
                if case .string(let text)? = Self.constant(attribute.val), attribute.name != "style" {
                    value = PugJS.stringLiteral(Self.escapeHTML(text))
                } else if value != "true" {
                    value = "pug_escape(" + value + ")"
                }
            }
            entries.append(PugJS.stringLiteral(attribute.name) + ": " + value)
        }
        return "{" + entries.joined(separator: ",") + "}"
    }

    /// Records names declared at the template's top level, so `pug_with` leaves them
    /// to the render function's own scope (Pug's `with` does the same by analysis).
    mutating func collectDeclarations(_ code: String) {
        let bytes = Array(code.utf8)
        var scanner = PugJSScanner()
        var i = 0
        var expectName = false
        var inDeclarationList = false
        var listDepth = 0
        var word: [UInt8] = []
        func finishWord(_ gen: inout PugCodeGen, _ word: inout [UInt8]) {
            guard !word.isEmpty else { return }
            let text = String(decoding: word, as: UTF8.self)
            word.removeAll()
            if expectName {
                if !(text.first?.isNumber ?? true), gen.declaredSet.insert(text).inserted { gen.declared.append(text) }
                expectName = false
                return
            }
            if ["var", "let", "const"].contains(text) {
                expectName = true
                inDeclarationList = true
                listDepth = scanner.depth
            } else if text == "function" {
                expectName = true
            }
        }
        while i < bytes.count {
            let c = bytes[i]
            let inString = scanner.isString
            if !inString, pugIsIdentifierByte(c) {
                word.append(c)
            } else {
                finishWord(&self, &word)
                if !inString {
                    if c == UInt8(ascii: ","), inDeclarationList, scanner.depth == listDepth { expectName = true }
                    if c == UInt8(ascii: ";") { inDeclarationList = false }
                    if c == UInt8(ascii: "("), expectName { expectName = false }
                }
            }
            scanner.feed(c)
            i += 1
        }
        finishWord(&self, &word)
    }
}

import Foundation
