import Foundation
import SSCompilers

/// Source maps of the script assets (`BuildOptions.sourceMaps`).
///
/// Sources are project-relative paths under the source root `/`, with their text
/// embedded (`sourcesContent`), so browser tools show the files without fetching them.
/// A minified library's map is kept (memoized on its text and output) when its compile
/// node minifies it; after a cache hit it is made again with the compilers' mapped
/// minifier, and used only when that gives the very same output.
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

    /// The map from `output` (the minified `file`) back to `file`: the one `minifyLibrary`
    /// kept, or else from the compilers' mapped minifier; nil when there is none or it does
    /// not give `output` (another minifier made it).
    func minifiedMap(node: String, file: SourceFile, output: String) -> SourceMap? {
        cache.derived(node, revision: Self.signature([file.text.hashValue, output.hashValue])) {
            guard let minify = compilers.minifyScriptMapped else { return nil }
            let (result, map) = minify(file)
            return result.output == output ? map : nil
        }
    }

    /// Minifies a library (a compile node); with `sourceMaps`, through the mapped minifier,
    /// keeping the map for `libSourceMap` so the library is not minified twice.
    func minifyLibrary(_ file: SourceFile, sourceMaps: Bool) -> CompileResult {
        guard sourceMaps, let minify = compilers.minifyScriptMapped else { return compilers.minifyScript(file) }
        let (result, map) = minify(file)
        let revision = Self.signature([file.text.hashValue, result.output.hashValue])
        _ = cache.derived("jsmap:" + file.path, revision: revision) { result.hasErrors ? nil : Optional(map) }
        return result
    }

    /// Minifies the concatenated app bundle, with its map when `sourceMaps` is on and the
    /// compilers have a mapped minifier (memoized on the text).
    func minifiedAppBundle(_ text: String, sourceMaps: Bool) -> (CompileResult, SourceMap?) {
        let file = SourceFile(path: "app.js", text: text)
        guard sourceMaps, let minify = compilers.minifyScriptMapped else {
            return (cached("bundle:app.js", text: text, salt: "min") { compilers.minifyScript(file) }, nil)
        }
        return cache.derived("bundle:app.js+map", revision: text.hashValue) {
            let (result, map) = minify(file)
            return (result, Optional(map))
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
    /// their files); a `minified` bundle composes the minifier's `map` with it (none: no map).
    func appBundleMap(_ concatenated: BundleSourceMap, minified: Bool, map outer: SourceMap?) -> SourceMap? {
        let map: SourceMap
        if minified {
            guard let outer else { return nil }
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
