import CJavaScriptCore

/// Placeholder namespace for the JavaScriptCore wrapper; the views work fills it in.
public enum ScriptEngine {
    /// The engine's name, for banners.
    public static let name = "JavaScriptCore"
}
