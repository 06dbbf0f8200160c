import Foundation

/// Malloc settings for the one-shot commands (`compile`, `build`, `release`).
///
/// glibc grows a secondary thread's malloc heap only as far as each allocation needs, one
/// `mprotect` per step: a big Stylus compile (its threads are all secondary) made over
/// 4,000 of them, each taking the memory-map lock that page faults in other threads wait
/// for. Growing by 16 MiB at a time ends that (large fixture: compile CPU 111 -> 98 ms).
/// Heaps may then keep up to 16 MiB free each, so the long-running `watch` and `serve`
/// leave it alone (it raised watch's peak RSS by about 100 MiB).
enum MallocTuning {
    static func forBatchWork() {
        #if os(Linux)
            // `mallopt` is not in the Glibc module (no <malloc.h>); M_TOP_PAD is -2 there.
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
            _ = unsafeBitCast(symbol, to: Mallopt.self)(-2, 16 << 20)
        #endif
    }
}
