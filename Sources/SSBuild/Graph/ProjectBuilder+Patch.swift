import Foundation
import SSCompilers

extension ProjectBuilder {
    /// A development build after an edit of `dirty` paths, made by patching the last one:
    /// the jobs that read a dirty path run again (through the cache), and only their
    /// slots, assets and contract warnings are replaced. The page is rendered again only
    /// when an asset's name or kind changed or the page read a dirty path. Costs per
    /// build that grow with the app (lists copied, digests combined) stay a few
    /// microseconds per thousand files.
    func patchBuild(_ memory: inout BuildMemory, dirty: Set<String>) -> BuildResult {
        let stale = memory.jobs(reading: dirty)
        let serverEdited = memory.options.rpcContract != .off
            && memory.sources.serverFiles.contains { dirty.contains($0.path) }
        let pageEdited = memory.page.map { !$0.reads.isDisjoint(with: dirty) } ?? false
        if stale.isEmpty && !serverEdited && !pageEdited { return memory.result }

        let sources = memory.sources
        let options = memory.options
        let jobs = memory.jobs
        let redone = parallelMap(stale.count) { run(jobs[stale[$0]], sources, options) }
        for (offset, job) in stale.enumerated() {
            memory.nodes.apply(jobs[job], at: job, redone[offset])
            memory.setReads(redone[offset].reads, of: job)
        }

        patchContract(&memory, redone: stale, serverEdited: serverEdited)
        let layoutChanged = patchAssets(&memory, redone: stale)
        if layoutChanged || pageEdited { memory.page = nil }

        var diagnostics = memory.discoveryDiagnostics + memory.nodes.diagnostics
        for list in memory.contract where !list.isEmpty { diagnostics += list }
        var page: RenderedPage?
        if !diagnostics.containsErrors {
            let rendered = memory.page
                ?? renderDevelopmentPage(sources, memory.assets.assets, options: options, assetURLs: nil)
            memory.page = rendered
            diagnostics += rendered.diagnostics
            page = rendered
        }
        memory.result = BuildResult(
            assets: memory.assets.assets, page: page?.html, templates: memory.nodes.templates,
            apiTree: sources.apiTree, diagnostics: diagnostics,
            dependencies: [memory.allPaths] + memory.nodes.dependencies, pageDigest: page?.digest,
            assetsDigest: memory.assets.listDigest)
        return memory.result
    }

    /// Checks the redone client modules again, or every one when a server file changed.
    private func patchContract(_ memory: inout BuildMemory, redone: [Int], serverEdited: Bool) {
        guard memory.options.rpcContract != .off else { return }
        if serverEdited {
            (memory.serverActions, memory.actionsKey) = serverActions(memory.sources, options: memory.options)
        }
        let modules: [Int] = serverEdited ? Array(memory.sources.modules.indices) : redone.compactMap { job in
            if case .module(let index) = memory.jobs[job] { return index }
            return nil
        }
        for index in modules {
            memory.contract[index] = contractDiagnostics(
                module: index, memory.sources, memory.nodes, actions: memory.serverActions,
                actionsKey: memory.actionsKey, options: memory.options)
        }
    }

    /// Replaces the assets of the redone jobs; true when the list's names or kinds changed
    /// (the page lists them).
    private func patchAssets(_ memory: inout BuildMemory, redone: [Int]) -> Bool {
        var slots: [DevelopmentAssets.Slot] = []
        var templatesChanged = false
        for job in redone {
            switch memory.jobs[job] {
            case .module(let index): slots.append(.module(index))
            case .libScript(let index): slots.append(.libScript(index))
            case .libStyle(let index): slots.append(.libStyle(index))
            case .stylesheet: slots.append(.stylesheet)
            case .template(let index):
                memory.assets.templateChunks[index] = memory.nodes.templateSlots[index].map(Self.templateChunk)
                templatesChanged = true
            }
        }
        if templatesChanged { slots.append(.templates) }
        var layoutChanged = false
        for slot in slots {
            let fresh = developmentAssets(slot, memory.sources, memory.nodes, options: memory.options,
                                          templates: memory.assets)
            switch memory.assets.replace(slot, with: fresh) {
            case .inPlace: break
            case .renamed: layoutChanged = true
            case .resized:
                // A slot gained or lost an asset (a module's map): lay the whole list out again.
                memory.assets = developmentAssets(memory.sources, memory.nodes, options: memory.options)
                return true
            }
        }
        return layoutChanged
    }
}
