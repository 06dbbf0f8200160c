/// The scope tree the parser builds: scopes, the symbols declared in them, and every
/// identifier occurrence (a "reference slot"), resolved to symbols after parsing.
///
/// ```swift
/// var scopes = JSScopes()
/// let fn = scopes.push(.function, parent: 0)
/// ```
public struct JSScopes: Sendable {
    public enum Kind: UInt8, Sendable {
        case global, module, function, block, functionName
    }

    public struct Scope: Sendable {
        public var parent: Int32
        public var kind: Kind
        public var names: [String: Int32] = [:]
        public var children: [Int32] = []
        public var hasDirectEval = false
        public var hasWith = false
        /// A speculative scope (possible arrow parameters) that turned out not to be one.
        public var mergedInto: Int32 = -1
    }

    public struct Symbol: Sendable {
        public var name: String
        public var scope: Int32
        /// Never renamed: top-level, visible to `eval`/`with`, or a block-level function.
        public var pinned = false
        public var uses: Int32 = 0
    }

    public struct Reference: Sendable {
        public var name: String
        public var scope: Int32
        public var symbol: Int32 = -1
        public var insideWith = false
        /// UTF-8 offset of the identifier in the source (for source maps), or -1.
        public var offset: Int32 = -1
    }

    public private(set) var scopes: [Scope] = [Scope(parent: -1, kind: .global)]
    public private(set) var symbols: [Symbol] = []
    public private(set) var references: [Reference] = []
    /// Names that stay as they are everywhere: unresolved globals and pinned symbols.
    public private(set) var reservedNames: Set<String> = []

    public init() {}

    /// Reserves room for a source of `bytes` UTF-8 bytes: growing these arrays step by step
    /// frees large blocks, and each such free makes malloc consolidate all small free blocks.
    mutating func reserveCapacity(sourceBytes bytes: Int) {
        references.reserveCapacity(bytes / 8)
        symbols.reserveCapacity(bytes / 48)
        scopes.reserveCapacity(bytes / 256)
    }

    mutating func push(_ kind: Kind, parent: Int32) -> Int32 {
        let index = Int32(scopes.count)
        scopes.append(Scope(parent: parent, kind: kind))
        scopes[Int(parent)].children.append(index)
        return index
    }

    mutating func setKind(_ kind: Kind, of scope: Int32) { scopes[Int(scope)].kind = kind }

    /// Folds a speculative scope into its parent (it held no declarations).
    mutating func merge(_ scope: Int32) {
        let parent = scopes[Int(scope)].parent
        scopes[Int(scope)].mergedInto = parent
        scopes[Int(parent)].children.removeAll { $0 == scope }
        for child in scopes[Int(scope)].children {
            scopes[Int(child)].parent = parent
            scopes[Int(parent)].children.append(child)
        }
        scopes[Int(scope)].children = []
        for (name, symbol) in scopes[Int(scope)].names where scopes[Int(parent)].names[name] == nil {
            scopes[Int(parent)].names[name] = symbol
            symbols[Int(symbol)].scope = parent
        }
    }

    func live(_ scope: Int32) -> Int32 {
        var s = scope
        while s >= 0, scopes[Int(s)].mergedInto >= 0 { s = scopes[Int(s)].mergedInto }
        return s
    }

    mutating func newReference(_ name: String, scope: Int32, insideWith: Bool, offset: Int = -1) -> Int32 {
        references.append(Reference(name: name, scope: scope, insideWith: insideWith,
                                    offset: Int32(truncatingIfNeeded: offset)))
        return Int32(references.count - 1)
    }

    /// Binds reference `slot` as a declaration of `name` in `scope` (reusing an existing symbol).
    mutating func declare(_ name: String, slot: Int32, in scope: Int32, pinned: Bool = false) {
        let target = live(scope)
        // One hash lookup: the defaulted subscript inserts the next symbol number when the
        // name is new in this scope.
        // A scope that declares anything usually declares several: start with room for a
        // few (growing one by one rehashed the table at 1, 3 and 6 names).
        if scopes[Int(target)].names.isEmpty { scopes[Int(target)].names.reserveCapacity(8) }
        let fresh = Int32(symbols.count)
        let symbol = JSScopes.value(of: &scopes[Int(target)].names[name, default: fresh])
        if symbol == fresh { symbols.append(Symbol(name: name, scope: target)) }
        if pinned { symbols[Int(symbol)].pinned = true }
        if slot >= 0 { references[Int(slot)].symbol = symbol }
    }

    private static func value(of slot: inout Int32) -> Int32 { slot }

    mutating func markDirectEval(in scope: Int32) { scopes[Int(live(scope))].hasDirectEval = true }
    mutating func markWith(in scope: Int32) { scopes[Int(live(scope))].hasWith = true }

    /// Resolves every reference to the nearest enclosing declaration and decides which
    /// symbols must keep their names.
    mutating func resolve(pinnedNames: Set<String>) {
        // Buffer pointers: the loop runs once per identifier, and element access through the
        // arrays would retain and release each scope's dictionary.
        var unresolved: [String] = []
        scopes.withUnsafeBufferPointer { scopes in
            symbols.withUnsafeMutableBufferPointer { symbols in
                references.withUnsafeMutableBufferPointer { references in
                    for index in references.indices {
                        if references[index].symbol < 0 {
                            var scope = references[index].scope
                            while scope >= 0, scopes[Int(scope)].mergedInto >= 0 { scope = scopes[Int(scope)].mergedInto }
                            while scope >= 0 {
                                // Most block scopes declare nothing: skip them without hashing the name.
                                if !scopes[Int(scope)].names.isEmpty,
                                    let symbol = scopes[Int(scope)].names[references[index].name]
                                {
                                    references[index].symbol = symbol
                                    break
                                }
                                scope = scopes[Int(scope)].parent
                            }
                            if references[index].symbol < 0 { unresolved.append(references[index].name) }
                        }
                        let symbol = Int(references[index].symbol)
                        if symbol >= 0 {
                            symbols[symbol].uses += 1
                            if references[index].insideWith { symbols[symbol].pinned = true }
                        }
                    }
                }
            }
        }
        reservedNames.formUnion(unresolved)
        for index in scopes.indices where scopes[index].mergedInto < 0 {
            let scope = scopes[index]
            if scope.kind == .global || scope.kind == .module {
                for symbol in scope.names.values { symbols[Int(symbol)].pinned = true }
            }
            if scope.hasDirectEval || scope.hasWith {
                var s = Int32(index)
                while s >= 0 {
                    for symbol in scopes[Int(s)].names.values { symbols[Int(symbol)].pinned = true }
                    s = scopes[Int(s)].parent
                }
            }
        }
        for index in symbols.indices where pinnedNames.contains(symbols[index].name) {
            symbols[index].pinned = true
        }
        for symbol in symbols where symbol.pinned { reservedNames.insert(symbol.name) }
    }
}
