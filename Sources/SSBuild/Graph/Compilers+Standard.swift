import SSCompilers

/// Parsed Stylus files by path and exact text, shared by every build in the process: a
/// watch session re-parses only the file that was saved (output is identical either way).
let stylusParseCache = StylusParseCache()

/// Evaluations of each stylesheet's top-level statements (its `@import`s), shared by every
/// build in the process: a watch save evaluates the saved partial and what depends on it,
/// and copies the rest (output is identical either way; see `StylusEvaluationCache`).
let stylusEvaluationCache = StylusEvaluationCache()

extension Compilers {
    /// The real compilers: Stylus-like styles, Pug-like views rendered in JavaScriptCore,
    /// and the JavaScript and CSS minifiers.
    public static let standard = Compilers(
        stylesheet: { file, includePaths, resolver in
            var options = StylusOptions()
            options.includePaths = includePaths
            return StylusCompiler(options: options).compile(
                file, resolver: resolver, cache: stylusParseCache, evaluations: stylusEvaluationCache)
        },
        template: { file, resolver in
            // The renderer's options (Markdown too): browser templates and build-time HTML
            // compile alike, so `renderCompiled` can run this very function.
            ViewOptions.withAppFilters(resolver) {
                PugCompiler(options: ViewRenderer(options: $0).options).compileClient(file, resolver: resolver)
            }
        },
        renderView: { file, localsJSON, resolver in
            ViewOptions.withAppFilters(resolver) {
                ViewRenderer(options: $0).render(file, localsJSON: localsJSON, resolver: resolver)
            }
        },
        checkScript: { file in JavaScript.check(file) },
        minifyScript: { file in JavaScript.minify(file) },
        minifyCSS: { file in CSSMinifier.minify(file) },
        templateRuntime: PugRuntime.source,
        minifyScriptMapped: { file in
            let mapped = JavaScript.minifyMapped(file, includeContent: true)
            return (mapped.result, mapped.map)
        },
        renderCompiled: { compiled, file, localsJSON, resolver in
            // Running needs no filters: they ran when the template compiled.
            ViewRenderer().run(compiled, of: file, localsJSON: localsJSON, resolver: resolver)
        }
    )
}

/// The view options a build uses: filters backed by ssbuild's own compilers.
public enum ViewOptions {
    /// The folder of the app's own JavaScript filters (`app/filters/NAME.js` is `:NAME`).
    public static let appFilters = "app/filters"

    /// The standard options plus the app's filters, read through `resolver`.
    public static func project(_ resolver: any SourceResolver) -> PugOptions {
        var options = standard
        options.filters.merge(ScriptFilters.load(directory: appFilters, resolver: resolver)) { _, app in app }
        return options
    }

    /// Compiles with the app's filters and lists the filter files among the result's
    /// dependencies, so editing a filter recompiles the views (the build cache sees it).
    static func withAppFilters(_ resolver: any SourceResolver, _ compile: (PugOptions) -> CompileResult)
        -> CompileResult
    {
        var result = compile(project(resolver))
        let filterFiles = (resolver.contentsOfDirectory(appFilters) ?? []).filter { $0.hasSuffix(".js") }
        for name in filterFiles where !result.dependencies.contains(appFilters + "/" + name) {
            result.dependencies.append(appFilters + "/" + name)
        }
        return result
    }

    public static var standard: PugOptions {
        var options = PugOptions()
        options.filters["stylus"] = { text, _ in
            let result = StylusCompiler().compile(SourceFile(path: "filter.styl", text: text),
                                                  resolver: InMemoryResolver())
            if let error = result.diagnostics.first(where: { $0.severity == .error }) { throw error }
            return result.output
        }
        ScriptFilters.installCoffeeScript(into: &options)
        return options
    }
}
