import Foundation
import SSBuild

/// `ssbuild compile`'s start-up without swift-argument-parser or the concurrency runtime.
///
/// Minifying a 6 KB library is mostly process start, and building the command tree (its
/// reflection over every command's property wrappers) and starting the async main cost
/// about as much as the minifier itself. `compile` is a one-shot, synchronous command, so
/// `SSBuildEntry` tries this parser first. It accepts exactly the argument lists whose
/// meaning is plain (`--flag`, `--option value`, `--option=value`, file names) and answers
/// `nil` for everything else (help, version, unknown or repeated options, a value that
/// looks like an option, a missing file, `--locals` that is not a JSON object): those go
/// to `CompileCommand` through ArgumentParser, which gives its usual messages.
///
/// ```swift
/// CompileFastPath.parse(["--minify", "a.js"])?.files   // ["a.js"]
/// CompileFastPath.parse(["--bogus", "a.js"])            // nil: ArgumentParser reports it
/// ```
enum CompileFastPath {
    /// What `CompileCommand`'s options parse to.
    struct Invocation: Equatable {
        var options = SingleFileCompiler.Options()
        var files: [String] = []

        static func == (a: Invocation, b: Invocation) -> Bool {
            a.files == b.files && CompileFastPath.describe(a.options) == CompileFastPath.describe(b.options)
        }
    }

    private enum Kind { case flag, single, repeatable }

    /// The options of `CompileCommand`, by long name. A switch, not a dictionary literal:
    /// the first use of a `[String: Kind]` instantiates its metadata, and the conformance
    /// lookups behind that scan every conformance record of this large binary (about
    /// 0.2 ms of each `compile` run, before any work starts).
    private static func kind(of name: String) -> Kind? {
        switch name {
        case "include", "filters": return .repeatable
        case "compress", "include-css", "hoist-atrules", "resolve-url", "pretty", "minify": return .flag
        case "prefix", "basedir", "locals": return .single
        default: return nil
        }
    }

    /// Runs `compile` when `arguments` (the whole command line) names it and this parser
    /// understands the rest; the exit status, or `nil` to leave it to ArgumentParser.
    static func run(_ arguments: [String]) -> Int32? {
        guard arguments.count > 2, arguments[1] == "compile",
            let invocation = parse(Array(arguments.dropFirst(2)))
        else { return nil }
        return CompileCommand.compile(invocation.files, options: invocation.options)
    }

    /// Parses the arguments after `compile`, or `nil` when ArgumentParser should.
    static func parse(_ arguments: [String]) -> Invocation? {
        var invocation = Invocation()
        var seen: Set<String> = []
        var localsJSON = "{}"
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("-") else {
                invocation.files.append(argument)
                continue
            }
            guard argument.hasPrefix("--") else { return nil }
            var name = String(argument.dropFirst(2))
            var inlineValue: String? = nil
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let kind = kind(of: name) else { return nil }
            if kind != .repeatable {
                // A repeated flag or single option: ArgumentParser decides what it means.
                guard seen.insert(name).inserted else { return nil }
            }
            var value = ""
            if kind == .flag {
                guard inlineValue == nil else { return nil }
            } else if let inlineValue {
                // ArgumentParser takes `--prefix=` for a missing value.
                guard !inlineValue.isEmpty else { return nil }
                value = inlineValue
            } else {
                guard index < arguments.count, !arguments[index].hasPrefix("-") else { return nil }
                value = arguments[index]
                index += 1
            }
            switch name {
            case "include": invocation.options.includePaths.append(value)
            case "compress": invocation.options.compress = true
            case "include-css": invocation.options.includeCSS = true
            case "prefix": invocation.options.prefix = value
            case "hoist-atrules": invocation.options.hoistAtRules = true
            case "resolve-url": invocation.options.resolveURL = true
            case "pretty": invocation.options.pretty = true
            case "basedir": invocation.options.basedir = value
            case "locals": localsJSON = value
            case "filters": invocation.options.filterDirectories.append(value)
            default: invocation.options.minify = true
            }
        }
        guard !invocation.files.isEmpty, CompileCommand.isJSONObject(localsJSON) else { return nil }
        invocation.options.localsJSON = localsJSON
        return invocation
    }

    /// The options as text, to compare two parses (the options type is not `Equatable`).
    static func describe(_ options: SingleFileCompiler.Options) -> String {
        [
            "include=\(options.includePaths)", "compress=\(options.compress)", "includeCSS=\(options.includeCSS)",
            "prefix=\(options.prefix)", "hoist=\(options.hoistAtRules)", "resolveURL=\(options.resolveURL)",
            "pretty=\(options.pretty)", "basedir=\(options.basedir ?? "nil")", "locals=\(options.localsJSON)",
            "filters=\(options.filterDirectories)", "minify=\(options.minify)",
        ].joined(separator: " ")
    }
}
