/// The fixed folders of an ssbuild app, relative to the project root (see DESIGN.md).
public enum ProjectLayout {
    public static let appClient = "app/client"
    public static let appShared = "app/shared"
    public static let appServer = "app/server"
    public static let appCSS = "app/css"
    public static let appStylesheet = "app/css/app.styl"
    public static let appViews = "app/views"
    public static let appPage = "app/views/app.jade"
    public static let libClient = "lib/client"
    public static let libCSS = "lib/css"
    public static let publicDir = "public"
    public static let assetsDir = "public/assets"
    public static let configDir = "config"

    /// The folders whose changes affect a build (what `watch` observes).
    public static let watchedRoots = ["app", "lib", "config", "public"]
}
