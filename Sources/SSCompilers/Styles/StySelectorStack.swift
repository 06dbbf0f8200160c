/// The selector groups enclosing the rule that the normaliser or printer is at, with the
/// full selectors of each level kept: a nested rule's selectors are then its parent's,
/// each extended by the rule's own, instead of the whole chain being resolved again for
/// every rule (`StySelectorCompiler.compile`, still used wherever a level has anything but
/// plain and `&suffix` selectors, or a selector added by `@extend`).
///
/// A level's list equals `compile` of the stack up to it: `compile` resolves a chain of
/// plain and `&suffix` steps by appending (`StySelectorCompiler.resolve`), trims only the
/// ends, and removes duplicates keeping the first, so extending the deduplicated parent
/// list gives the same strings in the same order. Levels that resolve to an empty
/// selector, or have an empty step, are left to `compile` (it drops empties only at the
/// outermost level, and an empty step leaves a space inside the chain).
struct StySelectorStack {
    private enum Level {
        case unknown
        case unavailable
        case known([String])
    }

    /// Each level's selectors as pushed (a copy: `@extend` adds to groups later).
    private(set) var groups: [[StySelector]] = []
    private var levels: [Level] = []
    let leaveHidden: Bool

    init(leaveHidden: Bool) { self.leaveHidden = leaveHidden }

    mutating func push(_ selectors: [StySelector]) {
        groups.append(selectors)
        levels.append(.unknown)
    }

    mutating func pop() {
        groups.removeLast()
        levels.removeLast()
    }

    /// `StySelectorCompiler.compile(groups, leaveHidden:, indent:)`.
    mutating func selectors(indent: String) -> [String] {
        if case .known(let list) = level(groups.count - 1) {
            return indent.isEmpty ? list : list.map { indent + $0 }
        }
        return StySelectorCompiler.compile(groups, leaveHidden: leaveHidden, indent: indent)
    }

    private mutating func level(_ i: Int) -> Level {
        guard i >= 0, i < levels.count else { return .unavailable }
        if case .unknown = levels[i] { levels[i] = compute(i) }
        return levels[i]
    }

    private mutating func compute(_ i: Int) -> Level {
        var out: [String] = []
        if i == 0 {
            out.reserveCapacity(groups[0].count)
            for s in groups[0] where leaveHidden || !s.isPlaceholder {
                let r = StySelectorCompiler.resolve(s, [])
                if r.isEmpty { return .unavailable }
                out.append(r)
            }
            return .known(StySelectorStack.unique(out))
        }
        guard case .known(let parents) = level(i - 1) else { return .unavailable }
        out.reserveCapacity(parents.count * groups[i].count)
        for s in groups[i] where leaveHidden || !s.isPlaceholder {
            guard s.inherits else { return .unavailable }
            let own = s.val ?? ""
            if StySelectorParser.isPlain(own) {
                // `compile` keeps the space before an empty step (a later `&suffix` shows it).
                let trimmed = StyText.trimEnd(own)
                if trimmed.isEmpty { return .unavailable }
                for p in parents {
                    let r = StyText.trim(StySelectorStack.join(p, " ", Substring(trimmed).utf8))
                    if r.isEmpty { return .unavailable }
                    out.append(r)
                }
            } else if StySelectorParser.isParentSuffix(own) {
                let suffix = own.utf8.dropFirst()
                for p in parents {
                    let r = StyText.trim(StySelectorStack.join(p, "", suffix))
                    if r.isEmpty { return .unavailable }
                    out.append(r)
                }
            } else {
                return .unavailable
            }
        }
        return .known(StySelectorStack.unique(out))
    }

    /// `a + separator + b`, made in one allocation (`b`: the bytes of a string).
    private static func join(_ a: String, _ separator: StaticString, _ b: Substring.UTF8View) -> String {
        let n = a.utf8.count + separator.utf8CodeUnitCount + b.count
        return String(unsafeUninitializedCapacity: n) { buffer in
            var i = copy(a.utf8, into: buffer, at: 0)
            for k in 0..<separator.utf8CodeUnitCount {
                buffer[i] = separator.utf8Start[k]
                i += 1
            }
            return copy(b, into: buffer, at: i)
        }
    }

    /// Copies `bytes` into `buffer` from `at` on (in one move for contiguous bytes);
    /// returns the offset after them.
    private static func copy(
        _ bytes: some Collection<UInt8>, into buffer: UnsafeMutableBufferPointer<UInt8>, at: Int
    ) -> Int {
        let copied: Int? = bytes.withContiguousStorageIfAvailable { source in
            guard let from = source.baseAddress, let to = buffer.baseAddress, !source.isEmpty else { return 0 }
            (to + at).update(from: from, count: source.count)
            return source.count
        }
        if let copied { return at + copied }
        var i = at
        for c in bytes {
            buffer[i] = c
            i += 1
        }
        return i
    }

    /// `list` without repeats, keeping the first of each. Selector lists are short and
    /// seldom repeat: they are checked pairwise, and only a list with a repeat is copied.
    static func unique(_ list: [String]) -> [String] {
        if list.count < 2 { return list }
        guard list.count <= 16 else {
            var seen = Set<String>()
            return list.filter { seen.insert($0).inserted }
        }
        var repeats = false
        search: for i in 1..<list.count {
            for j in 0..<i where list[j] == list[i] {
                repeats = true
                break search
            }
        }
        if !repeats { return list }
        var out: [String] = []
        out.reserveCapacity(list.count)
        for s in list where !out.contains(s) { out.append(s) }
        return out
    }
}
