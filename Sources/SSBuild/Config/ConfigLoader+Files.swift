import SSCompilers

extension ConfigLoader {
    /// Reads and parses `<stem>.json|yml|yaml`; nil when none exists.
    func readLayer(projectRoot: String, stem: String) throws(ConfigError) -> ConfigNode? {
        let present = Self.extensions.map { "\(stem).\($0)" }.filter {
            resolver.fileExists(PathUtil.join(projectRoot, $0))
        }
        guard let relative = present.first else { return nil }
        guard present.count == 1 else {
            throw ConfigError([
                Diagnostic(
                    .error, id: .configAmbiguousFile,
                    message: "\(present.joined(separator: " and ")) both exist; keep only one", path: relative)
            ])
        }
        guard let text = resolver.readText(PathUtil.join(projectRoot, relative)) else {
            throw ConfigError([
                Diagnostic(
                    .error, id: .configUnreadable, message: "cannot read the file as UTF-8 text", path: relative)
            ])
        }
        let file = SourceFile(path: relative, text: text)
        let node: ConfigNode
        do {
            node = relative.hasSuffix(".json") ? try ConfigJSONParser.parse(file) : try ConfigYAMLReader.read(file)
        } catch {
            throw ConfigError([error])
        }
        guard case .object = node.value else {
            throw ConfigError([
                node.origin.diagnostic(
                    .configWrongType, "\(relative) must contain an object of settings, not \(node.typeDescription)")
            ])
        }
        return node
    }

    static func isEnvironmentFile(_ node: ConfigNode) -> Bool {
        guard case .file(let file) = node.origin.source else { return false }
        return file.path.hasPrefix("config/environments/")
    }

    /// Environment names that have a file in `config/environments/`, for suggestions.
    func environmentFileNames(projectRoot: String) -> [String] {
        let names = resolver.contentsOfDirectory(PathUtil.join(projectRoot, "config/environments")) ?? []
        return names.compactMap { name in
            guard let dot = name.lastIndex(of: "."), Self.extensions.contains(String(name[name.index(after: dot)...]))
            else { return nil }
            return String(name[..<dot])
        }
    }
}
