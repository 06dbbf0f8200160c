/// A source map (revision 3): which original file, line and column each position of a
/// generated file came from, and the original names of renamed identifiers.
///
/// Lines and columns are 0-based; columns count UTF-16 code units, as browsers do.
/// `mappings` stays sorted by generated position.
///
/// ```swift
/// let mapped = JavaScript.minifyMapped(SourceFile(path: "a.js", text: "var long = 1;\nlong++"))
/// mapped.map.json()   // {"version":3,"sources":["a.js"],"names":[...],"mappings":"..."}
/// mapped.map.original(line: 0, column: 4)?.originalLine   // 0
/// ```
public struct SourceMap: Sendable, Hashable {
    /// One segment: a generated position and, when `source >= 0`, where it came from.
    public struct Mapping: Sendable, Hashable {
        public var generatedLine: Int
        public var generatedColumn: Int
        /// Index into `sources`, or -1 for a generated position with no origin.
        public var source: Int
        public var originalLine: Int
        public var originalColumn: Int
        /// Index into `names`, or -1.
        public var name: Int

        public init(generatedLine: Int, generatedColumn: Int, source: Int = -1, originalLine: Int = 0,
                    originalColumn: Int = 0, name: Int = -1) {
            self.generatedLine = generatedLine
            self.generatedColumn = generatedColumn
            self.source = source
            self.originalLine = originalLine
            self.originalColumn = originalColumn
            self.name = name
        }
    }

    /// The generated file's name (optional in the format).
    public var file: String?
    /// Prefix browsers put before each source path (optional).
    public var sourceRoot: String?
    public var sources: [String]
    /// The text of each source, or nil where it is not embedded (same length as `sources`, or empty).
    public var sourcesContent: [String?]
    public var names: [String]
    public var mappings: [Mapping]

    public init(file: String? = nil, sources: [String] = [], sourcesContent: [String?] = [], names: [String] = [],
                mappings: [Mapping] = []) {
        self.file = file
        self.sources = sources
        self.sourcesContent = sourcesContent
        self.names = names
        self.mappings = mappings
    }

    /// A map of a file copied as it is: every line maps to the same line of `path`.
    ///
    /// ```swift
    /// SourceMap.identity(path: "lib/client/1.jquery.min.js", text: code).mappings.count   // its line count
    /// ```
    public static func identity(path: String, text: String, includeContent: Bool = false) -> SourceMap {
        let lines = SourceMapLineIndex(Array(text.utf8)).lineCount
        let mappings = (0..<lines).map {
            Mapping(generatedLine: $0, generatedColumn: 0, source: 0, originalLine: $0, originalColumn: 0)
        }
        return SourceMap(sources: [path], sourcesContent: includeContent ? [text] : [], mappings: mappings)
    }

    /// The segment covering a generated position: the last one at or before it on that line.
    public func original(line: Int, column: Int) -> Mapping? {
        var low = 0
        var high = mappings.count
        while low < high {
            let mid = (low + high) / 2
            let m = mappings[mid]
            if m.generatedLine < line || (m.generatedLine == line && m.generatedColumn <= column) {
                low = mid + 1
            } else {
                high = mid
            }
        }
        guard low > 0, mappings[low - 1].generatedLine == line else { return nil }
        return mappings[low - 1]
    }

    /// The first mapped segment of each generated line, as `CompileResult.lineMap` entries
    /// (output line 0-based like the Stylus printer's; source line and column 1-based).
    public var lineMappings: [LineMapping] {
        var result: [LineMapping] = []
        for m in mappings where m.source >= 0 && m.source < sources.count {
            if result.last?.outputLine == m.generatedLine { continue }
            result.append(LineMapping(outputLine: m.generatedLine, sourcePath: sources[m.source],
                                      sourceLine: m.originalLine + 1, sourceColumn: m.originalColumn + 1))
        }
        return result
    }

    /// The line terminators in `text` (LF, CR, CRLF, U+2028, U+2029) and the UTF-16 length
    /// of its last line: where text appended after it starts.
    ///
    /// ```swift
    /// SourceMap.extent(of: "ab\ncd")   // (lines: 1, lastColumn: 2)
    /// ```
    public static func extent(of text: String) -> (lines: Int, lastColumn: Int) {
        let index = SourceMapLineIndex(Array(text.utf8))
        let lastStart = index.lineStarts[index.lineCount - 1]
        return (index.lineCount - 1, SourceMapLineIndex.utf16Count(index.bytes, lastStart, index.bytes.count))
    }
}
