import Foundation

/// Content hashes for release file names and Subresource Integrity.
///
/// ```swift
/// ContentHash.fingerprint(Data("abc".utf8))   // "ba7816bf8f01"
/// ContentHash.integrity(Data("abc".utf8))     // "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
/// ContentHash.hashedFileName("app.js", fingerprint: "ba7816bf8f01")   // "app-ba7816bf8f01.js"
/// ```
public enum ContentHash {
    /// The number of hex characters in a fingerprint: 48 bits. A collision only matters
    /// between assets with the same logical name, so this is far more than enough, and
    /// hex lets anyone check a name with `sha256sum FILE | cut -c1-12`.
    public static let fingerprintLength = 12

    /// The first `fingerprintLength` lowercase hex digits of the SHA-256 of `data`.
    public static func fingerprint(_ data: Data) -> String {
        String(SHA256.hash(data).hex.prefix(fingerprintLength))
    }

    /// The SRI value for `data`: `sha256-` followed by the base64 digest.
    public static func integrity(_ data: Data) -> String {
        "sha256-" + SHA256.hash(data).base64
    }

    /// Inserts `-fingerprint` before the last extension: `app.js` -> `app-<fp>.js`,
    /// `jquery.min.js` -> `jquery.min-<fp>.js`, `LICENSE` -> `LICENSE-<fp>`.
    public static func hashedFileName(_ logicalName: String, fingerprint: String) -> String {
        guard let dot = logicalName.lastIndex(of: "."), dot != logicalName.startIndex else {
            return logicalName + "-" + fingerprint
        }
        return logicalName[..<dot] + "-" + fingerprint + logicalName[dot...]
    }

    /// True when `fileName` has the shape `hashedFileName` produces, optionally followed by
    /// `.gz` or `.br`. Pruning only ever deletes names of this shape.
    public static func looksHashed(_ fileName: String) -> Bool {
        var name = Substring(fileName)
        for suffix in [".gz", ".br"] where name.hasSuffix(suffix) {
            name = name.dropLast(suffix.count)
        }
        let stemEnd = name.lastIndex(of: ".").flatMap { $0 == name.startIndex ? nil : $0 } ?? name.endIndex
        let stem = name[..<stemEnd]
        guard stem.count > fingerprintLength + 1 else { return false }
        let fp = stem.suffix(fingerprintLength)
        let dash = stem.dropLast(fingerprintLength).last
        return dash == "-" && fp.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
    }
}
