/// "Did you mean" for misspelt keys and environment names.
enum ConfigSuggestion {
    /// The candidate within edit distance 2 (case-insensitive) of `word`, nearest first,
    /// ties broken alphabetically; nil when none is close.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let target = Array(word.lowercased())
        var best: (distance: Int, name: String)?
        for candidate in candidates.sorted() {
            let distance = editDistance(target, Array(candidate.lowercased()))
            if distance <= 2, distance < (best?.distance ?? Int.max) { best = (distance, candidate) }
        }
        return best?.name
    }

    /// Levenshtein distance; inputs are config keys, so quadratic is fine, but cap the
    /// work for absurd lengths.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.count > 64 || b.count > 64 { return Int.max }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
