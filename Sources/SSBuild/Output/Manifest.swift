import Foundation
import SSCompilers

/// `public/assets/manifest.json`: what each logical asset is called in this release.
///
/// Servers use it to resolve `app.js` to its hashed file and to send `Content-Length`
/// and `integrity` without reading the file; tools use it to diff releases. The encoding
/// is deterministic (keys sorted by code point, two-space indentation, fixed field order,
/// trailing newline), so two identical releases write identical manifests.
///
/// ```swift
/// let manifest = Manifest(entries: ["app.js": .init(file: "app-3b1f0c2a9d4e.js", size: 120,
///                                                     gzipSize: 98, integrity: "sha256-...")])
/// String(decoding: manifest.encoded(), as: UTF8.self)
/// // {
/// //   "app.js": {
/// //     "file": "app-3b1f0c2a9d4e.js",
/// //     "size": 120,
/// //     "gzipSize": 98,
/// //     "integrity": "sha256-..."
/// //   }
/// // }
/// ```
public struct Manifest: Codable, Sendable, Equatable {
    /// One asset of a release.
    public struct Entry: Codable, Sendable, Equatable {
        /// The hashed file name inside `public/assets/`.
        public var file: String
        /// Raw size in bytes.
        public var size: Int
        /// Size of `file.gz`, when a gzip sibling was written.
        public var gzipSize: Int?
        /// Size of `file.br`, when a brotli sibling was written.
        public var brotliSize: Int?
        /// Subresource Integrity value (`sha256-<base64>`) of the raw file.
        public var integrity: String

        public init(file: String, size: Int, gzipSize: Int? = nil, brotliSize: Int? = nil, integrity: String) {
            self.file = file
            self.size = size
            self.gzipSize = gzipSize
            self.brotliSize = brotliSize
            self.integrity = integrity
        }
    }

    /// Logical name (`app.js`, `lib.css`) -> entry.
    public var entries: [String: Entry]

    public init(entries: [String: Entry] = [:]) {
        self.entries = entries
    }

    /// The entry for a logical name.
    public subscript(logicalName: String) -> Entry? { entries[logicalName] }

    /// Logical names in encoding order (by Unicode code point).
    public var logicalNames: [String] { entries.keys.sorted(by: Manifest.codePointOrder) }

    /// Every file the release consists of: each hashed file and its compressed siblings.
    public var files: [String] {
        logicalNames.flatMap { name -> [String] in
            let entry = entries[name]!
            return [entry.file] + (entry.gzipSize == nil ? [] : [entry.file + ".gz"])
                + (entry.brotliSize == nil ? [] : [entry.file + ".br"])
        }
    }

    public init(from decoder: any Decoder) throws {
        entries = try decoder.singleValueContainer().decode([String: Entry].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(entries)
    }

    /// Parses manifest JSON.
    public static func decode(_ data: Data) throws -> Manifest {
        try JSONDecoder().decode(Manifest.self, from: data)
    }

    /// The canonical JSON text (see the type's documentation).
    public func encoded() -> Data {
        var out = "{"
        for (index, name) in logicalNames.enumerated() {
            let entry = entries[name]!
            out += index == 0 ? "\n" : ",\n"
            out += "  \(Manifest.jsonString(name)): {\n"
            var fields = ["\"file\": \(Manifest.jsonString(entry.file))", "\"size\": \(entry.size)"]
            if let gzip = entry.gzipSize { fields.append("\"gzipSize\": \(gzip)") }
            if let brotli = entry.brotliSize { fields.append("\"brotliSize\": \(brotli)") }
            fields.append("\"integrity\": \(Manifest.jsonString(entry.integrity))")
            out += fields.map { "    " + $0 }.joined(separator: ",\n")
            out += "\n  }"
        }
        out += entries.isEmpty ? "}\n" : "\n}\n"
        return Data(out.utf8)
    }

    static func codePointOrder(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) { $0.value < $1.value }
    }

    /// A JSON string literal (`<` escaped, so a manifest can be inlined into a page).
    static func jsonString(_ text: String) -> String { JSONText.quoted(text) }
}
