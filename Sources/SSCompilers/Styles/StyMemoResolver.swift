import Foundation

/// The evaluator's resolver while a `StylusEvaluationCache` is in use: forwards to the
/// compile's resolver and, while a statement is being recorded, logs every question and
/// a digest of its answer, so a later compile can check that the answers are unchanged.
final class StyMemoResolver: SourceResolver, @unchecked Sendable {
    let base: any SourceResolver
    @exclusivity(unchecked) var log: [StyResolverQuery]?

    init(_ base: any SourceResolver) { self.base = base }

    /// A digest of an answer; 0 for none.
    static func digest<T: Hashable>(_ answer: T?) -> Int {
        guard let answer else { return 0 }
        var h = Hasher()
        h.combine(1 as UInt8)
        h.combine(answer)
        return h.finalize()
    }

    func readText(_ path: String) -> String? {
        let text = base.readText(path)
        log?.append(StyResolverQuery(kind: .text, path: path, answer: StyMemoResolver.digest(text)))
        return text
    }

    func readData(_ path: String) -> Data? {
        let data = base.readData(path)
        log?.append(StyResolverQuery(kind: .data, path: path, answer: StyMemoResolver.digest(data)))
        return data
    }

    func fileExists(_ path: String) -> Bool {
        let answer = base.fileExists(path)
        log?.append(StyResolverQuery(kind: .file, path: path, answer: answer ? 1 : 0))
        return answer
    }

    func directoryExists(_ path: String) -> Bool {
        let answer = base.directoryExists(path)
        log?.append(StyResolverQuery(kind: .directory, path: path, answer: answer ? 1 : 0))
        return answer
    }

    func contentsOfDirectory(_ path: String) -> [String]? {
        let list = base.contentsOfDirectory(path)
        log?.append(StyResolverQuery(kind: .listing, path: path, answer: StyMemoResolver.digest(list)))
        return list
    }

    /// Asks `queries` again (through the base resolver, so dependencies are recorded) and
    /// says whether every answer is the same; `texts` receives the texts read.
    func replay(_ queries: [StyResolverQuery], texts: inout [String: String]) -> Bool {
        for q in queries {
            let answer: Int
            switch q.kind {
            case .text:
                let text = base.readText(q.path)
                if let text { texts[q.path] = text }
                answer = StyMemoResolver.digest(text)
            case .data: answer = StyMemoResolver.digest(base.readData(q.path))
            case .file: answer = base.fileExists(q.path) ? 1 : 0
            case .directory: answer = base.directoryExists(q.path) ? 1 : 0
            case .listing: answer = StyMemoResolver.digest(base.contentsOfDirectory(q.path))
            }
            if answer != q.answer { return false }
        }
        return true
    }
}
