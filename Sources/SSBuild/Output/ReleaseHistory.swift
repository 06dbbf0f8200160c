import Foundation

/// `public/assets/.ssbuild-releases.json`: the files of the last `keep` releases, newest
/// first. Pruning reads it to know which old files may go; it holds no timestamps, so
/// the same sequence of releases always writes the same bytes.
///
/// ```swift
/// var history = ReleaseHistory(releases: [])
/// history.record(ReleaseHistory.Release(id: "a1", files: ["app-a1.js"]), keep: 2)
/// ```
public struct ReleaseHistory: Codable, Sendable, Equatable {
    /// One committed release.
    public struct Release: Codable, Sendable, Equatable {
        /// `PreparedRelease.id`.
        public var id: String
        /// File names inside `public/assets/`, sorted.
        public var files: [String]

        public init(id: String, files: [String]) {
            self.id = id
            self.files = files.sorted()
        }
    }

    /// Newest first.
    public var releases: [Release]

    public init(releases: [Release]) {
        self.releases = releases
    }

    /// Puts `release` first (moving it if it was already listed) and keeps `keep` entries.
    /// Returns the releases that fell off the end.
    @discardableResult
    public mutating func record(_ release: Release, keep: Int) -> [Release] {
        releases.removeAll { $0.id == release.id }
        releases.insert(release, at: 0)
        let dropped = Array(releases.dropFirst(max(1, keep)))
        releases = Array(releases.prefix(max(1, keep)))
        return dropped
    }

    /// Every file some listed release needs.
    public var liveFiles: Set<String> { Set(releases.flatMap(\.files)) }

    /// Parses the file; nil when it is missing or corrupt (a corrupt history only means
    /// less pruning, never a failed release).
    public static func decode(_ data: Data) -> ReleaseHistory? {
        try? JSONDecoder().decode(ReleaseHistory.self, from: data)
    }

    /// Canonical JSON, one release per block.
    public func encoded() -> Data {
        var out = "{\n  \"releases\": ["
        for (index, release) in releases.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "    {\n      \"id\": \(Manifest.jsonString(release.id)),\n      \"files\": ["
            out += release.files.map { "\n        " + Manifest.jsonString($0) }.joined(separator: ",")
            out += release.files.isEmpty ? "]\n    }" : "\n      ]\n    }"
        }
        out += releases.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return Data(out.utf8)
    }
}
