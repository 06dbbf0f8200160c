import Foundation

/// One output file of a release, before hashing: a logical name such as `app.js` or
/// `lib.css` and its final bytes.
///
/// ```swift
/// ReleaseAsset("app.js", Data(bundle.utf8))
/// ```
public struct ReleaseAsset: Sendable, Equatable {
    /// A flat file name: letters, digits, `.`, `_`, `-`; not starting with a dot.
    public var logicalName: String
    public var data: Data

    public init(_ logicalName: String, _ data: Data) {
        self.logicalName = logicalName
        self.data = data
    }

    /// True when `name` is acceptable as a logical name.
    public static func isValidLogicalName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first != ".", name.utf8.count <= 200 else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-": return true
            default: return false
            }
        }
    }
}

/// Which precompressed siblings a release writes beside each asset.
///
/// ```swift
/// ReleaseCompression()                       // .gz at level 9 and .br at quality 11
/// ReleaseCompression(gzip: true, brotli: false)
/// ReleaseCompression.none                    // development builds
/// ```
public struct ReleaseCompression: Sendable, Equatable {
    public var gzip: Bool
    public var gzipLevel: Int
    public var brotli: Bool
    public var brotliQuality: Int
    /// Assets larger than this many bytes use `largeBrotliQuality`: quality 11 costs about
    /// ten times the CPU of quality 9 for a few percent, which on megabyte bundles is
    /// seconds of release time (measured: 2.9 s of a 3.5 s release on the medium fixture).
    public var largeAssetThreshold: Int = 256 * 1024
    public var largeBrotliQuality: Int = 9
    /// Extensions (without dot, lowercase) worth compressing; images and fonts already are.
    public var extensions: Set<String>

    public static let defaultExtensions: Set<String> = [
        "js", "mjs", "css", "html", "htm", "json", "map", "svg", "txt", "xml", "wasm",
    ]

    public init(
        gzip: Bool = true, gzipLevel: Int = 9, brotli: Bool = true, brotliQuality: Int = 11,
        extensions: Set<String> = ReleaseCompression.defaultExtensions
    ) {
        self.gzip = gzip
        self.gzipLevel = gzipLevel
        self.brotli = brotli
        self.brotliQuality = brotliQuality
        self.extensions = extensions
    }

    /// The brotli quality for an asset of `size` bytes (a pure function of the size, so
    /// releases stay deterministic).
    public func brotliQuality(forSize size: Int) -> Int {
        size > largeAssetThreshold ? min(brotliQuality, largeBrotliQuality) : brotliQuality
    }

    /// No compressed siblings.
    public static let none = ReleaseCompression(gzip: false, brotli: false)

    func applies(to logicalName: String) -> Bool {
        guard let dot = logicalName.lastIndex(of: ".") else { return false }
        return extensions.contains(logicalName[logicalName.index(after: dot)...].lowercased())
    }
}
