extension JSParser {
    private mutating func enterModule(at offset: Int) {
        if !isModule {
            isModule = true
            scopes.setKind(.module, of: 0)
        }
        if scopes.live(scope) != 0 {
            report(.jsMisplacedStatement, "import and export may only appear at the top level", at: offset)
        }
    }

    private mutating func parseModuleSource() throws -> String {
        guard token.kind == .string else { try fail("expected a module name string but found \(describe(token))") }
        let raw = text(token)
        next()
        return raw
    }

    /// `with { type: "json" }` (or the older `assert`), kept raw.
    private mutating func parseAttributes() throws -> String? {
        guard (isWord("with") || (isWord("assert") && !token.newlineBefore)) else { return nil }
        next()
        let start = token.start
        try expect(.lbrace, "{")
        var progress = LoopProgress()
        while !isPunct(.rbrace), token.kind != .eof, progress.advanced(to: token.start) { next() }
        try expect(.rbrace, "}")
        let raw = String(decoding: bytes[start..<prevEnd], as: UTF8.self)
        return raw.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    /// A name in an import/export clause: an identifier name or a string literal.
    private mutating func parseModuleExportName() throws -> String {
        guard token.kind == .identifier || token.kind == .string else {
            try fail("expected a name but found \(describe(token))")
        }
        let raw = text(token)
        next()
        return raw
    }

    private mutating func declareImport(_ name: String) {
        scopes.declare(name, slot: -1, in: 0, pinned: true)
    }

    mutating func parseImport() throws -> JSStmt {
        enterModule(at: token.start)
        next()
        if token.kind == .string {
            let source = try parseModuleSource()
            let attributes = try parseAttributes()
            try semicolon()
            return .importDecl(defaultBinding: nil, namespace: nil, named: nil, source: source, attributes: attributes)
        }
        var defaultBinding: String? = nil
        var namespace: String? = nil
        var named: [JSModuleSpecifier]? = nil
        if token.kind == .identifier, !isPunct(.lbrace) {
            let name = try parseBindingIdentifier()
            declareImport(name)
            defaultBinding = name
            if !eat(.comma) {
                return try finishImport(defaultBinding, namespace, named)
            }
        }
        if eat(.star) {
            guard isWord("as") else { try fail("expected 'as' after '*'") }
            next()
            let name = try parseBindingIdentifier()
            declareImport(name)
            namespace = name
        } else if eat(.lbrace) {
            var specifiers: [JSModuleSpecifier] = []
            var progress = LoopProgress()
            while !isPunct(.rbrace), progress.advanced(to: token.start) {
                let external = try parseModuleExportName()
                var local = external
                if isWord("as") {
                    next()
                    local = try parseBindingIdentifier()
                }
                declareImport(local)
                specifiers.append(JSModuleSpecifier(external: external, local: local))
                if !isPunct(.rbrace) { try expect(.comma, ",") }
            }
            try expect(.rbrace, "}")
            named = specifiers
        }
        return try finishImport(defaultBinding, namespace, named)
    }

    private mutating func finishImport(_ defaultBinding: String?, _ namespace: String?,
                                       _ named: [JSModuleSpecifier]?) throws -> JSStmt {
        guard isWord("from") else { try fail("expected 'from' but found \(describe(token))") }
        next()
        let source = try parseModuleSource()
        let attributes = try parseAttributes()
        try semicolon()
        return .importDecl(defaultBinding: defaultBinding, namespace: namespace, named: named, source: source,
                           attributes: attributes)
    }

    mutating func parseExport() throws -> JSStmt {
        enterModule(at: token.start)
        next()
        if eat(.star) {
            var alias: String? = nil
            if isWord("as") {
                next()
                alias = try parseModuleExportName()
            }
            guard isWord("from") else { try fail("expected 'from' but found \(describe(token))") }
            next()
            let source = try parseModuleSource()
            let attributes = try parseAttributes()
            try semicolon()
            return .exportNamed(specifiers: nil, star: true, starAlias: alias, source: source, attributes: attributes)
        }
        if eat(.lbrace) {
            var specifiers: [JSModuleSpecifier] = []
            var progress = LoopProgress()
            while !isPunct(.rbrace), progress.advanced(to: token.start) {
                let local = try parseModuleExportName()
                var external = local
                if isWord("as") {
                    next()
                    external = try parseModuleExportName()
                }
                specifiers.append(JSModuleSpecifier(external: external, local: local))
                if !isPunct(.rbrace) { try expect(.comma, ",") }
            }
            try expect(.rbrace, "}")
            var source: String? = nil
            var attributes: String? = nil
            if isWord("from") {
                next()
                source = try parseModuleSource()
                attributes = try parseAttributes()
            } else {
                for specifier in specifiers { _ = reference(specifier.local) }
            }
            try semicolon()
            return .exportNamed(specifiers: specifiers, star: false, starAlias: nil, source: source,
                                attributes: attributes)
        }
        if isWord("default") {
            next()
            if isWord("function") {
                return .exportDefault(.function(try parseFunction(isDeclaration: true, isAsync: false, nameOptional: true)))
            }
            if isWord("async"), peekIsWord("function"), !peek().newlineBefore {
                next()
                return .exportDefault(.function(try parseFunction(isDeclaration: true, isAsync: true, nameOptional: true)))
            }
            if isWord("class") {
                return .exportDefault(.class(try parseClass(isDeclaration: true, nameOptional: true)))
            }
            let value = try parseAssign()
            try semicolon()
            return .exportDefault(.expression(value))
        }
        if isWord("var") || isWord("let") || isWord("const") || isWord("function") || isWord("class")
            || isWord("async")
        {
            return .exportDecl(try parseStatement())
        }
        try fail("unexpected \(describe(token)) after 'export'")
    }
}
