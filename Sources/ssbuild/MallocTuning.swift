import Foundation

/// Malloc settings for the commands that compile (`compile`, `build`, `release`, `watch`).
///
/// glibc grows a secondary thread's malloc heap only as far as each allocation needs, one
/// `mprotect` per step: a big Stylus compile (its threads are all secondary) made over
/// 4,000 of them, each taking the memory-map lock that page faults in other threads wait
/// for. Growing by 16 MiB at a time ends that (large fixture: compile CPU 111 -> 98 ms).
/// Heaps may then keep up to 16 MiB free each. `watch` uses it too, on purpose: the tree a
/// Stylus compile frees while the next save compiles made both fight over heap growth and
/// shrinking; with the pad a .styl partial save's p50 went from ~12 ms to 7.5-9.4 ms, at
/// the cost of a higher peak RSS (227-379 MiB against 225-242 MiB, large fixture).
/// `serve` leaves it alone.
enum MallocTuning {
    static func growHeapsInLargeSteps() {
        #if os(Linux)
            // M_TOP_PAD is -2 in glibc's <malloc.h>.
            _ = mallopt?(-2, 16 << 20)
        #endif
    }

    #if os(Linux)
        /// glibc's `mallopt`, looked up by name: it is not in the Glibc module (no <malloc.h>).
        static var mallopt: (@convention(c) (Int32, Int32) -> Int32)? {
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return nil }
            return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        }
    #endif
}
