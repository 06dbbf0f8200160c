extension PugCodeGen {
    mutating func visit(_ node: PugNode) throws {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maximumDepth {
            throw PugError(id: .pugTooDeep, message: "the template is nested too deeply",
                           path: node.file < files.count ? files[node.file].path : "", offset: node.offset)
        }
        noteDebug(node)
        switch node.kind {
        case .block, .namedBlock: try visitBlock(node)
        case .tag, .interpolatedTag: try visitTag(node)
        case .text: buffer(node.val)
        case .code: try visitCode(node)
        case .conditional: try visitConditional(node)
        case .caseNode:
            pushStatement("switch (" + node.val + "){")
            if let block = node.block { try visit(block) }
            pushRaw("}")
        case .when:
            pushRaw(node.val == "default" ? "default:" : "case " + node.val + ":")
            if let block = node.block {
                try visit(block)
                pushRaw("  break;")
            }
        case .each: try visitEach(node)
        case .eachOf:
            pushStatement("for (const " + node.item + " of " + node.val + ") {")
            if let block = node.block { try visit(block) }
            pushRaw("}")
        case .whileLoop:
            pushStatement("while (" + node.val + ") {")
            if let block = node.block { try visit(block) }
            pushRaw("}")
        case .mixin: try visitMixin(node)
        case .mixinBlock:
            if let pp { pushRaw("pug_indent.push(" + PugJS.stringLiteral(String(repeating: pp, count: indents)) + ");") }
            pushRaw("block && block();")
            if pp != nil { pushRaw("pug_indent.pop();") }
        case .yieldBlock: break
        case .comment:
            guard node.buffer else { return }
            prettyIndent(1, newline: true)
            buffer("<!--" + node.val + "-->")
        case .blockComment:
            guard node.buffer else { return }
            prettyIndent(1, newline: true)
            buffer("<!--" + node.val)
            if let block = node.block { try visit(block) }
            prettyIndent(1, newline: true)
            buffer("-->")
        case .doctype: visitDoctype(node)
        case .filter, .include, .rawInclude, .extends:
            // Filters and includes are resolved before code generation.
            break
        }
    }

    mutating func visitDoctype(_ node: PugNode?) {
        if let node, !node.val.isEmpty || doctype == nil {
            setDoctype(node.val.isEmpty ? "html" : node.val)
        }
        if let doctype { buffer(doctype) }
        hasCompiledDoctype = true
    }

    mutating func visitBlock(_ block: PugNode) throws {
        let escapePretty = escapePrettyMode
        let nodes = block.nodes
        if pp != nil, nodes.count > 1, !escapePretty, nodes[0].kind == .text, nodes[1].kind == .text {
            prettyIndent(1, newline: true)
        }
        for (i, node) in nodes.enumerated() {
            if pp != nil, i > 0, !escapePretty, node.kind == .text, nodes[i - 1].kind == .text,
               nodes[i - 1].val.hasSuffix("\n") {
                prettyIndent(1, newline: false)
            }
            try visit(node)
        }
    }

    mutating func visitCode(_ code: PugNode) throws {
        if code.buffer {
            var value = PugJS.trimmed(code.val)
            value = "null == (pug_interp = " + value + ") ? \"\" : pug_interp"
            if code.mustEscape { value = "pug_escape(" + value + ")" }
            bufferExpression(value)
        } else {
            if functionDepth == 0 { collectDeclarations(code.val) }
            let head = code.val.drop { $0 == " " || $0 == "\t" }
            if head.hasPrefix("}") || head.hasPrefix("else") || head.hasPrefix("case ") || head.hasPrefix("default") {
                pushRaw(code.val)
            } else {
                pushStatement(code.val)
            }
        }
        if let block = code.block {
            if !code.buffer { pushRaw("{") }
            try visit(block)
            if !code.buffer { pushRaw("}") }
        }
    }

    mutating func visitConditional(_ node: PugNode) throws {
        pushStatement("if (" + node.val + ") {")
        if let block = node.block { try visit(block) }
        pushRaw("}")
        if let alternate = node.alternate {
            if alternate.kind == .conditional {
                // `else { if ... }` rather than `else if`, so a debug line may precede the test.
                pushRaw("else {")
                noteDebug(alternate)
                try visitConditional(alternate)
                pushRaw("}")
            } else {
                pushRaw("else {")
                try visit(alternate)
                pushRaw("}")
            }
        }
    }

    mutating func visitEach(_ each: PugNode) throws {
        let index = each.key ?? "pug_index\(eachCount)"
        eachCount += 1
        functionDepth += 1
        defer { functionDepth -= 1 }
        pushStatement("// iterate " + each.val.replacingOccurrences(of: "\n", with: " ") + "\n;(function(){\n  var $$obj = " + each.val
            + ";\n  if ('number' == typeof $$obj.length) {")
        if each.alternate != nil { pushRaw("    if ($$obj.length) {") }
        pushRaw("      for (var \(index) = 0, $$l = $$obj.length; \(index) < $$l; \(index)++) {\n        var "
            + each.item + " = $$obj[\(index)];")
        if let block = each.block { try visit(block) }
        pushRaw("      }")
        if let alternate = each.alternate {
            pushRaw("    } else {")
            try visit(alternate)
            pushRaw("    }")
        }
        pushRaw("  } else {\n    var $$l = 0;\n    for (var \(index) in $$obj) {\n      $$l++;\n      var "
            + each.item + " = $$obj[\(index)];")
        if let block = each.block { try visit(block) }
        pushRaw("    }")
        if let alternate = each.alternate {
            pushRaw("    if ($$l === 0) {")
            try visit(alternate)
            pushRaw("    }")
        }
        pushRaw("  }\n}).call(this);\n")
    }

    mutating func visitMixin(_ mixin: PugNode) throws {
        let dynamic = mixin.name.hasPrefix("#")
        let name: String
        if dynamic {
            name = "pug_mixins[" + String(mixin.name.dropFirst(2).dropLast()) + "]"
        } else {
            name = "pug_mixins[" + PugJS.stringLiteral(mixin.name) + "]"
        }
        let args = mixin.args ?? ""
        if mixin.call {
            if let pp { pushRaw("pug_indent.push(" + PugJS.stringLiteral(String(repeating: pp, count: indents)) + ");") }
            let attributeBlocks = mixin.attributeBlocks
            if mixin.block != nil || !mixin.attrs.isEmpty || !attributeBlocks.isEmpty {
                pushStatement(name + ".call({")
                if let block = mixin.block {
                    pushRaw("block: function(){")
                    parentIndents += 1
                    functionDepth += 1
                    let savedIndents = indents
                    indents = 0
                    try visit(block)
                    indents = savedIndents
                    parentIndents -= 1
                    functionDepth -= 1
                    pushRaw(mixin.attrs.isEmpty && attributeBlocks.isEmpty ? "}" : "},")
                }
                if !attributeBlocks.isEmpty {
                    var all = attributeBlocks
                    if !mixin.attrs.isEmpty { all.insert(attributesObject(mixin.attrs), at: 0) }
                    pushRaw("attributes: " + (all.count > 1 ? "pug_merge([" + all.joined(separator: ",") + "])" : all[0]))
                } else if !mixin.attrs.isEmpty {
                    pushRaw("attributes: " + attributesObject(mixin.attrs))
                }
                pushRaw(args.isEmpty ? "});" : "}, " + args + ");")
            } else {
                pushStatement(name + "(" + args + ");")
            }
            if pp != nil { pushRaw("pug_indent.pop();") }
        } else {
            var params = args.isEmpty ? [] : args.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            var rest: String? = nil
            if let last = params.last, PugJS.trimmed(last).hasPrefix("...") {
                rest = String(PugJS.trimmed(last).dropFirst(3))
                params.removeLast()
            }
            pushStatement(name + " = pug_interp = function(" + params.joined(separator: ",") + "){")
            pushRaw("var block = (this && this.block), attributes = (this && this.attributes) || {};")
            if let rest {
                pushRaw("var \(rest) = [];")
                pushRaw("for (pug_interp = \(params.count); pug_interp < arguments.length; pug_interp++) {")
                pushRaw("  \(rest).push(arguments[pug_interp]);")
                pushRaw("}")
            }
            parentIndents += 1
            functionDepth += 1
            if let block = mixin.block { try visit(block) }
            parentIndents -= 1
            functionDepth -= 1
            pushRaw("};")
        }
    }

    mutating func visitTag(_ tag: PugNode) throws {
        indents += 1
        defer { indents -= 1 }
        let interpolated = tag.kind == .interpolatedTag
        let name = tag.name
        let sensitive = !interpolated && Self.whitespaceSensitive.contains(name)
        if sensitive { escapePrettyMode = true }
        if !hasCompiledTag {
            if !hasCompiledDoctype, name == "html", !interpolated { visitDoctype(nil) }
            hasCompiledTag = true
        }
        if pp != nil, !tag.isInline { prettyIndent(0, newline: true) }
        func bufferName(_ gen: inout PugCodeGen) {
            if interpolated { gen.bufferExpression(tag.val) } else { gen.buffer(name) }
        }
        let block = tag.block
        if tag.selfClosing || (!xml && !interpolated && Self.selfClosing.contains(name)) {
            buffer("<")
            bufferName(&self)
            try visitAttributes(tag.attrs, tag.attributeBlocks)
            buffer(terse && !tag.selfClosing ? ">" : "/>")
            if let block, block.nodes.contains(where: { $0.kind != .text || !$0.val.allSatisfy(\.isWhitespace) }) {
                throw PugError(id: .pugInvalidSyntax,
                               message: "\(name) is a self closing element: <\(name)/> but contains nested content.",
                               path: tag.file < files.count ? files[tag.file].path : "", offset: tag.offset)
            }
        } else {
            buffer("<")
            bufferName(&self)
            try visitAttributes(tag.attrs, tag.attributeBlocks)
            buffer(">")
            if let block { try visit(block) }
            if pp != nil, !tag.isInline, !sensitive, !Self.canInline(tag) { prettyIndent(0, newline: true) }
            buffer("</")
            bufferName(&self)
            buffer(">")
        }
        if sensitive { escapePrettyMode = false }
    }

    static func canInline(_ tag: PugNode) -> Bool {
        func isInline(_ node: PugNode) -> Bool {
            // Only plain blocks recurse: Pug's check is `type === 'Block'`, so a named
            // block inside a tag always puts the closing tag on its own line.
            if node.kind == .block { return node.nodes.allSatisfy(isInline) }
            if node.kind == .yieldBlock { return true }
            return (node.kind == .text && !PugJS.contains(node.val, byte: 10)) || node.isInline
        }
        return (tag.block?.nodes ?? []).allSatisfy(isInline)
    }
}

import Foundation
