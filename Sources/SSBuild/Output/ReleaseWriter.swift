import Foundation
import SSCompilers

/// Publishes a `PreparedRelease` into `public/` atomically: a failure at any step before
/// the release goes live leaves `public/` byte-for-byte as it was.
///
/// Layout written:
///
///     public/index.html                        replaced by rename(2): the commit point
///     public/assets/<name>-<hash>.<ext>[.gz|.br]   new names only; never overwrites a live file
///     public/assets/manifest.json              logical name -> hashed file (see `Manifest`)
///     public/assets/.ssbuild-releases.json     files of the last `keep` releases (pruning)
///
/// How it stays atomic:
/// 1. Everything is first written and fsynced into `public/.ssbuild-staging-<id>/`,
///    together with backups of the three top-level files it will replace. Nothing live is
///    touched yet.
/// 2. The new hashed files are renamed into `public/assets/`. Their names carry a content
///    hash, so they never collide with a file the live index.html references; a name that
///    already exists has the same content and is reused.
/// 3. manifest.json, the history and finally index.html are swapped in by rename(2).
/// 4. Only then are old files pruned and the staging directory removed; a failure there
///    is reported as a warning, because the new release is already complete.
///
/// Every step of 1-3 is journaled; on failure the journal is undone in reverse (backups
/// renamed back, added files removed, created directories removed), so the tree is
/// exactly the previous one. If undoing fails too (a disk that stays full), the error
/// says so; even then the previous index.html and every file it references are intact,
/// and leftover staging directories are removed by the next run.
///
/// Pruning keeps every file of the last `keep` releases (default 2: this one and the
/// previous, so a browser holding the old index.html still loads), and removes files
/// of older releases and hashed-looking orphans in `public/assets/`. Other files there
/// are never touched. Two releases must not run into the same `public/` at once.
///
/// ```swift
/// let release = try PreparedRelease.prepare(assets)
/// let report = try ReleaseWriter(fileSystem: DiskFileSystem())
///     .commit(release, indexHTML: Data(html.utf8), to: "/srv/chat/public", keep: 2)
/// report.added    // ["app-3b1f0c2a9d4e.js", "app-3b1f0c2a9d4e.js.gz", ...]
/// ```
public struct ReleaseWriter: Sendable {
    /// The name of the assets folder inside the public directory.
    public static let assetsFolder = "assets"
    public static let manifestName = "manifest.json"
    public static let historyName = ".ssbuild-releases.json"
    public static let indexName = "index.html"
    public static let stagingPrefix = ".ssbuild-staging-"

    public let fileSystem: any FileSystem

    public init(fileSystem: any FileSystem = DiskFileSystem()) {
        self.fileSystem = fileSystem
    }

    /// What a commit did.
    public struct Report: Sendable, Equatable {
        /// Files newly placed in `public/assets/`, sorted.
        public var added: [String] = []
        /// Files of this release that were already present (same hash), sorted.
        public var reused: [String] = []
        /// Files removed from `public/assets/` by pruning, sorted.
        public var pruned: [String] = []
        /// Cleanup failures after the release went live; the release itself succeeded.
        public var warnings: [String] = []
    }

    /// Publishes `release` with `indexHTML` into `publicDir`, keeping the files of the
    /// last `keep` releases (this one included). See the type's documentation.
    @discardableResult
    public func commit(
        _ release: PreparedRelease, indexHTML: Data, to publicDir: String, keep: Int = 2
    ) throws(ReleaseError) -> Report {
        guard keep >= 1 else { throw .invalidKeep(keep) }
        if let kind = fileSystem.itemKind(publicDir), kind != .directory { throw .notADirectory(publicDir) }
        let paths = Paths(publicDir: publicDir, releaseID: release.id)
        if let kind = fileSystem.itemKind(paths.assets), kind != .directory { throw .notADirectory(paths.assets) }

        var history = readHistory(paths)
        let previousFiles = history.liveFiles
        history.record(ReleaseHistory.Release(id: release.id, files: release.manifest.files), keep: keep)
        let keepFiles = history.liveFiles

        var report = Report()
        var journal = ReleaseJournal(fileSystem: fileSystem)
        do {
            try stage(release, indexHTML: indexHTML, history: history, paths: paths, journal: &journal, report: &report)
            try publish(paths: paths, report: report, journal: &journal)
        } catch {
            let failures = journal.rollBack()
            throw .fileSystem(error, rolledBack: failures.isEmpty, rollbackFailures: failures)
        }
        // The release is live. Everything below is cleanup.
        do {
            try fileSystem.syncDirectory(publicDir)
        } catch {
            report.warnings.append(error.description)
        }
        prune(paths: paths, previousFiles: previousFiles, keepFiles: keepFiles, report: &report)
        do {
            try fileSystem.removeItem(paths.staging)
        } catch {
            report.warnings.append(error.description)
        }
        return report
    }
}
