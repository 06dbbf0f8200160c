import SSCompilers

/// The language compilers a build uses, as functions. The standard set
/// (`Compilers.standard`) wires the real Stylus, Pug and JavaScript compilers; unit
/// tests of the pipeline can swap in small ones to test ordering and wiring alone.
public struct Compilers: Sendable {
    /// Stylesheet source -> CSS. The array is the include path list.
    public var stylesheet: @Sendable (SourceFile, [String], any SourceResolver) -> CompileResult
    /// View source -> a JavaScript function expression `function template(locals){...}`.
    public var template: @Sendable (SourceFile, any SourceResolver) -> CompileResult
    /// View source + JSON locals -> HTML, run at build time.
    public var renderView: @Sendable (SourceFile, String, any SourceResolver) -> CompileResult
    /// JavaScript syntax check.
    public var checkScript: @Sendable (SourceFile) -> [Diagnostic]
    /// JavaScript minifier.
    public var minifyScript: @Sendable (SourceFile) -> CompileResult
    /// CSS minifier.
    public var minifyCSS: @Sendable (SourceFile) -> CompileResult
    /// JavaScript that defines the helpers template functions call, emitted once.
    public var templateRuntime: String
    /// The JavaScript minifier with a source map of its output, for builds with
    /// `sourceMaps`; nil when there is none (minified bundles then go unmapped).
    public var minifyScriptMapped: (@Sendable (SourceFile) -> (CompileResult, SourceMap))?
    /// Runs a view's compiled `template` result with JSON locals, when `template` compiles
    /// exactly as `renderView` would (so a build compiles each view once, not twice); nil:
    /// `renderView` compiles it again.
    public var renderCompiled: (@Sendable (CompileResult, SourceFile, String, any SourceResolver) -> CompileResult)?

    public init(
        stylesheet: @escaping @Sendable (SourceFile, [String], any SourceResolver) -> CompileResult,
        template: @escaping @Sendable (SourceFile, any SourceResolver) -> CompileResult,
        renderView: @escaping @Sendable (SourceFile, String, any SourceResolver) -> CompileResult,
        checkScript: @escaping @Sendable (SourceFile) -> [Diagnostic],
        minifyScript: @escaping @Sendable (SourceFile) -> CompileResult,
        minifyCSS: @escaping @Sendable (SourceFile) -> CompileResult,
        templateRuntime: String,
        minifyScriptMapped: (@Sendable (SourceFile) -> (CompileResult, SourceMap))? = nil,
        renderCompiled: (@Sendable (CompileResult, SourceFile, String, any SourceResolver) -> CompileResult)? = nil
    ) {
        self.stylesheet = stylesheet
        self.template = template
        self.renderView = renderView
        self.checkScript = checkScript
        self.minifyScript = minifyScript
        self.minifyCSS = minifyCSS
        self.templateRuntime = templateRuntime
        self.minifyScriptMapped = minifyScriptMapped
        self.renderCompiled = renderCompiled
    }
}
