import Foundation
import SSCompilers

extension ReleaseWriter {
    /// The paths of one commit.
    struct Paths {
        var publicDir: String
        var assets: String
        var staging: String

        init(publicDir: String, releaseID: String) {
            self.publicDir = publicDir
            self.assets = PathUtil.join(publicDir, ReleaseWriter.assetsFolder)
            self.staging = PathUtil.join(publicDir, ReleaseWriter.stagingPrefix + releaseID)
        }

        var liveManifest: String { PathUtil.join(assets, ReleaseWriter.manifestName) }
        var liveHistory: String { PathUtil.join(assets, ReleaseWriter.historyName) }
        var liveIndex: String { PathUtil.join(publicDir, ReleaseWriter.indexName) }

        func staged(_ name: String) -> String { PathUtil.join(staging, name) }
        func backup(_ name: String) -> String { PathUtil.join(staging, "backup-" + name) }
        func asset(_ name: String) -> String { PathUtil.join(assets, name) }

        /// (staged name, live path) of the files swapped in by rename, commit point last.
        var swaps: [(name: String, live: String)] {
            [
                (ReleaseWriter.manifestName, liveManifest), (ReleaseWriter.historyName, liveHistory),
                (ReleaseWriter.indexName, liveIndex),
            ]
        }
    }

    /// The history on disk; without one, the live manifest stands for the previous release.
    func readHistory(_ paths: Paths) -> ReleaseHistory {
        if let data = try? fileSystem.readFile(paths.liveHistory), let history = ReleaseHistory.decode(data) {
            return history
        }
        if let data = try? fileSystem.readFile(paths.liveManifest), let manifest = try? Manifest.decode(data) {
            return ReleaseHistory(releases: [.init(id: "previous", files: manifest.files)])
        }
        return ReleaseHistory(releases: [])
    }

    /// Phase 1: write everything into the staging directory. Touches nothing live.
    func stage(
        _ release: PreparedRelease, indexHTML: Data, history: ReleaseHistory, paths: Paths,
        journal: inout ReleaseJournal, report: inout Report
    ) throws(FileSystemError) {
        if fileSystem.itemKind(paths.publicDir) == nil {
            try fileSystem.createDirectory(paths.publicDir, intermediates: true)
            journal.created(directory: paths.publicDir)
        }
        for name in try fileSystem.contentsOfDirectory(paths.publicDir)
        where name.hasPrefix(ReleaseWriter.stagingPrefix) {
            // A leftover of an interrupted run: never live, safe to drop.
            try fileSystem.removeItem(PathUtil.join(paths.publicDir, name))
        }
        try fileSystem.createDirectory(paths.staging, intermediates: false)
        journal.created(directory: paths.staging)

        for name in release.files.keys.sorted() {
            if fileSystem.fileExists(paths.asset(name)) {
                report.reused.append(name)
            } else {
                try fileSystem.writeFile(paths.staged(name), release.files[name]!)
                report.added.append(name)
            }
        }
        try fileSystem.writeFile(paths.staged(ReleaseWriter.manifestName), release.manifest.encoded())
        try fileSystem.writeFile(paths.staged(ReleaseWriter.historyName), history.encoded())
        try fileSystem.writeFile(paths.staged(ReleaseWriter.indexName), indexHTML)
        for swap in paths.swaps where fileSystem.fileExists(swap.live) {
            try fileSystem.writeFile(paths.backup(swap.name), try fileSystem.readFile(swap.live))
        }
        try fileSystem.syncDirectory(paths.staging)
    }

    /// Phase 2: move the staged files into place, index.html last.
    func publish(paths: Paths, report: Report, journal: inout ReleaseJournal) throws(FileSystemError) {
        if fileSystem.itemKind(paths.assets) == nil {
            try fileSystem.createDirectory(paths.assets, intermediates: false)
            journal.created(directory: paths.assets)
        }
        for name in report.added {
            try fileSystem.rename(paths.staged(name), paths.asset(name))
            journal.added(file: paths.asset(name))
        }
        try fileSystem.syncDirectory(paths.assets)
        for swap in paths.swaps {
            let backup = fileSystem.fileExists(swap.live) ? paths.backup(swap.name) : nil
            try fileSystem.rename(paths.staged(swap.name), swap.live)
            journal.replaced(file: swap.live, backup: backup)
        }
    }

    /// Phase 4: remove files no kept release needs. Only names that look hashed, so
    /// files a user put into public/assets/ survive.
    func prune(paths: Paths, previousFiles: Set<String>, keepFiles: Set<String>, report: inout Report) {
        guard let names = try? fileSystem.contentsOfDirectory(paths.assets) else { return }
        for name in names where !keepFiles.contains(name) {
            guard previousFiles.contains(name) || ContentHash.looksHashed(name) else { continue }
            do {
                try fileSystem.removeItem(paths.asset(name))
                report.pruned.append(name)
            } catch {
                report.warnings.append(error.description)
            }
        }
    }
}
