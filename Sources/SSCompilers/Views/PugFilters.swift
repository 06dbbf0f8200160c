import Foundation

/// Applies `:filter` blocks and `include:filter` at compile time (pug-filters): each
/// filter node becomes a text node holding the filter's output.
struct PugFilters {
    let options: PugOptions

    /// Filters that need Node tools we do not ship.
    static let unavailable: [String: String] = [
        "coffee-script": "it needs the CoffeeScript compiler", "coffeescript": "it needs the CoffeeScript compiler",
        "coffee": "it needs the CoffeeScript compiler", "uglify-js": "it needs UglifyJS", "less": "it needs Less",
        "babel": "it needs Babel", "markdown-it": "no Markdown renderer was configured",
        "markdown": "no Markdown renderer was configured", "stylus": "no Stylus compiler was configured",
    ]
    static let aliases: [String: String] = ["markdown": "markdown-it", "coffeescript": "coffee-script"]

    /// Replaces every filter by its output; returns the filters' errors (each failed
    /// filter becomes empty text, so all of them are reported at once).
    func apply(to node: PugNode, files: [SourceFile]) -> [PugError] {
        var visited = Set<ObjectIdentifier>()
        var errors: [PugError] = []
        walk(node, files: files, visited: &visited, errors: &errors)
        return errors
    }

    private func walk(_ node: PugNode, files: [SourceFile], visited: inout Set<ObjectIdentifier>, errors: inout [PugError],
                      depth: Int = 0) {
        guard visited.insert(ObjectIdentifier(node)).inserted, depth < PugLinker.maximumWalkDepth else { return }
        do {
            if try replaceFilter(node, files: files) { return }
        } catch let error as PugError {
            errors.append(error)
            node.kind = .text
            node.val = ""
            node.block = nil
            node.filters = []
            return
        } catch {
            return
        }
        for child in node.children { walk(child, files: files, visited: &visited, errors: &errors, depth: depth + 1) }
        if let loaded = node.loaded { walk(loaded, files: files, visited: &visited, errors: &errors, depth: depth + 1) }
    }

    /// Applies `node` if it is a filter or a filtered include; false for other nodes.
    private func replaceFilter(_ node: PugNode, files: [SourceFile]) throws -> Bool {
        if node.kind == .filter {
            try applyFilter(node, files: files)
            return true
        }
        if node.kind == .rawInclude, !node.filters.isEmpty {
            // `include:a:b file` runs a on the file, then b on the result (pug-filters).
            var filters = node.filters
            let first = filters.removeFirst()
            var text = try run(first, text: node.val, files: files, filename: path(of: node, files: files))
            for filter in filters {
                text = try run(filter, text: text, files: files, filename: path(of: node, files: files))
            }
            node.kind = .text
            node.val = text
            node.filters = []
            return true
        }
        return false
    }

    private func path(of node: PugNode, files: [SourceFile]) -> String {
        node.loadedFile >= 0 && node.loadedFile < files.count ? files[node.loadedFile].path : ""
    }

    private func applyFilter(_ node: PugNode, files: [SourceFile]) throws {
        if let body = node.block {
            for child in body.nodes where child.kind == .filter { try applyFilter(child, files: files) }
        }
        let text = (node.block?.nodes ?? []).map(\.val).joined()
        let filename = node.file < files.count ? files[node.file].path : ""
        node.val = try run(node, text: text, files: files, filename: filename)
        node.kind = .text
        node.block = nil
    }

    private func run(_ filter: PugNode, text: String, files: [SourceFile], filename: String) throws -> String {
        var attributes: [String: String] = [:]
        for attribute in filter.attrs { attributes[attribute.name] = Self.constantString(attribute.val) }
        attributes["filename"] = filename
        let name = filter.name
        let custom = options.filters[name] ?? Self.aliases[name].flatMap { options.filters[$0] }
            ?? options.filters.first { Self.aliases[$0.key] == name }?.value
        let where_ = filter.file < files.count ? files[filter.file].path : filename
        if let custom {
            do {
                return try custom(text, attributes)
            } catch {
                throw PugError(id: .pugFilterFailed, message: "filter \":\(name)\" failed: \(error)", path: where_, offset: filter.offset)
            }
        }
        switch name {
        case "cdata": return "<![CDATA[" + text + "]]>"
        case "verbatim": return "\n" + text + "\n"
        default: break
        }
        if let reason = Self.unavailable[name] {
            throw PugError(id: .pugUnknownFilter, message: "filter \":\(name)\" is not available: \(reason)", path: where_, offset: filter.offset)
        }
        throw PugError(id: .pugUnknownFilter, message: "unknown filter \":\(name)\"", path: where_, offset: filter.offset)
    }

    /// Pug evaluates filter options as constants; strings lose their quotes.
    static func constantString(_ source: String) -> String {
        let trimmed = PugJS.trimmed(source)
        guard trimmed.count >= 2, let first = trimmed.first, first == "'" || first == "\"" || first == "`",
              trimmed.last == first
        else { return trimmed }
        return PugJS.unquote(trimmed) ?? String(trimmed.dropFirst().dropLast())
    }
}
