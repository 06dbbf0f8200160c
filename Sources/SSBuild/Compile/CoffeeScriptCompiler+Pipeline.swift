import SSCompilers

extension CoffeeScriptCompiler {
    /// The build pipeline's view of a script file: a `.coffee` file becomes its JavaScript
    /// (bare, under the same path, so namespacing and bundling treat it like a `.js` file);
    /// any other file comes back unchanged. Compile errors come back as diagnostics.
    ///
    /// ```swift
    /// let (script, errors) = CoffeeScriptCompiler.javaScriptFile(file)
    /// if errors.containsErrors { return CompileResult(output: "", diagnostics: errors) }
    /// ```
    public static func javaScriptFile(_ file: SourceFile, compiler: CoffeeScriptCompiler = .standard)
        -> (file: SourceFile, diagnostics: [Diagnostic])
    {
        guard isCoffeeScript(file.path) else { return (file, []) }
        let result = compiler.compile(file)
        if result.hasErrors { return (file, result.diagnostics) }
        return (SourceFile(path: file.path, text: result.output), result.diagnostics)
    }
}

extension CoffeeScriptCompiler {
    /// The name a script's JavaScript is served under: `.coffee` files get `.js` appended
    /// (`app/shared/calculate.coffee.js`) so browsers see a script type; others keep theirs.
    public static func javaScriptPath(_ path: String) -> String {
        isCoffeeScript(path) ? path + ".js" : path
    }
}
