import CJavaScriptCore
import Foundation

/// `JSContextGroupSetExecutionTimeLimit` lives in JavaScriptCore's private header
/// (`JSContextRefPrivate.h`), which Debian does not install, but the library exports the
/// symbol. We look it up at run time so a build against a library without it still
/// links, and report `isAvailable == false` instead of failing.
enum ExecutionLimit {
    private typealias ShouldTerminate = @convention(c) (JSContextRef?, UnsafeMutableRawPointer?) -> Bool
    private typealias SetLimit = @convention(c) (JSContextGroupRef?, Double, ShouldTerminate?, UnsafeMutableRawPointer?) -> Void

    private static let setLimit: SetLimit? = {
        guard let symbol = ssjs_symbol("JSContextGroupSetExecutionTimeLimit") else { return nil }
        return unsafeBitCast(symbol, to: SetLimit.self)
    }()

    static var isAvailable: Bool { setLimit != nil }

    /// With a nil callback the engine terminates the script once `seconds` of CPU time pass.
    static func set(group: JSContextGroupRef, seconds: Double) {
        setLimit?(group, seconds, nil, nil)
    }
}
