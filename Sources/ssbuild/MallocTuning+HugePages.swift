import Foundation

#if os(Linux)
    import Glibc
#endif

/// Transparent huge pages for the malloc heaps of a one-shot `compile`: what glibc's own
/// `GLIBC_TUNABLES=glibc.malloc.hugetlb=1` does, without the environment variable.
///
/// A fresh 4 KiB page costs about 1.3 µs to fault in on the machines we measure (zeroing,
/// memory-cgroup accounting), and the large Stylus fixture faults in ~4,100 of them; with
/// the heaps in 2 MiB pages it is ~600 faults. Linux puts a heap in huge pages only where
/// it has been advised to (`MADV_HUGEPAGE`, the "madvise" setting of Debian's default), so:
/// - the main heap is grown once by a large block, which is advised and freed again (a
///   trim threshold above its size keeps it; the mmap threshold above it keeps it off mmap);
/// - the compile's threads get glibc's secondary heaps (one per thread, reserved 64 MiB at
///   a time and aligned to that size); threads started here create them, advise each
///   whole reservation, and exit, and glibc gives a later thread a heap whose thread has
///   exited before it makes a new one. Each heap's first 2 MiB is left unused (its header
///   page is in 4 KiB pages already, which rules out a huge page there).
/// The advice changes no behaviour, only page size, so a different glibc layout costs at
/// worst the old speed. Only `compile` uses it, and only for a compile that looks large
/// (`CompileCommand.isLargeCompile`): a long-running `watch`'s heaps would hold more memory
/// in 2 MiB pages, and a tiny compile would pay the first 2 MiB pages' zeroing for nothing.
/// `SSBUILD_HUGE_PAGES=0` switches it off. docs/decisions.md has the figures.
extension MallocTuning {
    /// Heaps a compile uses at most at once: the Stylus compile, import and print threads.
    static let compileThreadHeaps = 3

    static func useHugePagesForHeaps(mainHeapBytes: Int = 24 << 20, threadHeaps: Int = compileThreadHeaps) {
        #if os(Linux)
            guard !switchedOff, hugePagesAreAdvisable, let mallopt = mallopt else { return }
            // M_TRIM_THRESHOLD (-1), M_MMAP_THRESHOLD (-3): glibc's <malloc.h> numbering.
            // glibc refuses an mmap threshold above 32 MiB (half a secondary heap).
            _ = mallopt(-1, Int32(clamping: 4 * mainHeapBytes))
            guard mallopt(-3, 32 << 20) == 1 else { return }
            if let block = malloc(mainHeapBytes) {
                // Past the chunk header glibc has written to (that page is faulted in already).
                advise(UnsafeMutableRawPointer(block) + 4096, mainHeapBytes - 8192)
                free(block)
            }
            prepareThreadHeaps(threadHeaps)
        #endif
    }

    #if os(Linux)
        static let hugePageBytes = 2 << 20
        /// glibc's HEAP_MAX_SIZE on 64-bit systems: a secondary heap is reserved at this
        /// size and alignment, so any address in it names the whole reservation.
        static let threadHeapBytes = 64 << 20

        /// `SSBUILD_HUGE_PAGES=0` in the environment keeps 4 KiB pages (for comparisons).
        static var switchedOff: Bool { ProcessInfo.processInfo.environment["SSBUILD_HUGE_PAGES"] == "0" }

        /// False when the kernel has transparent huge pages switched off (or lacks them).
        static var hugePagesAreAdvisable: Bool {
            guard let mode = try? String(contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8)
            else { return false }
            return !mode.contains("[never]")
        }

        /// MADV_HUGEPAGE for the whole 2 MiB pages inside `[start, start + count)`.
        static func advise(_ start: UnsafeMutableRawPointer, _ count: Int) {
            let mask = UInt(hugePageBytes - 1)
            let from = (UInt(bitPattern: start) + mask) & ~mask
            let to = (UInt(bitPattern: start) + UInt(max(count, 0))) & ~mask
            guard to > from, let base = UnsafeMutableRawPointer(bitPattern: from) else { return }
            _ = madvise(base, Int(to - from), 14)  // MADV_HUGEPAGE
        }

        /// Creates `count` secondary heaps at once (each thread waits until all have made
        /// theirs, or one would take over the heap of another that had exited), advises
        /// them, and leaves them for reuse.
        static func prepareThreadHeaps(_ count: Int) {
            let rendezvous = HeapRendezvous()
            let argument = Unmanaged.passRetained(rendezvous)
            defer { argument.release() }
            var threads: [pthread_t] = []
            for _ in 0..<count {
                var thread = pthread_t()
                guard pthread_create(&thread, nil, prepareOneThreadHeap, argument.toOpaque()) == 0 else { break }
                threads.append(thread)
            }
            for _ in threads { rendezvous.ready.wait() }
            for _ in threads { rendezvous.release.signal() }
            for thread in threads { pthread_join(thread, nil) }
        }
    #endif
}

#if os(Linux)
    /// The two hand-overs between `prepareThreadHeaps` and its threads.
    private final class HeapRendezvous: @unchecked Sendable {
        let ready = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private var kept: [UnsafeMutableRawPointer] = []
        private var lastEscaped: UnsafeMutableRawPointer?

        func keep(_ block: UnsafeMutableRawPointer?) {
            guard let block else { return }
            lock.withLock { kept.append(block) }
        }

        /// `block`, after storing it where other threads could read it: a malloc whose
        /// block is only freed again may otherwise be elided as unused.
        func escaping(_ block: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
            lock.withLock { lastEscaped = block }
            return block
        }
    }

    /// One thread of `prepareThreadHeaps`: its first allocation creates its heap.
    private func prepareOneThreadHeap(_ argument: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
        guard let argument else { return nil }
        let rendezvous = Unmanaged<HeapRendezvous>.fromOpaque(argument).takeUnretainedValue()
        if let probe = malloc(64) {
            let mask = UInt(MallocTuning.threadHeapBytes - 1)
            let heap = UInt(bitPattern: probe) & ~mask
            if let start = UnsafeMutableRawPointer(bitPattern: heap) {
                MallocTuning.advise(start, MallocTuning.threadHeapBytes)
            }
            // The heap's header page is in already, so its first 2 MiB would stay in 4 KiB
            // pages (~500 faults for a thread that fills it). A block up to the next 2 MiB
            // boundary, kept and never written, makes the thread's allocations start there;
            // it costs address space only. (glibc: 16-byte chunk headers, the probe's chunk
            // is 80 bytes, so the heap's free top starts 64 bytes past the probe.)
            let top = UInt(bitPattern: probe) + 64
            let boundary = heap + UInt(MallocTuning.hugePageBytes)
            if boundary > top + 32 {
                // Kept where the compiler can see it escape (an unused malloc may be elided).
                rendezvous.keep(malloc(Int(boundary - top) - 16))
            }
            // glibc grows a secondary heap past its first 16 MiB (the top pad) a few pages
            // at a time, and a 2 MiB page needs its whole range mapped already: a block
            // taken and given back here maps most of the reservation at once (nothing is
            // written to it, and the trim threshold keeps it mapped).
            // Two blocks under the 32 MiB mmap threshold: all but ~2 MiB of the 64 MiB.
            let growth = [rendezvous.escaping(malloc(30 << 20)), rendezvous.escaping(malloc(30 << 20))]
            for block in growth { free(block) }
            free(probe)
        }
        rendezvous.ready.signal()
        rendezvous.release.wait()
        return nil
    }
#endif
