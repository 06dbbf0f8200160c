import Foundation

/// What every compiler returns: the output text, its diagnostics, and every file it
/// read (the build graph turns those into dependency edges).
///
/// A result with errors may still carry partial output; callers decide whether to use
/// it (the dev server keeps the last good output instead).
public struct CompileResult: Sendable {
    public var output: String
    public var diagnostics: [Diagnostic]
    /// Paths of files read through the resolver, in first-read order, without duplicates.
    public var dependencies: [String]
    /// Optional mapping from output lines (0-based) to source positions, when the
    /// compiler provides it (used for source maps and the overlay).
    public var lineMap: [LineMapping]

    public init(output: String, diagnostics: [Diagnostic] = [], dependencies: [String] = [],
                lineMap: [LineMapping] = []) {
        self.output = output
        self.diagnostics = diagnostics
        self.dependencies = dependencies
        self.lineMap = lineMap
    }

    /// True when any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.containsErrors }
}

/// One output line that came from one source position.
public struct LineMapping: Sendable, Hashable {
    public var outputLine: Int
    public var sourcePath: String
    public var sourceLine: Int
    public var sourceColumn: Int

    public init(outputLine: Int, sourcePath: String, sourceLine: Int, sourceColumn: Int) {
        self.outputLine = outputLine
        self.sourcePath = sourcePath
        self.sourceLine = sourceLine
        self.sourceColumn = sourceColumn
    }
}

/// Records the files a compile reads, in order, without duplicates. Wrap a resolver
/// in it to build `CompileResult.dependencies`.
public final class DependencyRecorder: SourceResolver, @unchecked Sendable {
    private let base: any SourceResolver
    private var seen = Set<String>()
    private(set) public var paths: [String] = []

    public init(_ base: any SourceResolver) { self.base = base }

    private func note(_ path: String) {
        if seen.insert(path).inserted { paths.append(path) }
    }

    public func readText(_ path: String) -> String? {
        let text = base.readText(path)
        if text != nil { note(path) }
        return text
    }

    public func readData(_ path: String) -> Data? {
        let data = base.readData(path)
        if data != nil { note(path) }
        return data
    }

    public func fileExists(_ path: String) -> Bool { base.fileExists(path) }
    public func directoryExists(_ path: String) -> Bool { base.directoryExists(path) }
    public func contentsOfDirectory(_ path: String) -> [String]? { base.contentsOfDirectory(path) }
}
