/// How `JavaScript.minify` shrinks a script.
///
/// ```swift
/// var options = JSMinifyOptions()
/// options.mangle = false   // keep local names
/// let result = JavaScript.minify(file, options: options)
/// ```
public struct JSMinifyOptions: Sendable {
    /// Rename local bindings to short names (never globals, nothing in scopes with direct `eval` or `with`).
    public var mangle: Bool = true
    /// Apply safe syntax shortenings (`!0`, constant folding, merged `var`s, dead branches).
    public var compress: Bool = true
    /// Order the short-name alphabet by character frequency (better gzip); tests turn it off
    /// so that names are predictable.
    var frequencyOrderedNames: Bool = true

    public init() {}
}
