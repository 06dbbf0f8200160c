import SSCompilers

extension DiagnosticID {
    /// Two files (or a file and a folder) claim one `SS.client`/`SS.shared` namespace.
    public static let buildNamespaceConflict = DiagnosticID("BLD0001")
    /// A required file (app/css/app.styl, app/views/app.jade) is missing.
    public static let buildMissingFile = DiagnosticID("BLD0002")
    /// app.jade has no `!= SocketStream`, so no asset would load.
    public static let buildMissingSocketStreamTag = DiagnosticID("BLD0003")
    /// A sub-folder in a flat library folder (lib/client, lib/css) is ignored.
    public static let buildIgnoredFolder = DiagnosticID("BLD0004")
    /// A file could not be read or written.
    public static let buildIO = DiagnosticID("BLD0005")
    /// A source file is not valid UTF-8 text.
    public static let buildEncoding = DiagnosticID("BLD0006")
}

extension DiagnosticID {
    /// `ssbuild compile` was given a file type it does not handle.
    public static let buildUnknownFileType = DiagnosticID("BLD0007")
    /// The release could not be written; public/ was left as it was.
    public static let buildReleaseFailed = DiagnosticID("BLD0008")
}

extension DiagnosticID {
    /// Client code calls `SS.server.a.b` but no server file defines action `b` in `a`.
    public static let buildUnknownServerAction = DiagnosticID("BLD0009")
}

extension DiagnosticID {
    /// A server file's declarations cannot be registered (two namespaces, a path that is no namespace).
    public static let buildServerDeclaration = DiagnosticID("BLD0010")
    /// The app's server code (Swift) did not compile.
    public static let buildServerCompile = DiagnosticID("BLD0011")
    /// The app's server code cannot be built here (no SDK, no `swift`).
    public static let buildServerToolchain = DiagnosticID("BLD0012")
}
