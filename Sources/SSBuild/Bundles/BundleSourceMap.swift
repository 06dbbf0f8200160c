import SSCompilers

/// Builds the source map of a bundle while its pieces are concatenated: each piece comes
/// with the map of its own text (positions relative to the piece), or none.
///
/// A piece without a map gets a segment with no origin at each of its lines, so a
/// browser never attributes runtime or wrapper code to the file before it.
///
/// ```swift
/// var bundle = BundleSourceMap()
/// bundle.append(runtime, map: nil)
/// bundle.append(wrapped, map: BundleSourceMap.moduleMap(path: "app/client/a.js", source: text))
/// let map = bundle.map   // sources: ["app/client/a.js"]
/// ```
public struct BundleSourceMap: Sendable {
    private var sources: [String] = []
    private var contents: [String?] = []
    private var sourceIndex: [String: Int] = [:]
    private var names: [String] = []
    private var nameIndex: [String: Int] = [:]
    private var mappings: [SourceMap.Mapping] = []
    /// Where the next piece starts: 0-based line and UTF-16 column.
    public private(set) var line = 0
    public private(set) var column = 0

    public init() {}

    /// The map of everything appended so far; `sourceRoot` is put before each source path.
    public func map(sourceRoot: String? = nil) -> SourceMap {
        var map = SourceMap(sources: sources, sourcesContent: contents.contains { $0 != nil } ? contents : [],
                            names: names, mappings: mappings)
        map.sourceRoot = sourceRoot
        return map
    }

    public var map: SourceMap { map() }

    /// Appends a piece of text and the map of that text (nil: it has no origin).
    public mutating func append(_ text: String, map piece: SourceMap?) {
        let extent = SourceMap.extent(of: text)
        if let piece {
            var sourceMapping: [Int] = []
            for (index, path) in piece.sources.enumerated() {
                let content = index < piece.sourcesContent.count ? piece.sourcesContent[index] : nil
                sourceMapping.append(source(path, content: content))
            }
            var nameMapping: [Int] = []
            for name in piece.names { nameMapping.append(self.name(name)) }
            // A piece that does not start on its own line starts with an unmapped gap.
            if column > 0, piece.mappings.first.map({ $0.generatedLine > 0 || $0.generatedColumn > 0 }) ?? true {
                unmapped(line: line, column: column)
            }
            // Segments past the piece's text (the line after its last terminator) would claim the next piece.
            for m in piece.mappings
            where m.generatedLine < extent.lines || (m.generatedLine == extent.lines && m.generatedColumn < extent.lastColumn) {
                var shifted = m
                shifted.generatedLine += line
                if m.generatedLine == 0 { shifted.generatedColumn += column }
                if m.source >= 0 {
                    guard m.source < sourceMapping.count else { continue }
                    shifted.source = sourceMapping[m.source]
                    shifted.name = m.name >= 0 && m.name < nameMapping.count ? nameMapping[m.name] : -1
                }
                add(shifted)
            }
        } else {
            unmapped(line: line, column: column)
            // The line after the last terminator belongs to the next piece unless text follows it.
            let lastLine = extent.lastColumn > 0 ? extent.lines : extent.lines - 1
            if lastLine > 0 {
                for next in 1...lastLine { unmapped(line: line + next, column: 0) }
            }
        }
        line += extent.lines
        column = extent.lines > 0 ? extent.lastColumn : column + extent.lastColumn
    }

    /// Appends the text of `path` as it is, mapping each line to itself.
    public mutating func append(_ text: String, identityOf path: String, includeContent: Bool = false) {
        append(text, map: .identity(path: path, text: text, includeContent: includeContent))
    }

    /// Composes a map of a transformed bundle (`outer`: output -> this bundle's text) with
    /// this one (bundle text -> original files): output -> original files. Names come from
    /// `outer` (the renamer's), or else from this map.
    public func composed(after outer: SourceMap, sourceRoot: String? = nil) -> SourceMap {
        let inner = map
        var result = BundleSourceMap()
        for m in outer.mappings {
            var mapped = SourceMap.Mapping(generatedLine: m.generatedLine, generatedColumn: m.generatedColumn)
            if m.source >= 0, let segment = inner.original(line: m.originalLine, column: m.originalColumn),
                segment.source >= 0
            {
                let content = segment.source < inner.sourcesContent.count ? inner.sourcesContent[segment.source] : nil
                mapped.source = result.source(inner.sources[segment.source], content: content)
                mapped.originalLine = segment.originalLine
                mapped.originalColumn = segment.originalColumn + (m.originalColumn - segment.generatedColumn)
                if m.name >= 0, m.name < outer.names.count {
                    mapped.name = result.name(outer.names[m.name])
                } else if segment.name >= 0, segment.generatedColumn == m.originalColumn {
                    mapped.name = result.name(inner.names[segment.name])
                }
            }
            result.add(mapped)
        }
        return result.map(sourceRoot: sourceRoot)
    }

    /// The map of a module wrapped by `ModuleWrapper`: its header line and closing line
    /// have no origin; line `n` of `source` is line `n + headerLineCount` of the module.
    public static func moduleMap(path: String, source: String, includeContent: Bool = false) -> SourceMap {
        var map = SourceMap.identity(path: path, text: source, includeContent: includeContent)
        var mappings = [SourceMap.Mapping(generatedLine: 0, generatedColumn: 0)]
        for var m in map.mappings {
            m.generatedLine += ModuleWrapper.headerLineCount
            mappings.append(m)
        }
        // `});` sits on the line after the source's last line (the wrapper ends the source with a newline).
        let extent = SourceMap.extent(of: source)
        let closing = ModuleWrapper.headerLineCount + extent.lines + (extent.lastColumn > 0 ? 1 : 0)
        mappings.removeAll { $0.generatedLine >= closing }
        mappings.append(SourceMap.Mapping(generatedLine: closing, generatedColumn: 0))
        map.mappings = mappings
        return map
    }

    // MARK: Tables

    private mutating func source(_ path: String, content: String?) -> Int {
        if let index = sourceIndex[path] {
            if contents[index] == nil, let content { contents[index] = content }
            return index
        }
        sourceIndex[path] = sources.count
        sources.append(path)
        contents.append(content)
        return sources.count - 1
    }

    private mutating func name(_ name: String) -> Int {
        if let index = nameIndex[name] { return index }
        nameIndex[name] = names.count
        names.append(name)
        return names.count - 1
    }

    /// Adds a segment, dropping an unmapped one that follows another unmapped one
    /// (it changes nothing) and replacing one at the same position.
    private mutating func add(_ mapping: SourceMap.Mapping) {
        if let last = mappings.last {
            if last.generatedLine == mapping.generatedLine, last.generatedColumn == mapping.generatedColumn {
                mappings[mappings.count - 1] = mapping
                return
            }
            if mapping.source < 0, last.source < 0, last.generatedLine == mapping.generatedLine { return }
            if last.generatedLine > mapping.generatedLine
                || (last.generatedLine == mapping.generatedLine && last.generatedColumn > mapping.generatedColumn)
            {
                return   // out of order: not a valid map; keep the earlier segment
            }
        }
        mappings.append(mapping)
    }

    private mutating func unmapped(line: Int, column: Int) {
        add(SourceMap.Mapping(generatedLine: line, generatedColumn: column))
    }
}
