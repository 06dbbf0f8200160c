import Foundation

/// Resolves an `@import`/`@require` path against the search paths (Stylus's `utils.find`),
/// with globbing. A value, so the import prefetcher can resolve on its own thread.
struct StyImportFinder {
    /// Search paths, last searched first.
    let paths: [String]
    /// The file being compiled, never a match for itself.
    let filename: String
    let resolver: any SourceResolver

    func exists(_ path: String) -> Bool { resolver.fileExists(path) || resolver.directoryExists(path) }

    func find(_ path: String) -> [String]? {
        if path.hasPrefix("/") {
            let g = glob(path)
            if !g.isEmpty { return g }
        }
        for base in paths.reversed() {
            let lookup = StyEvaluator.nodeJoin(base, path)
            if lookup == filename { continue }
            let g = glob(lookup)
            if !g.isEmpty { return g }
        }
        return nil
    }

    /// Glob with `*`, `?` and `**` (any number of directories); files only, sorted by path.
    func glob(_ pattern: String) -> [String] {
        if !StyText.contains(pattern, UInt8(ascii: "*")) && !StyText.contains(pattern, UInt8(ascii: "?")) {
            return exists(pattern) ? [pattern] : []
        }
        let absolute = pattern.hasPrefix("/")
        let parts = pattern.split(separator: "/").map(String.init).filter { $0 != "." }
        var results: [String] = []
        var visited = 0
        func join(_ base: String, _ name: String) -> String {
            base.isEmpty ? name : (base == "/" ? "/" + name : base + "/" + name)
        }
        func walk(_ base: String, _ i: Int) {
            visited += 1
            if visited > 10_000 { return }
            if i == parts.count {
                if resolver.fileExists(base) { results.append(base) }
                return
            }
            let part = parts[i]
            let dir = base.isEmpty ? "." : base
            if part == "**" {
                walk(base, i + 1)
                for e in resolver.contentsOfDirectory(dir) ?? [] where !e.hasPrefix(".") {
                    let p = join(base, e)
                    if resolver.directoryExists(p) { walk(p, i) }
                }
            } else if StyText.contains(part, UInt8(ascii: "*")) || StyText.contains(part, UInt8(ascii: "?")) {
                for e in resolver.contentsOfDirectory(dir) ?? [] where !e.hasPrefix(".") {
                    if StyImportFinder.globMatch(part, e) { walk(join(base, e), i + 1) }
                }
            } else {
                let p = join(base, part)
                if part == ".." || exists(p) { walk(p, i + 1) }
            }
        }
        walk(absolute ? "/" : "", 0)
        var seen = Set<String>()
        return results.filter { seen.insert($0).inserted }.map { PathUtil.normalize($0) }.sorted()
    }

    static func globMatch(_ pattern: String, _ name: String) -> Bool {
        let p = Array(pattern)
        let n = Array(name)
        var memo: [Int: Bool] = [:]
        func m(_ i: Int, _ j: Int) -> Bool {
            let key = i * (n.count + 1) + j
            if let v = memo[key] { return v }
            var r: Bool
            if i == p.count {
                r = j == n.count
            } else if p[i] == "*" {
                r = m(i + 1, j) || (j < n.count && m(i, j + 1))
            } else if j < n.count && (p[i] == "?" || p[i] == n[j]) {
                r = m(i + 1, j + 1)
            } else {
                r = false
            }
            memo[key] = r
            return r
        }
        return m(0, 0)
    }
}
