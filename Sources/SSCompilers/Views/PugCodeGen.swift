/// Writes the JavaScript render function for a linked tree (pug-code-gen). Output
/// strings are buffered and merged into few `pug_html = pug_html + ...` statements;
/// pretty printing follows Pug's rules exactly (`prettyIndent`, inline tags, text).
struct PugCodeGen {
    let options: PugOptions
    let files: [SourceFile]
    var buf: [String] = []
    private var pending: [(text: Bool, value: String)] = []
    var indents = 0
    var parentIndents = 0
    let pp: String?
    var doctype: String? = nil
    var terse = false
    var xml = false
    var hasCompiledDoctype = false
    var hasCompiledTag = false
    var escapePrettyMode = false
    var eachCount = 0
    var functionDepth = 0
    /// Names declared by `var`/`let`/`const`/`function` at the top level of the
    /// template: they must not be looked up in the locals (see `pug_with`).
    var declared: [String] = []
    var declaredSet = Set<String>()
    var lastDebugLine: Int? = nil
    var pendingDebugLine: Int? = nil
    var depth = 0
    static let maximumDepth = 400

    static let doctypes: [String: String] = [
        "html": "<!DOCTYPE html>",
        "xml": "<?xml version=\"1.0\" encoding=\"utf-8\" ?>",
        "transitional": "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">",
        "strict": "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">",
        "frameset": "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Frameset//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-frameset.dtd\">",
        "1.1": "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.1//EN\" \"http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd\">",
        "basic": "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML Basic 1.1//EN\" \"http://www.w3.org/TR/xhtml-basic/xhtml-basic11.dtd\">",
        "mobile": "<!DOCTYPE html PUBLIC \"-//WAPFORUM//DTD XHTML Mobile 1.2//EN\" \"http://www.openmobilealliance.org/tech/DTD/xhtml-mobile12.dtd\">",
        "plist": "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">",
    ]
    static let selfClosing: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    ]
    static let whitespaceSensitive: Set<String> = ["pre", "textarea"]

    init(options: PugOptions, files: [SourceFile]) {
        self.options = options
        self.files = files
        self.pp = options.pretty ? "  " : nil
        if let doctype = options.doctype { setDoctype(doctype) }
    }

    mutating func setDoctype(_ name: String) {
        let value = Self.doctypes[name.lowercased()] ?? "<!DOCTYPE \(name)>"
        doctype = value
        terse = value.lowercased() == "<!doctype html>"
        xml = value.hasPrefix("<?xml")
    }

    // MARK: - Output buffer

    /// Appends literal HTML to the output.
    mutating func buffer(_ text: String) {
        guard !text.isEmpty else { return }
        if let last = pending.last, last.text {
            pending[pending.count - 1].value += text
        } else {
            pending.append((true, text))
        }
    }

    /// Appends the value of a JavaScript expression to the output.
    mutating func bufferExpression(_ source: String) {
        flushDebugLine()
        pending.append((false, source))
    }

    /// Appends a JavaScript statement (flushing buffered output first).
    mutating func push(_ statement: String) {
        flush()
        buf.append(statement)
    }

    mutating func flush() {
        guard !pending.isEmpty else { return }
        var parts: [String] = []
        for part in pending { parts.append(part.text ? PugJS.stringLiteral(part.value) : "(" + part.value + ")") }
        buf.append("pug_html = pug_html + " + parts.joined(separator: " + ") + ";")
        pending.removeAll()
    }

    /// Statements that can throw are preceded by the template position, so a runtime
    /// error can be reported at the template line.
    mutating func noteDebug(_ node: PugNode) {
        guard options.compileDebug, node.file < files.count else { return }
        // Binary search on the line table: `location(ofOffset:)` also counts columns,
        // which is linear in the line length and adds up on long lines.
        let starts = files[node.file].lineStarts
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= node.offset { low = mid } else { high = mid - 1 }
        }
        pendingDebugLine = node.file * 1_000_000 + low + 1
    }

    mutating func flushDebugLine() {
        guard let line = pendingDebugLine, line != lastDebugLine else { return }
        flush()
        buf.append("pug_debug_line = \(line);")
        lastDebugLine = line
    }

    /// A statement that evaluates template JavaScript: the template position is
    /// recorded first. Afterwards the lexically previous debug line is no longer
    /// known to be the last one executed (a branch, a loop, a function boundary).
    mutating func pushStatement(_ statement: String) {
        flushDebugLine()
        push(statement)
        lastDebugLine = nil
    }

    /// A piece of a construct where no statement may be inserted (`}`, `else`,
    /// `case x:`, the parts of a mixin call's object literal).
    mutating func pushRaw(_ statement: String) {
        push(statement)
        lastDebugLine = nil
    }

    // MARK: - Indentation

    mutating func prettyIndent(_ offset: Int, newline: Bool) {
        guard let pp else { return }
        let count = max(0, indents + offset - 1)
        buffer((newline ? "\n" : "") + String(repeating: pp, count: count))
        if parentIndents > 0 { pending.append((false, "pug_indent.join(\"\")")) }
    }
}
