import Foundation
import SSCompilers

/// One file the build produced, under its logical name (`app.js`, or in development
/// `dev/app/client/users/online.js`).
public struct BuiltAsset: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case script
        case stylesheet
        /// The source map of the script asset whose logical name is this one's without `.map`.
        case sourceMap
    }

    /// The fields, behind one reference: a development list holds thousands of assets,
    /// and each rebuild copies the list (one retain per asset, not one per field).
    private final class Storage: Sendable {
        let logicalName: String
        let kind: Kind
        let contents: Data
        let sources: [String]
        let digest: ContentDigest

        init(logicalName: String, kind: Kind, contents: Data, sources: [String], digest: ContentDigest) {
            self.logicalName = logicalName
            self.kind = kind
            self.contents = contents
            self.sources = sources
            self.digest = digest
        }

        func with(logicalName: String? = nil, kind: Kind? = nil, sources: [String]? = nil) -> Storage {
            Storage(logicalName: logicalName ?? self.logicalName, kind: kind ?? self.kind, contents: contents,
                    sources: sources ?? self.sources, digest: digest)
        }
    }

    private var storage: Storage

    public var logicalName: String {
        get { storage.logicalName }
        set { storage = storage.with(logicalName: newValue) }
    }

    public var kind: Kind {
        get { storage.kind }
        set { storage = storage.with(kind: newValue) }
    }

    public var contents: Data {
        get { storage.contents }
        set { self = BuiltAsset(logicalName: logicalName, kind: kind, contents: newValue, sources: sources) }
    }

    /// The source files this asset was made from, for the summary and live reload.
    public var sources: [String] {
        get { storage.sources }
        set { storage = storage.with(sources: newValue) }
    }

    /// A digest of `contents`, computed once (rebuilds compare assets by it).
    public var digest: ContentDigest { storage.digest }

    public init(logicalName: String, kind: Kind, contents: Data, sources: [String]) {
        storage = Storage(logicalName: logicalName, kind: kind, contents: contents, sources: sources,
                          digest: ContentDigest(contents))
    }

    /// With a digest the caller made from the contents' pieces (each hashed once); it
    /// must change whenever `contents` does.
    init(logicalName: String, kind: Kind, contents: Data, sources: [String], digest: ContentDigest) {
        storage = Storage(logicalName: logicalName, kind: kind, contents: contents, sources: sources, digest: digest)
    }

    public static func == (a: BuiltAsset, b: BuiltAsset) -> Bool {
        a.storage === b.storage
            || (a.digest == b.digest && a.kind == b.kind && a.logicalName == b.logicalName && a.sources == b.sources
                && a.contents == b.contents)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(logicalName)
        hasher.combine(kind)
        hasher.combine(digest)
    }

    public var contentType: String {
        switch kind {
        case .script: "text/javascript; charset=utf-8"
        case .stylesheet: "text/css; charset=utf-8"
        case .sourceMap: "application/json; charset=utf-8"
        }
    }
}

/// A client template: its id (`dir-sub-file`), its render function and, when it could
/// be rendered without locals, its HTML for the `<script type="text/html">` form.
public struct BuiltTemplate: Sendable, Hashable {
    public var id: String
    public var path: String
    public var function: String
    public var html: String?
}

/// Everything one build made. `page` is nil when the build failed before the page.
public struct BuildResult: Sendable {
    public var assets: [BuiltAsset]
    public var page: String?
    public var templates: [BuiltTemplate]
    public var apiTree: APITree
    public var diagnostics: [Diagnostic]
    /// The files each compiled node read (sources first), in build order.
    public var dependencies: [[String]]
    /// The digest of `page`, when the build computed it (development builds do, once per
    /// rendering, so a build id does not hash the page on every rebuild).
    public var pageDigest: ContentDigest?
    /// A digest of every asset's contents in order, when the build kept one (development
    /// builds do, updated per changed asset): the dev server's build id, without a pass
    /// over thousands of assets per rebuild.
    public var assetsDigest: ContentDigest?

    /// Every file the build read, sorted; computed on demand (rebuilds do not need it).
    public var inputs: [String] {
        var all = Set<String>()
        for deps in dependencies { all.formUnion(deps) }
        return all.sorted(by: ByteOrder.precedes)
    }

    public var hasErrors: Bool { diagnostics.containsErrors }
}
