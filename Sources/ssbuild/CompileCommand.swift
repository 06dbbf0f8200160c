import ArgumentParser
import Foundation
import SSBuild
import SSCompilers

struct CompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Compile one file to standard output.",
        discussion: ".styl -> CSS, .jade/.pug -> HTML, .js/.css -> checked (or minified with --minify).")

    @Option(name: .customLong("include"), help: "Stylus: an include path (repeatable).")
    var includePaths: [String] = []
    @Flag(help: "Stylus: compressed output.") var compress = false
    @Flag(name: .customLong("include-css"), help: "Stylus: inline @import of .css files.") var includeCSS = false
    @Option(help: "Stylus: prefix for class names.") var prefix: String = ""
    @Flag(name: .customLong("hoist-atrules"), help: "Stylus: move @import and @charset to the top.")
    var hoistAtRules = false
    @Flag(name: .customLong("resolve-url"), help: "Stylus: rewrite url() relative to the file.") var resolveURL = false
    @Flag(help: "Pug: indented output.") var pretty = false
    @Option(help: "Pug: the folder absolute include paths start from.") var basedir: String?
    @Option(help: "Pug: locals as a JSON object.") var locals: String = "{}"
    @Option(name: .customLong("filters"), help: "Pug: a folder of NAME.js custom filters (repeatable).")
    var filterDirectories: [String] = []
    @Flag(help: "JS/CSS: minify.") var minify = false
    @Argument(help: "The files to compile; outputs are written in order.") var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one file to compile") }
        guard Self.isJSONObject(locals) else {
            throw ValidationError("--locals must be a JSON object, such as '{\"title\":\"Pug\"}'")
        }
    }

    func run() throws {
        let status = Self.compile(invocation.files, options: invocation.options)
        if status != 0 { throw ExitCode(status) }
    }

    /// The parsed options, as `CompileFastPath` gives them too.
    var invocation: CompileFastPath.Invocation {
        var options = SingleFileCompiler.Options()
        options.includePaths = includePaths
        options.compress = compress
        options.includeCSS = includeCSS
        options.prefix = prefix
        options.hoistAtRules = hoistAtRules
        options.resolveURL = resolveURL
        options.pretty = pretty
        options.basedir = basedir
        options.localsJSON = locals
        options.minify = minify
        options.filterDirectories = filterDirectories
        return CompileFastPath.Invocation(options: options, files: files)
    }

    /// Compiles the files to standard output, diagnostics to standard error; the exit status.
    static func compile(_ files: [String], options: SingleFileCompiler.Options) -> Int32 {
        MallocTuning.growHeapsInLargeSteps()
        // One snapshot for the command: a file that the import prefetch thread read is
        // not read again by the evaluator (and its existence is not asked again).
        let snapshot = FileSnapshot(DiskResolver())
        if files.contains(where: { isLargeCompile($0, snapshot) }) { MallocTuning.useHugePagesForHeaps() }
        let compiler = SingleFileCompiler(options: options, resolver: snapshot)
        var failed = false
        for file in files {
            let result = compiler.compile(path: file)
            DiagnosticPrinter.print(result.diagnostics)
            if result.hasErrors { failed = true; continue }
            Self.writeToStandardOutput(result.output)
        }
        return failed ? ExitCode.failure.rawValue : 0
    }

    /// Whether a compile of `path` is likely to touch megabytes of heap, where huge pages
    /// pay for their fixed cost (about 0.5 ms of a tiny compile): a big input, or a
    /// stylesheet that imports others.
    static func isLargeCompile(_ path: String, _ resolver: any SourceResolver) -> Bool {
        guard let data = resolver.readData(path) else { return false }
        if data.count >= 64 << 10 { return true }
        guard PathUtil.pathExtension(path).lowercased() == "styl" else { return false }
        return data.withUnsafeBytes { bytes in
            // "@import" or "@require" anywhere (a comment too: a cheap guess, not a parse).
            let at = UInt8(ascii: "@")
            var index = 0
            while let offset = bytes[index...].firstIndex(of: at) {
                let rest = bytes[(offset + 1)...]
                if rest.starts(with: "import".utf8) || rest.starts(with: "require".utf8) { return true }
                index = offset + 1
            }
            return false
        }
    }

    static func isJSONObject(_ text: String) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) is [String: Any]
    }

    /// Writes the string's own UTF-8 bytes (no `Data` copy of a large bundle).
    static func writeToStandardOutput(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let written = write(STDOUT_FILENO, base + offset, bytes.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }
}
