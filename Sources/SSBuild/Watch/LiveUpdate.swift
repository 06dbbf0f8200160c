import Foundation
import SSCompilers

/// What the browser must do after a rebuild, decided by comparing the new build with
/// the last one it saw: swap stylesheets in place when only CSS changed, reload for
/// anything else, show the overlay when the build failed, clear it when it recovers.
public enum LiveUpdate: Equatable, Sendable {
    case none
    /// Only these stylesheet assets changed (logical names): swap them, keep page state.
    case css([String])
    case reload
    /// The build failed; the server keeps serving the last good build.
    case errors([Diagnostic])

    /// `previous` is the last good build the browser has; `hadErrors` says whether the
    /// overlay is showing (then recovery must reload, since the page may be stale).
    public static func decide(previous: BuildResult?, current: BuildResult, hadErrors: Bool) -> LiveUpdate {
        if current.hasErrors { return .errors(current.diagnostics.filter { $0.severity == .error }) }
        guard let previous, !hadErrors else { return .reload }
        if previous.page != current.page { return .reload }
        // Usual case: the same assets in the same order; compare pairwise by index (no
        // copies of thousands of assets, no dictionaries).
        let (old, new) = (previous.assets, current.assets)
        if old.count == new.count, old.indices.allSatisfy({ old[$0].logicalName == new[$0].logicalName }) {
            var changed: [String] = []
            for index in new.indices where old[index].digest != new[index].digest {
                if new[index].kind != .stylesheet { return .reload }
                changed.append(new[index].logicalName)
            }
            return changed.isEmpty ? .none : .css(changed)
        }
        let before = Dictionary(previous.assets.map { ($0.logicalName, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(current.assets.map { ($0.logicalName, $0) }, uniquingKeysWith: { a, _ in a })
        if Set(before.keys) != Set(after.keys) { return .reload }
        var changed: [String] = []
        for asset in current.assets where before[asset.logicalName]?.digest != asset.digest {
            if asset.kind != .stylesheet { return .reload }
            changed.append(asset.logicalName)
        }
        return changed.isEmpty ? .none : .css(changed)
    }
}
