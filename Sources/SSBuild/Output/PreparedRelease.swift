import Dispatch
import Foundation

/// A release computed in memory: hashed names, compressed siblings and the manifest,
/// ready for `ReleaseWriter.commit`. Pure: no file system, no clock.
///
/// Preparing comes first so the caller can render index.html with the hashed URLs:
///
/// ```swift
/// let release = try PreparedRelease.prepare([ReleaseAsset("app.js", js), ReleaseAsset("app.css", css)])
/// let src = release.url(for: "app.js")!          // "/assets/app-3b1f0c2a9d4e.js"
/// let sri = release.manifest["app.js"]!.integrity
/// try ReleaseWriter().commit(release, indexHTML: Data(html.utf8), to: "public")
/// ```
public struct PreparedRelease: Sendable, Equatable {
    /// Logical name -> hashed file, sizes, integrity.
    public let manifest: Manifest
    /// Every file to place in `public/assets/`: hashed name -> bytes, `.gz`/`.br` included.
    public let files: [String: Data]
    /// A fingerprint of the manifest: equal ids mean byte-identical releases.
    public let id: String

    /// The URL path of a logical asset, or nil when it is not part of the release.
    public func url(for logicalName: String, prefix: String = "/assets/") -> String? {
        manifest[logicalName].map { prefix + $0.file }
    }

    /// Hashes and compresses `assets` (in parallel across assets) and builds the manifest.
    ///
    /// Throws `ReleaseError.invalidLogicalName`, `.duplicateLogicalName` or
    /// `.compressionFailed`.
    public static func prepare(
        _ assets: [ReleaseAsset], compression: ReleaseCompression = ReleaseCompression()
    ) throws(ReleaseError) -> PreparedRelease {
        var seen = Set<String>()
        for asset in assets {
            guard ReleaseAsset.isValidLogicalName(asset.logicalName) else {
                throw .invalidLogicalName(asset.logicalName)
            }
            guard seen.insert(asset.logicalName).inserted else { throw .duplicateLogicalName(asset.logicalName) }
        }
        let results = ResultSlots(count: assets.count)
        DispatchQueue.concurrentPerform(iterations: assets.count) { index in
            results.set(index, prepareOne(assets[index], compression))
        }
        var entries: [String: Manifest.Entry] = [:]
        var files: [String: Data] = [:]
        for (index, asset) in assets.enumerated() {
            switch results.get(index) {
            case .success(let prepared):
                entries[asset.logicalName] = prepared.entry
                files.merge(prepared.files) { first, _ in first }
            case .failure(let error):
                throw error
            case nil:
                throw .compressionFailed(logicalName: asset.logicalName, reason: "not processed")
            }
        }
        let manifest = Manifest(entries: entries)
        return PreparedRelease(manifest: manifest, files: files, id: ContentHash.fingerprint(manifest.encoded()))
    }

    private struct PreparedAsset: Sendable {
        var entry: Manifest.Entry
        var files: [String: Data]
    }

    private static func prepareOne(
        _ asset: ReleaseAsset, _ compression: ReleaseCompression
    ) -> Result<PreparedAsset, ReleaseError> {
        let digest = SHA256.hash(asset.data)
        let file = ContentHash.hashedFileName(
            asset.logicalName, fingerprint: String(digest.hex.prefix(ContentHash.fingerprintLength)))
        var entry = Manifest.Entry(file: file, size: asset.data.count, integrity: "sha256-" + digest.base64)
        var files = [file: asset.data]
        let compress = compression.applies(to: asset.logicalName)
        do {
            if compress, compression.gzip {
                let gz = try Gzip.compress(asset.data, level: compression.gzipLevel)
                files[file + ".gz"] = gz
                entry.gzipSize = gz.count
            }
        } catch {
            return .failure(.compressionFailed(logicalName: asset.logicalName, reason: error.description))
        }
        do {
            if compress, compression.brotli {
                let mode: Brotli.Mode = asset.logicalName.lowercased().hasSuffix(".wasm") ? .generic : .text
                let br = try Brotli.compress(asset.data, quality: compression.brotliQuality(forSize: asset.data.count),
                                               mode: mode)
                files[file + ".br"] = br
                entry.brotliSize = br.count
            }
        } catch {
            return .failure(.compressionFailed(logicalName: asset.logicalName, reason: error.description))
        }
        return .success(PreparedAsset(entry: entry, files: files))
    }

    /// Per-index result slots written from `concurrentPerform` workers.
    private final class ResultSlots: @unchecked Sendable {
        private var slots: [Result<PreparedAsset, ReleaseError>?]
        private let lock = NSLock()
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: Result<PreparedAsset, ReleaseError>) { lock.withLock { slots[index] = value } }
        func get(_ index: Int) -> Result<PreparedAsset, ReleaseError>? { lock.withLock { slots[index] } }
    }
}
