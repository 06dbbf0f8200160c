import SSCompilers

/// The source files of one build, discovered and ordered.
struct ProjectSources: Sendable {
    var modules: [APITree.Module]
    var apiTree: APITree
    var libScripts: [ProjectFile]
    var libStyles: [ProjectFile]
    var stylesheet: ProjectFile?
    var views: [ProjectFile]
    var page: ProjectFile?
    /// app/server/**.swift, for the RPC contract check.
    var serverFiles: [ProjectFile] = []

    var allPaths: [String] {
        modules.map(\.file.path) + libScripts.map(\.path) + libStyles.map(\.path) + views.map(\.path)
            + [stylesheet?.path, page?.path].compactMap { $0 } + serverFiles.map(\.path)
    }
}

extension ProjectBuilder {
    static let scriptExtensions: Set<String> = ["js", "coffee"]
    static let viewExtensions: Set<String> = ["jade", "pug"]

    func discover(into state: inout BuildState) -> ProjectSources {
        let discovery = SourceDiscovery(root: ".", resolver: snapshot)
        let client = orderAppFirst(discovery.recursive(ProjectLayout.appClient, extensions: Self.scriptExtensions))
        let shared = orderAppFirst(discovery.recursive(ProjectLayout.appShared, extensions: Self.scriptExtensions))
        let (tree, conflicts) = APITree.build(client: client, shared: shared)
        state.diagnostics += conflicts

        let lib = discovery.flat(ProjectLayout.libClient, extensions: Self.scriptExtensions)
        let libCSS = discovery.flat(ProjectLayout.libCSS, extensions: ["css"])
        for folder in lib.folders + libCSS.folders {
            state.diagnostics.append(Diagnostic(
                .warning, id: .buildIgnoredFolder,
                message: "sub-folder ignored: library folders are flat, files load in numeric-prefix order",
                path: folder))
        }

        var stylesheet: ProjectFile?
        if snapshot.fileExists(ProjectLayout.appStylesheet) {
            stylesheet = ProjectFile(path: ProjectLayout.appStylesheet, relativePath: "app.styl")
        }
        var views: [ProjectFile] = []
        var page: ProjectFile?
        for file in discovery.recursive(ProjectLayout.appViews, extensions: Self.viewExtensions) {
            if file.relativePath == "app.jade" || file.relativePath == "app.pug" {
                page = page ?? file
            } else {
                views.append(file)
            }
        }
        if page == nil {
            state.diagnostics.append(Diagnostic(
                .error, id: .buildMissingFile, message: "app/views/app.jade is missing: it becomes index.html",
                path: ProjectLayout.appPage))
        }
        // Shared code runs before client code, so client modules can use SS.shared at load.
        let ordered = tree.modules.filter { $0.tree == .shared } + tree.modules.filter { $0.tree == .client }
        var sources = ProjectSources(modules: ordered, apiTree: tree, libScripts: lib.files,
                                     libStyles: libCSS.files, stylesheet: stylesheet, views: views, page: page)
        sources.serverFiles = discovery.recursive(ProjectLayout.appServer, extensions: ["swift"])
        return sources
    }

    /// The first file whose name (up to its first dot) is `app` runs first (0.0.55 rule).
    private func orderAppFirst(_ files: [ProjectFile]) -> [ProjectFile] {
        guard let index = files.firstIndex(where: { APITree.namespace(ofRelativePath: $0.relativePath) == ["app"] })
        else { return files }
        var ordered = files
        let app = ordered.remove(at: index)
        ordered.insert(app, at: 0)
        return ordered
    }

    /// `app/views/admin/rating/sync.jade` -> `admin-rating-sync`.
    static func templateID(_ file: ProjectFile) -> String {
        var parts = file.relativePath.split(separator: "/").map(String.init)
        if let last = parts.popLast() {
            let stem = last.split(separator: ".", omittingEmptySubsequences: false).dropLast().joined(separator: ".")
            parts.append(stem)
        }
        return parts.joined(separator: "-")
    }
}
