import Foundation

/// The development asset list, laid out in slots: one per source file, plus the module
/// runtime, the real-time client, templates.js and the start call. A rebuild after an
/// edit replaces the assets of the slots it changed, in place, and keeps the rest.
///
/// ```swift
/// var list = DevelopmentAssets()
/// list.append(.module(0), [script, map])
/// list.replace(.module(0), with: [newScript, newMap])   // .inPlace
/// ```
struct DevelopmentAssets {
    enum Slot: Hashable {
        case libStyle(Int)
        case stylesheet
        case libScript(Int)
        case runtime
        case realtime
        case templates
        case module(Int)
        case start
    }

    /// What `replace` did.
    enum Replacement: Equatable {
        /// Same names and kinds; only contents may differ.
        case inPlace
        /// Same number of assets, but a name or kind changed (the page lists them).
        case renamed
        /// A different number of assets: nothing was replaced, lay the list out again.
        case resized
    }

    private(set) var assets: [BuiltAsset] = []
    private var ranges: [Slot: Range<Int>] = [:]
    /// The sum of every asset's digest term (position and digest), kept as assets change.
    private var digestSum: UInt64 = 0

    /// Changes when any asset's contents or place does: with the page's digest, the build id.
    var listDigest: ContentDigest { ContentDigest(value: digestSum) }
    /// templates.js in pieces: per view (nil: no template), and the views in id order.
    var templateChunks: [TemplateChunk?] = []
    var templateOrder: [Int] = []

    /// One template's part of templates.js: its `SS.tmpl[id]=` line and its HTML block
    /// entry, as bytes, with their digest.
    struct TemplateChunk {
        var definition: Data
        var block: Data?
        var digest: ContentDigest

        init(definition: String, block: String?) {
            self.definition = Data(definition.utf8)
            self.block = block.map { Data($0.utf8) }
            digest = ContentDigest.combine([ContentDigest(definition), block.map { ContentDigest($0) } ?? Self.noBlock])
        }

        private static let noBlock = ContentDigest("")
    }

    mutating func append(_ slot: Slot, _ list: [BuiltAsset]) {
        ranges[slot] = assets.count..<(assets.count + list.count)
        for (offset, asset) in list.enumerated() {
            digestSum &+= ContentDigest.term(assets.count + offset, asset.digest)
        }
        assets += list
    }

    mutating func replace(_ slot: Slot, with list: [BuiltAsset]) -> Replacement {
        guard let range = ranges[slot], range.count == list.count else { return .resized }
        var outcome = Replacement.inPlace
        for (offset, asset) in list.enumerated() {
            let old = assets[range.lowerBound + offset]
            if old.logicalName != asset.logicalName || old.kind != asset.kind { outcome = .renamed }
            // Unchanged contents keep the old value, so equal assets stay identical.
            if old.digest != asset.digest || outcome == .renamed || old.sources != asset.sources {
                let position = range.lowerBound + offset
                digestSum = digestSum &- ContentDigest.term(position, old.digest)
                    &+ ContentDigest.term(position, asset.digest)
                assets[position] = asset
            }
        }
        return outcome
    }

    /// templates.js from its pieces (empty when no template compiled), and a digest made
    /// from the pieces' digests: a view save copies the other templates' bytes once and
    /// hashes only its own.
    func templatesScript(runtime: String) -> (Data, ContentDigest) {
        var views: [Int] = []
        var size = 0
        for view in templateOrder {
            guard let chunk = templateChunks[view] else { continue }
            views.append(view)
            size += chunk.definition.count + (chunk.block?.count ?? 0)
        }
        guard !views.isEmpty else { return (Data(), ContentDigest(Data())) }
        let head = "(function(){\n" + runtime + "\n"
        var out = Data(capacity: size + head.utf8.count + Self.blocksHead.count + Self.tail.count)
        var digests = [ContentDigest(head)]
        out.append(contentsOf: head.utf8)
        for view in views { if let chunk = templateChunks[view] { out.append(chunk.definition) } }
        out.append(Self.blocksHead)
        for view in views {
            guard let chunk = templateChunks[view] else { continue }
            if let block = chunk.block { out.append(block) }
            digests.append(chunk.digest)
        }
        out.append(Self.tail)
        return (out, ContentDigest.combine(digests))
    }

    private static let blocksHead = Data("var blocks=[".utf8)
    private static let tail = Data(("];if(typeof document!=='undefined'){for(var i=0;i<blocks.length;i++){"
        + "var s=document.createElement('script');s.type='text/html';s.id=blocks[i][0];"
        + "s.text=blocks[i][1];document.head.appendChild(s);}}\n})();\n").utf8)
}
