import SSCompilers

/// The `SS.client` / `SS.shared` namespace tree built from file paths.
///
/// `app/client/users/online.js` becomes `SS.client.users.online`. A file and a folder
/// with the same name in one branch (`users.js` and `users/`) would give one namespace
/// two owners, so it is a build error naming both paths.
public struct APITree: Sendable {
    /// One module: its tree, namespace path and the file that defines it.
    public struct Module: Sendable, Hashable {
        public var tree: ModuleWrapper.Tree
        public var namespace: [String]
        public var file: ProjectFile
    }

    public private(set) var modules: [Module] = []

    public init() {}

    /// The namespace of a file path relative to its tree root: every folder, then the
    /// file name up to its first dot (`ui/nav.min.js` -> `["ui", "nav"]`).
    public static func namespace(ofRelativePath path: String) -> [String] {
        var parts = path.split(separator: "/").map(String.init)
        if let last = parts.popLast() {
            let stem = last.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            parts.append(String(stem))
        }
        return parts
    }

    /// Builds the tree and reports every namespace conflict.
    public static func build(client: [ProjectFile], shared: [ProjectFile]) -> (APITree, [Diagnostic]) {
        var tree = APITree()
        var diagnostics: [Diagnostic] = []
        for (kind, files) in [(ModuleWrapper.Tree.client, client), (.shared, shared)] {
            var owners: [String: ProjectFile] = [:]   // namespace key -> file defining it
            var folders: [String: ProjectFile] = [:]  // namespace key of a folder -> first file inside
            for file in files {
                let ns = namespace(ofRelativePath: file.relativePath)
                let key = ns.joined(separator: ".")
                if let other = owners[key] {
                    diagnostics.append(conflict(kind, key, other.path, file.path))
                    continue
                }
                if let inside = folders[key] {
                    diagnostics.append(conflict(kind, key, inside.path, file.path))
                    continue
                }
                for depth in 1..<max(1, ns.count) {
                    let prefix = ns.prefix(depth).joined(separator: ".")
                    if let owner = owners[prefix] {
                        diagnostics.append(conflict(kind, prefix, owner.path, file.path))
                    }
                    if folders[prefix] == nil { folders[prefix] = file }
                }
                owners[key] = file
                tree.modules.append(Module(tree: kind, namespace: ns, file: file))
            }
        }
        return (tree, diagnostics)
    }

    private static func conflict(_ tree: ModuleWrapper.Tree, _ key: String, _ a: String, _ b: String) -> Diagnostic {
        Diagnostic(.error, id: .buildNamespaceConflict,
                   message: "SS.\(tree.rawValue).\(key) is defined twice: by \(a) and by \(b)",
                   path: b, notes: ["rename one of them; a file and a folder may not share a name in app/\(tree.rawValue)"])
    }

    /// The tree as indented text, for `ssbuild tree`.
    public func rendered() -> String {
        var lines: [String] = []
        for kind in ModuleWrapper.Tree.allCases {
            let mods = modules.filter { $0.tree == kind }
            guard !mods.isEmpty else { continue }
            lines.append("SS.\(kind.rawValue)")
            var printed = Set<String>()
            for module in mods {
                for depth in 1...module.namespace.count {
                    let key = module.namespace.prefix(depth).joined(separator: ".")
                    guard printed.insert(key).inserted else { continue }
                    let indent = String(repeating: "  ", count: depth)
                    let name = module.namespace[depth - 1]
                    lines.append(depth == module.namespace.count
                        ? "\(indent)\(name)  (\(module.file.path))" : "\(indent)\(name)")
                }
            }
        }
        return lines.joined(separator: "\n")
    }
}
