/// Options of the Pug/Jade compiler (the subset of Pug's options a build needs).
///
/// ```swift
/// var options = PugOptions()
/// options.pretty = true
/// options.filters["shout"] = { text, _ in text.uppercased() }
/// ```
public struct PugOptions: Sendable {
    /// Indent the HTML the way Pug's `pretty: true` does (two spaces).
    public var pretty: Bool = false
    /// The folder `include /x.pug` and `extends /x.pug` start from.
    public var basedir: String? = nil
    /// A doctype to assume when the template has none (`html` makes attributes terse).
    public var doctype: String? = nil
    /// Custom filters by name: (text, attributes) -> output. The build adds :stylus etc. here.
    public var filters: [String: @Sendable (String, [String: String]) throws -> String] = [:]
    /// Record template positions in the generated code so runtime errors point at the
    /// template line (`err.pugFile`, `err.pugLine`). Turn off for smaller client code.
    public var compileDebug: Bool = true
    /// The name of the generated function.
    public var templateName: String = "template"

    public init() {}
}
