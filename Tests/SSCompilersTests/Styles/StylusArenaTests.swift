import Testing

@testable import SSCompilers

@Suite struct StylusArenaTests {
    /// Blocks point at their parents and owners (cycles); the arena breaks them so a
    /// long-running watcher does not leak one AST per recompile.
    @Test func teardownFreesCyclicBlocks() {
        weak var weakChild: StyBlock?
        weak var weakGroup: StyGroup?
        do {
            let arena = StyArena()
            let root = StyRoot()
            arena.register(root)
            let group = StyGroup()
            group.push(StySelector([StyLiteral("a")]))
            let child = StyBlock(root, group)
            group.block = child
            root.push(group)
            weakChild = child
            weakGroup = group
            #expect(arena.blocks.count == 2)
            arena.teardown()
        }
        #expect(weakChild == nil)
        #expect(weakGroup == nil)
    }
}
