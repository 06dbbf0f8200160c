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
    /// templates.js in pieces: per view (nil: no template), and the views in id order.
    var templateChunks: [TemplateChunk?] = []
    var templateOrder: [Int] = []

    /// One template's part of templates.js: its `SS.tmpl[id]=` line and its HTML block entry.
    struct TemplateChunk {
        var definition: String
        var block: String?
    }

    mutating func append(_ slot: Slot, _ list: [BuiltAsset]) {
        ranges[slot] = assets.count..<(assets.count + list.count)
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
                assets[range.lowerBound + offset] = asset
            }
        }
        return outcome
    }

    /// templates.js from its pieces; empty when no template compiled.
    func templatesScript(runtime: String) -> String {
        var definitions: [Int] = []
        for view in templateOrder where templateChunks[view] != nil { definitions.append(view) }
        guard !definitions.isEmpty else { return "" }
        var out = "(function(){\n" + runtime + "\n"
        for view in definitions { out += templateChunks[view]?.definition ?? "" }
        out += "var blocks=["
        for view in definitions { out += templateChunks[view]?.block ?? "" }
        out += "];if(typeof document!=='undefined'){for(var i=0;i<blocks.length;i++){"
            + "var s=document.createElement('script');s.type='text/html';s.id=blocks[i][0];"
            + "s.text=blocks[i][1];document.head.appendChild(s);}}\n"
        return out + "})();\n"
    }
}
