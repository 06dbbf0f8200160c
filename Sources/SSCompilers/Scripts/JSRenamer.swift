/// Gives local bindings short names, after esbuild's minify renamer: symbols get "slots"
/// by nesting (sibling scopes reuse slots, a scope never reuses a slot of an enclosing
/// one), slots are ordered by how often their symbols are used, and the most used slot
/// gets the shortest name. Pinned symbols and unresolved (global) names are never
/// renamed, and no new name equals one of them.
///
/// ```swift
/// let names = JSRenamer.names(for: parser.scopes)   // new name per reference slot
/// ```
enum JSRenamer {
    static let keywords: Set<String> = [
        "do", "if", "in", "of", "as", "for", "let", "new", "try", "var", "case", "else", "enum", "eval", "null",
        "this", "true", "void", "with", "await", "break", "catch", "class", "const", "false", "super", "throw",
        "while", "yield", "delete", "export", "import", "public", "return", "static", "switch", "typeof",
        "default", "extends", "finally", "package", "private", "continue", "debugger", "function", "arguments",
        "interface", "protected", "implements", "instanceof", "undefined", "NaN", "Infinity", "async", "get",
        "set", "from",
    ]
    static let firstCharacters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$")
    static let otherCharacters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$0123456789")

    /// The `index`-th name of the sequence a, b, ..., $, aa, ba, ... over the given alphabets.
    static func name(_ index: Int, first: [Character] = firstCharacters, other: [Character] = otherCharacters)
        -> String
    {
        var i = index
        var result = String(first[i % first.count])
        i /= first.count
        while i > 0 {
            i -= 1
            result.append(other[i % other.count])
            i /= other.count
        }
        return result
    }

    /// Orders an alphabet by how often each character occurs in the output (after esbuild):
    /// names made of common characters compress better with gzip.
    static func byFrequency(_ alphabet: [Character], _ frequency: [Int]) -> [Character] {
        alphabet.enumerated().sorted { a, b in
            let fa = frequency[Int(a.element.asciiValue ?? 0)]
            let fb = frequency[Int(b.element.asciiValue ?? 0)]
            return fa != fb ? fa > fb : a.offset < b.offset
        }.map(\.element)
    }

    /// Character counts of the source, minus the names that will be replaced.
    static func characterFrequency(_ source: [UInt8], _ scopes: JSScopes, renamed: (Int) -> Bool) -> [Int] {
        var frequency = [Int](repeating: 0, count: 128)
        // One pass over the whole source through raw pointers (no bounds or uniqueness
        // checks per byte), into four tables in turn so that runs of one byte value do not
        // wait on each other's increments; then sum the ASCII half.
        var counts = [Int](repeating: 0, count: 4 * 256)
        counts.withUnsafeMutableBufferPointer { counts in
            source.withUnsafeBufferPointer { bytes in
                var index = 0
                while index + 4 <= bytes.count {
                    counts[Int(bytes[index])] &+= 1
                    counts[256 + Int(bytes[index + 1])] &+= 1
                    counts[512 + Int(bytes[index + 2])] &+= 1
                    counts[768 + Int(bytes[index + 3])] &+= 1
                    index += 4
                }
                while index < bytes.count {
                    counts[Int(bytes[index])] &+= 1
                    index += 1
                }
            }
        }
        for index in 0..<128 {
            frequency[index] = counts[index] + counts[256 + index] + counts[512 + index] + counts[768 + index]
        }
        for (index, symbol) in scopes.symbols.enumerated() where renamed(index) {
            for b in symbol.name.utf8 where b < 128 { frequency[Int(b)] -= Int(symbol.uses) }
        }
        return frequency
    }

    /// New names by reference slot.
    static func names(for scopes: JSScopes, skipping dropped: Set<Int32> = [], source: [UInt8] = []) -> [String] {
        rename(scopes, skipping: dropped, source: source).names
    }

    /// New names by reference slot, and the alphabet they were made from (labels take theirs
    /// from it too).
    static func rename(_ scopes: JSScopes, skipping dropped: Set<Int32> = [], source: [UInt8] = [])
        -> (names: [String], alphabet: JSNameAlphabet)
    {
        let symbols = scopes.symbols
        var symbolSlot = [Int](repeating: -1, count: symbols.count)
        var slotCounts: [Int] = []
        // Iterative depth-first walk: (scope, first free slot).
        var stack: [(Int32, Int)] = [(0, 0)]
        var progress = 0
        let scopeList = scopes.scopes
        while let (scope, start) = stack.popLast(), progress < scopeList.count * 2 + 1 {
            progress += 1
            var next = start
            // Most block scopes declare nothing: no sorted copy of their (empty) table.
            if !scopeList[Int(scope)].names.isEmpty {
                for symbol in scopeList[Int(scope)].names.values.sorted()
                where !symbols[Int(symbol)].pinned && symbolSlot[Int(symbol)] < 0 && !dropped.contains(symbol) {
                    symbolSlot[Int(symbol)] = next
                    if next == slotCounts.count { slotCounts.append(0) }
                    slotCounts[next] += Int(symbols[Int(symbol)].uses)
                    next += 1
                }
            }
            for child in scopeList[Int(scope)].children.reversed() { stack.append((child, next)) }
        }
        let order = slotCounts.indices.sorted { slotCounts[$0] != slotCounts[$1] ? slotCounts[$0] > slotCounts[$1] : $0 < $1 }
        var slotNames = [String](repeating: "", count: slotCounts.count)
        var generated = 0
        var first = firstCharacters
        var other = otherCharacters
        if !source.isEmpty {
            // Comments stay in the count: leaving them out (as esbuild does) made gzip worse on
            // four of the six libraries of the benchmark, lodash by 24 bytes.
            let frequency = characterFrequency(source, scopes) { symbolSlot[$0] >= 0 }
            first = byFrequency(first, frequency)
            other = byFrequency(other, frequency)
        }
        for slot in order {
            var candidate = name(generated, first: first, other: other)
            generated += 1
            while keywords.contains(candidate) || scopes.reservedNames.contains(candidate) {
                candidate = name(generated, first: first, other: other)
                generated += 1
            }
            slotNames[slot] = candidate
        }
        let names = scopes.references.map { reference in
            guard reference.symbol >= 0 else { return reference.name }
            let slot = symbolSlot[Int(reference.symbol)]
            return slot >= 0 ? slotNames[slot] : reference.name
        }
        return (names, JSNameAlphabet(first: first, other: other))
    }
}

/// The characters short names are made of, most frequent first.
///
/// ```swift
/// let alphabet = JSNameAlphabet(first: JSRenamer.firstCharacters, other: JSRenamer.otherCharacters)
/// alphabet.labelName(0)   // "a"
/// ```
struct JSNameAlphabet: Sendable {
    var first: [Character]
    var other: [Character]

    /// The name of a label nested inside `depth` others. Labels are a namespace of their own
    /// (no clash with variables or globals), and a label only needs to differ from the labels
    /// around it: nesting depth is enough, and sibling statements reuse the short names.
    func labelName(_ depth: Int) -> String {
        var index = 0
        var found = -1
        var name = ""
        // Keywords are a few dozen names: the loop ends within depth + 60 steps.
        while found < depth, index <= depth + 100 {
            name = JSRenamer.name(index, first: first, other: other)
            index += 1
            if !JSRenamer.keywords.contains(name) { found += 1 }
        }
        return name
    }
}
