/// One recorded mapping: output byte offset, source byte offset, and the index of the
/// original name in `JSPrinter.mappedNames` (-1 when the identifier kept its name).
struct JSMappingPoint {
    var generated: Int32
    var original: Int32
    var name: Int32
}

extension JSPrinter {
    /// Prints an identifier under its new name and, when mappings are on, records where
    /// it came from. Identifiers are the anchors of the map: every reference, declaration
    /// and global use is one, so an error position maps to the nearest preceding name.
    mutating func printIdentifier(_ ident: JSIdent) {
        let text = name(ident)
        if let last = out.last, jsIsIdentifierByte(last), let first = text.utf8.first, jsIsIdentifierByte(first) {
            out.append(0x20)
        }
        if !origins.isEmpty, ident.slot >= 0, Int(ident.slot) < origins.count {
            let origin = origins[Int(ident.slot)]
            if origin >= 0 {
                let nameIndex = text != ident.name ? mappedName(ident.name) : -1
                mappings.append(JSMappingPoint(generated: Int32(truncatingIfNeeded: out.count), original: origin,
                                               name: nameIndex))
            }
        }
        append(text)
    }

    /// The index of `name` in the map's `names`.
    mutating func mappedName(_ name: String) -> Int32 {
        if let known = nameIndexes[name] { return known }
        let index = Int32(mappedNames.count)
        nameIndexes[name] = index
        mappedNames.append(name)
        return index
    }

    /// Just after the `function` keyword: a named function's keyword maps to its name, with
    /// the original name (even when not renamed), so tools name the frame right.
    mutating func markFunctionStart(named name: JSIdent?, keywordLength: Int) {
        guard let name, name.slot >= 0, Int(name.slot) < origins.count, origins[Int(name.slot)] >= 0 else { return }
        mappings.append(JSMappingPoint(generated: Int32(truncatingIfNeeded: out.count - keywordLength),
                                       original: origins[Int(name.slot)], name: mappedName(name.name)))
    }

    /// Starts an anchor: a construct that begins with a keyword (`return`, `throw`, `new`,
    /// `if`, ...) whose start should map somewhere, since runtime errors point there.
    mutating func beginAnchor() -> (generated: Int32, mapping: Int32) {
        (Int32(truncatingIfNeeded: out.count), Int32(truncatingIfNeeded: mappings.count))
    }

    /// Keeps the anchor when an identifier was mapped inside the construct: its start then
    /// maps to that identifier's origin (the same statement in the source, usually the same line).
    mutating func endAnchor(_ anchor: (generated: Int32, mapping: Int32)) {
        guard !origins.isEmpty, Int(anchor.mapping) < mappings.count,
            mappings[Int(anchor.mapping)].generated > anchor.generated
        else { return }
        anchors.append(anchor)
    }

    /// Identifier mappings and anchors, in output order (an anchor first at a tie).
    private func orderedPoints() -> [JSMappingPoint] {
        guard !anchors.isEmpty else { return mappings }
        var sortedAnchors = anchors.map {
            JSMappingPoint(generated: $0.generated, original: mappings[Int($0.mapping)].original, name: -1)
        }
        sortedAnchors.sort { $0.generated < $1.generated }
        var points: [JSMappingPoint] = []
        points.reserveCapacity(mappings.count + sortedAnchors.count)
        var a = 0
        for point in mappings {
            while a < sortedAnchors.count, sortedAnchors[a].generated <= point.generated {
                points.append(sortedAnchors[a])
                a += 1
            }
            points.append(point)
        }
        points.append(contentsOf: sortedAnchors[a...])
        return points
    }

    /// The map of the last `print` output back to `file` (whose UTF-8 bytes are `source`).
    func sourceMap(file: SourceFile, source: [UInt8], includeContent: Bool) -> SourceMap {
        var original = SourceMapLineIndex(source)
        var result: [SourceMap.Mapping] = []
        let points = orderedPoints()
        result.reserveCapacity(points.count)
        var line = 0
        var column = 0
        var position = 0
        let count = out.count
        for point in points {
            let target = min(Int(point.generated), count)
            while position < target {
                let b = out[position]
                if b == 0x0A {
                    line += 1
                    column = 0
                    position += 1
                } else if b == 0x0D {
                    line += 1
                    column = 0
                    position += (position + 1 < count && out[position + 1] == 0x0A) ? 2 : 1
                } else if b == 0xE2, position + 2 < count, out[position + 1] == 0x80,
                    out[position + 2] == 0xA8 || out[position + 2] == 0xA9
                {
                    line += 1
                    column = 0
                    position += 3
                } else {
                    if b < 0x80 || b >= 0xC0 { column += b >= 0xF0 ? 2 : 1 }
                    position += 1
                }
            }
            let (originalLine, originalColumn) = original.position(of: Int(point.original))
            var mapping = SourceMap.Mapping(generatedLine: line, generatedColumn: column, source: 0,
                                            originalLine: originalLine, originalColumn: originalColumn,
                                            name: Int(point.name))
            if let last = result.last, last.generatedLine == line, last.generatedColumn == column {
                mapping.name = max(mapping.name, last.name)
                result[result.count - 1] = mapping
                continue
            }
            result.append(mapping)
        }
        return SourceMap(sources: [file.path], sourcesContent: includeContent ? [file.text] : [],
                         names: mappedNames, mappings: result)
    }
}
