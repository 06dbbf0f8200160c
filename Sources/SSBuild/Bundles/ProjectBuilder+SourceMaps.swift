import Foundation
import SSCompilers

/// Source maps of the script assets (`BuildOptions.sourceMaps`).
///
/// Sources are project-relative paths under the source root `/`, with their text
/// embedded (`sourcesContent`), so browser tools show the files without fetching them.
/// Maps are derived from outputs the build already made: a minified file's map comes
/// from minifying it again with mappings on (memoized on the output; used only when that
/// run gives the very same output), so the cached compile nodes stay as they are.
extension ProjectBuilder {
    static let sourceRoot = "/"

    /// The logical name of the map of a script asset.
    public static func sourceMapName(of logicalName: String) -> String { logicalName + ".map" }

    /// `//# sourceMappingURL=URL` on a line of its own after `code`.
    public static func withSourceMappingURL(_ code: String, _ url: String) -> String {
        let separator = code.isEmpty || code.hasSuffix("\n") ? "" : "\n"
        return code + separator + "//# sourceMappingURL=" + url + "\n"
    }

    func sourceMapAsset(for asset: String, _ map: SourceMap, sources: [String]) -> BuiltAsset {
        BuiltAsset(logicalName: Self.sourceMapName(of: asset), kind: .sourceMap, contents: Data(map.json().utf8),
                   sources: sources)
    }

    /// The original text of a project file, as the compile nodes read it (without a BOM).
    func originalText(_ path: String) -> String? {
        guard let text = snapshot.readText(path) else { return nil }
        return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }

    /// The map of a wrapped module: `.js` files line for line, `.coffee` files through the
    /// CoffeeScript compiler's own map back to the `.coffee` lines.
    func moduleSourceMap(_ module: APITree.Module) -> SourceMap? {
        if CoffeeScriptCompiler.isCoffeeScript(module.file.path), let text = originalText(module.file.path) {
            return CoffeeScriptCompiler.standard.moduleSourceMap(SourceFile(path: module.file.path, text: text))
        }
        guard module.file.path.hasSuffix(".js"), let text = originalText(module.file.path) else { return nil }
        return BundleSourceMap.moduleMap(path: module.file.path, source: text, includeContent: true)
    }

    /// The map of a library's output in the bundle: minified ones through the minifier's
    /// map, plain ones line for line; `.min` files and outputs that do not match are unmapped.
    func libSourceMap(_ lib: ProjectFile, output: String, minified: Bool) -> SourceMap? {
        guard lib.path.hasSuffix(".js"), !lib.relativePath.contains(".min"), let text = originalText(lib.path) else {
            return nil
        }
        if !minified {
            return output == text ? .identity(path: lib.path, text: text, includeContent: true) : nil
        }
        return minifiedMap(node: "jsmap:" + lib.path, file: SourceFile(path: lib.path, text: text), output: output)
    }

    /// The map from `output` (the minified `file`) back to `file`, or nil when minifying
    /// again with mappings does not give `output` (another minifier made it).
    func minifiedMap(node: String, file: SourceFile, output: String) -> SourceMap? {
        cache.derived(node, revision: Self.signature([file.text.hashValue, output.hashValue])) {
            let mapped = JavaScript.minifyMapped(file, includeContent: true)
            return mapped.result.output == output ? mapped.map : nil
        }
    }

    /// `lib.js.map`: each library's map, shifted to where the library sits in the bundle;
    /// nil when no library could be mapped.
    func libBundleMap(_ sources: ProjectSources, _ nodes: CompiledNodes, options: BuildOptions) -> SourceMap? {
        var bundle = BundleSourceMap()
        for (lib, output) in zip(sources.libScripts, nodes.libScripts) {
            let minified = options.minify && !lib.relativePath.contains(".min")
            bundle.append(Self.terminated(output), map: libSourceMap(lib, output: output, minified: minified))
        }
        let map = bundle.map(sourceRoot: Self.sourceRoot)
        return map.sources.isEmpty ? nil : map
    }

    /// `app.js.map`: `concatenated` maps the bundle's text before minification (modules to
    /// their files); a minified bundle composes the minifier's map with it.
    func appBundleMap(_ concatenated: BundleSourceMap, text: String, output: String, minified: Bool) -> SourceMap? {
        let map: SourceMap
        if minified {
            guard let outer = minifiedMap(node: "jsmap:bundle:app.js", file: SourceFile(path: "app.js", text: text),
                                          output: output)
            else { return nil }
            map = concatenated.composed(after: outer, sourceRoot: Self.sourceRoot)
        } else {
            map = concatenated.map(sourceRoot: Self.sourceRoot)
        }
        return map.sources.isEmpty ? nil : map
    }

    /// Development: the module asset with its `sourceMappingURL`, and its map asset.
    func developmentModuleAssets(_ module: APITree.Module, code: String, revision: Int) -> [BuiltAsset] {
        let name = "dev/" + CoffeeScriptCompiler.javaScriptPath(module.file.path)
        return cache.derived("asset+map:" + name, revision: revision) {
            guard let map = moduleSourceMap(module), !code.isEmpty else {
                return [BuiltAsset(logicalName: name, kind: .script, contents: Data(code.utf8),
                                   sources: [module.file.path])]
            }
            let url = PathUtil.basename(Self.sourceMapName(of: name))
            var relative = map
            relative.sourceRoot = Self.sourceRoot
            return [
                BuiltAsset(logicalName: name, kind: .script, contents: Data(Self.withSourceMappingURL(code, url).utf8),
                           sources: [module.file.path]),
                sourceMapAsset(for: name, relative, sources: [module.file.path]),
            ]
        }
    }
}
