/// What kind of build to make.
public struct BuildOptions: Sendable, Hashable {
    /// `development` emits one asset per source file (so browser errors name real
    /// files); `release` emits bundles, minified when `minify` is set.
    public enum Mode: String, Sendable, Hashable {
        case development
        case release
    }

    public var env: String
    public var mode: Mode
    public var minify: Bool
    /// JSON object of extra locals for app.jade (from config `views.locals`).
    public var pageLocalsJSON: String
    /// The real-time client (`SS.server`, `SS.events`, `SS.socket`), loaded right after
    /// the module runtime. The caller passes it, so SSBuild does not depend on the runtime.
    public var realtimeScript: String = ""
    /// What to do with `SS.server.x.y(...)` calls that name no server action.
    public var rpcContract: RPCContract.Mode = .off
    /// Emit a source map beside each script asset (`<name>.map`) and point the script at it.
    public var sourceMaps = false

    public init(env: String, mode: Mode, minify: Bool, pageLocalsJSON: String = "{}") {
        self.env = env
        self.mode = mode
        self.minify = minify
        self.pageLocalsJSON = pageLocalsJSON
    }

    public static func development(env: String = "development") -> BuildOptions {
        BuildOptions(env: env, mode: .development, minify: false)
    }

    public static func release(env: String = "production", minify: Bool = true) -> BuildOptions {
        BuildOptions(env: env, mode: .release, minify: minify)
    }
}
