import SSCompilers

extension CoffeeScriptCompiler {
    /// Compiles `file` and returns the compiler's own v3 source map from the JavaScript back
    /// to the `.coffee` file (named by its path, with its text embedded when asked), or nil
    /// when the file does not compile.
    ///
    /// ```swift
    /// let map = CoffeeScriptCompiler.standard.sourceMap(file)
    /// map?.original(line: 1, column: 2)?.originalLine   // the .coffee line (0-based)
    /// ```
    public func sourceMap(_ file: SourceFile, bare: Bool = true, includeContent: Bool = true)
        -> (javaScript: String, map: SourceMap)?
    {
        let (result, reply) = compileWithReply(file, bare: bare, map: true)
        guard !result.hasErrors, let json = reply?.map, var map = SourceMap(json: json) else { return nil }
        map.file = nil
        map.sourceRoot = nil
        map.sources = [file.path]
        map.sourcesContent = includeContent ? [file.text] : []
        return (result.output, map)
    }

    /// The map of the module the build makes of a `.coffee` file (`ModuleWrapper`'s header
    /// and closing lines unmapped, the compiled lines mapped to the `.coffee` lines), the
    /// counterpart of `BundleSourceMap.moduleMap` for JavaScript files.
    public func moduleSourceMap(_ file: SourceFile, includeContent: Bool = true) -> SourceMap? {
        guard let (javaScript, map) = sourceMap(file, includeContent: includeContent) else { return nil }
        var module = BundleSourceMap()
        module.append(ModuleWrapper.header(tree: .client, namespace: ["m"]), map: nil)
        module.append(javaScript.hasSuffix("\n") ? javaScript : javaScript + "\n", map: map)
        module.append("});\n", map: nil)
        return module.map()
    }
}
