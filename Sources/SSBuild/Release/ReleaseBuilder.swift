import Foundation
import SSCompilers

/// `ssbuild release` / `ssbuild build`: builds the app in release mode, fingerprints and
/// precompresses the bundles, renders index.html with the hashed URLs, and commits it
/// all into `public/` atomically. A failed build writes nothing.
///
/// ```swift
/// let report = ReleaseBuilder(root: "/path/app", settings: .init(env: "production")).run()
/// if report.succeeded { print(report.summary()) }
/// ```
public struct ReleaseBuilder {
    /// What the release needs from config and flags: the build options (always in
    /// release mode), how to compress, and how many releases to keep.
    public struct Settings: Sendable {
        public var options: BuildOptions
        public var compression: ReleaseCompression
        /// How many releases' assets stay in public/assets (the current one included).
        public var keep: Int

        /// `sourceMaps`: write `lib.js.map`/`app.js.map` (fingerprinted like any asset) and
        /// end each bundle with a `//# sourceMappingURL=` line naming its map.
        public init(env: String, minify: Bool = true, compression: ReleaseCompression = ReleaseCompression(),
                    pageLocalsJSON: String = "{}", keep: Int = 2, sourceMaps: Bool = true) {
            options = .release(env: env, minify: minify)
            options.pageLocalsJSON = pageLocalsJSON
            options.sourceMaps = sourceMaps
            self.compression = compression
            self.keep = keep
        }
    }

    /// One written asset, for the summary.
    public struct Output: Sendable, Hashable {
        public var logicalName: String
        public var file: String
        public var size: Int
        public var gzipSize: Int?
    }

    /// The outcome: diagnostics (errors mean nothing was written) and the outputs.
    public struct Report: Sendable {
        public var diagnostics: [Diagnostic]
        public var outputs: [Output]
        public var succeeded: Bool { !diagnostics.containsErrors }
    }

    public let root: String
    public let settings: Settings
    public let builder: ProjectBuilder
    public let fileSystem: any FileSystem

    public init(root: String, settings: Settings, builder: ProjectBuilder? = nil,
                fileSystem: any FileSystem = DiskFileSystem()) {
        self.root = root
        self.settings = settings
        self.builder = builder ?? ProjectBuilder(root: root)
        self.fileSystem = fileSystem
    }

    public func run() -> Report {
        var options = settings.options
        options.mode = .release
        var prepared: Result<PreparedRelease, ReleaseError>?
        let result = builder.build(options) { assets in
            prepared = Result { () throws(ReleaseError) in
                try Self.prepare(assets, compression: settings.compression)
            }
            guard case .success(let release)? = prepared else { return ProjectBuilder.plainURLs(assets) }
            var urls: [String: String] = [:]
            for asset in assets { urls[asset.logicalName] = release.url(for: asset.logicalName) }
            return urls
        }
        var diagnostics = result.diagnostics
        guard !result.hasErrors, let page = result.page else {
            return Report(diagnostics: diagnostics, outputs: [])
        }
        let release: PreparedRelease
        switch prepared {
        case .success(let value)?: release = value
        case .failure(let error)?:
            diagnostics.append(Diagnostic(.error, id: .buildReleaseFailed, message: error.description))
            return Report(diagnostics: diagnostics, outputs: [])
        case nil:
            diagnostics.append(Diagnostic(.error, id: .buildReleaseFailed, message: "no assets were built"))
            return Report(diagnostics: diagnostics, outputs: [])
        }
        do {
            try ReleaseWriter(fileSystem: fileSystem).commit(
                release, indexHTML: Data(page.utf8), to: PathUtil.join(root, ProjectLayout.publicDir),
                keep: settings.keep)
        } catch {
            diagnostics.append(Diagnostic(
                .error, id: .buildReleaseFailed,
                message: "could not write public/ (left as it was): \(error)"))
            return Report(diagnostics: diagnostics, outputs: [])
        }
        let outputs = release.manifest.logicalNames.compactMap { name -> Output? in
            guard let entry = release.manifest[name] else { return nil }
            return Output(logicalName: name, file: entry.file, size: entry.size, gzipSize: entry.gzipSize)
        }
        return Report(diagnostics: diagnostics, outputs: outputs)
    }
}

extension ReleaseBuilder {
    /// Fingerprints the assets. Source maps are named first, so each script can end with
    /// a `sourceMappingURL` naming its map's hashed file (a relative URL: both sit in
    /// `assets/`); the script's own hash then covers that line. Deterministic: the map
    /// names depend on the maps' bytes only.
    static func prepare(_ assets: [BuiltAsset], compression: ReleaseCompression) throws(ReleaseError)
        -> PreparedRelease
    {
        let maps = assets.filter { $0.kind == .sourceMap }
        var mapFiles: [String: String] = [:]
        if !maps.isEmpty {
            let named = try PreparedRelease.prepare(maps.map { ReleaseAsset($0.logicalName, $0.contents) },
                                                    compression: .none)
            for map in maps { mapFiles[map.logicalName] = named.manifest[map.logicalName]?.file }
        }
        let releaseAssets = assets.map { asset -> ReleaseAsset in
            guard asset.kind == .script, let file = mapFiles[ProjectBuilder.sourceMapName(of: asset.logicalName)]
            else { return ReleaseAsset(asset.logicalName, asset.contents) }
            let code = String(decoding: asset.contents, as: UTF8.self)
            return ReleaseAsset(asset.logicalName, Data(ProjectBuilder.withSourceMappingURL(code, file).utf8))
        }
        // Maps are fetched only by browser tools, and brotli on a 10 MB map took longer
        // than the rest of a large release (measured: 3.3 s -> 9.4 s): no .gz/.br for them.
        var compression = compression
        if !maps.isEmpty { compression.extensions.remove("map") }
        return try PreparedRelease.prepare(releaseAssets, compression: compression)
    }
}

extension ReleaseBuilder.Report {
    /// A short table: each output with its raw and gzip size.
    public func summary(duration: Duration) -> String {
        var lines: [String] = []
        let width = max(12, outputs.map { $0.file.count }.max() ?? 0)
        for output in outputs {
            let name = output.file.padding(toLength: width, withPad: " ", startingAt: 0)
            let gzip = output.gzipSize.map { "  gzip " + Self.size($0) } ?? ""
            lines.append("  public/assets/\(name)  \(Self.size(output.size))\(gzip)")
        }
        let ms = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        lines.append(String(format: "released %d assets in %.0f ms", outputs.count, ms))
        return lines.joined(separator: "\n")
    }

    static func size(_ bytes: Int) -> String {
        let text = bytes < 10_240 ? "\(bytes) B" : String(format: "%.1f KiB", Double(bytes) / 1024)
        return text.padding(toLength: 10, withPad: " ", startingAt: 0)
    }
}
