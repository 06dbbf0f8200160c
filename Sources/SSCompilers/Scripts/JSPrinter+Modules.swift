extension JSPrinter {
    private mutating func printSpecifiers(_ specifiers: [JSModuleSpecifier], isImport: Bool) {
        byte("{")
        for (index, specifier) in specifiers.enumerated() {
            if index > 0 { byte(",") }
            let first = isImport ? specifier.external : specifier.local
            let second = isImport ? specifier.local : specifier.external
            raw(first)
            if first != second {
                word("as")
                raw(second)
            }
        }
        byte("}")
    }

    private mutating func printSource(_ source: String, _ attributes: String?) {
        raw(source)
        if let attributes {
            word("with")
            raw(attributes)
        }
    }

    mutating func printModuleStatement(_ statement: JSStmt) {
        switch statement {
        case .importDecl(let defaultBinding, let namespace, let named, let source, let attributes):
            word("import")
            var hasClause = false
            if let defaultBinding {
                word(defaultBinding)
                hasClause = true
            }
            if let namespace {
                if hasClause { byte(",") }
                raw("*")
                word("as")
                word(namespace)
                hasClause = true
            }
            if let named {
                if hasClause { byte(",") }
                printSpecifiers(named, isImport: true)
                hasClause = true
            }
            if hasClause { word("from") }
            printSource(source, attributes)
            pendingSemicolon = true
        case .exportNamed(let specifiers, let star, let starAlias, let source, let attributes):
            word("export")
            if star {
                raw("*")
                if let starAlias {
                    word("as")
                    raw(starAlias)
                }
            } else if let specifiers {
                printSpecifiers(specifiers, isImport: false)
            }
            if let source {
                word("from")
                printSource(source, attributes)
            }
            pendingSemicolon = true
        case .exportDecl(let declaration):
            word("export")
            printStatement(declaration)
        case .exportDefault(let declaration):
            word("export")
            word("default")
            if case .expression(let value) = declaration {
                exportDefaultStart = out.count
                printExpr(value, .comma)
                pendingSemicolon = true
            } else {
                printStatement(declaration)
            }
        default:
            break
        }
    }
}
