import SSCompilers

/// What a development build keeps for the next one, so that a build after an edit costs
/// work for what the edit touched, not for every file of the app.
///
/// Invariant: every list here equals what a from-scratch build of the same files would
/// make. A patch (`ProjectBuilder.patchBuild`) redoes the jobs that read an edited path
/// (`readers`), writes their outputs into their slots, and re-derives only the assets,
/// contract warnings and page that depend on those jobs. Anything it cannot patch
/// (a file came or went, other options) goes through a full build, which refills this.
struct BuildMemory {
    /// The snapshot's structure generation and the options the memory was built for.
    var generation: Int
    var options: BuildOptions
    var sources: ProjectSources
    /// `sources.allPaths`, the first entry of `BuildResult.dependencies`.
    var allPaths: [String]
    var discoveryDiagnostics: [Diagnostic]
    var jobs: [ProjectBuilder.Job]
    var nodes: CompiledNodes
    /// The files each job read, and for each file the jobs that read it.
    var reads: [[String]]
    var readers: [String: [Int]]
    /// The RPC contract: the server's actions and each module's warnings.
    var serverActions: Set<String>
    var actionsKey: Int
    var contract: [[Diagnostic]]
    var assets: DevelopmentAssets
    /// The rendered page and what it read; nil when the page must be rendered again.
    var page: RenderedPage?
    var result: BuildResult

    /// Index `reads` by path.
    static func readers(of reads: [[String]]) -> [String: [Int]] {
        var readers: [String: [Int]] = [:]
        for (job, paths) in reads.enumerated() {
            for path in paths { readers[path, default: []].append(job) }
        }
        return readers
    }

    /// The jobs that read one of `paths`, in job order.
    func jobs(reading paths: Set<String>) -> [Int] {
        var found = Set<Int>()
        for path in paths { if let jobs = readers[path] { found.formUnion(jobs) } }
        return found.sorted()
    }

    /// Records that `job` now reads `paths`.
    mutating func setReads(_ paths: [String], of job: Int) {
        let old = reads[job]
        guard old != paths else { return }
        for path in old where !paths.contains(path) {
            readers[path]?.removeAll { $0 == job }
            if readers[path]?.isEmpty == true { readers[path] = nil }
        }
        for path in paths where !old.contains(path) { readers[path, default: []].append(job) }
        reads[job] = paths
    }
}

/// The page as last rendered: its HTML (nil when rendering failed), the diagnostics
/// rendering gave, the files it read, and the digest of the HTML.
struct RenderedPage {
    var html: String?
    var diagnostics: [Diagnostic]
    var reads: Set<String>
    var digest: ContentDigest?
}
