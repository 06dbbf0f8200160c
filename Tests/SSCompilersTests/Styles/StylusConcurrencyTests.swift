import Foundation
import Testing

@testable import SSCompilers

@Suite struct StylusConcurrencyTests {
    /// The built-in library is shared read-only between compiles; concurrent compiles
    /// (one per dev-server request) must not see each other's state.
    @Test func concurrentCompilesAreIndependent() {
        let sources = (0..<16).map { i in
            "vendors = webkit\n$x = \(i)px\nm(a)\n  width a + $x\n.c\(i)\n  m(\(i))\n  color darken(#fff, \(i)%)\n"
                + "  z push(vendors, v\(i))\n"
        }
        let expected = sources.map {
            StylusCompiler().compile(SourceFile(path: "/c.styl", text: $0), resolver: InMemoryResolver()).output
        }
        let results = ConcurrentResults(count: sources.count)
        DispatchQueue.concurrentPerform(iterations: sources.count * 4) { n in
            let i = n % sources.count
            let out = StylusCompiler().compile(
                SourceFile(path: "/c.styl", text: sources[i]), resolver: InMemoryResolver())
            results.set(i, out.output)
        }
        for i in 0..<sources.count {
            #expect(results.get(i) == expected[i])
            #expect(expected[i].contains("width: \(2 * i)px;"))
        }
    }
}

private final class ConcurrentResults: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ v: String) {
        lock.lock()
        defer { lock.unlock() }
        if let old = values[i], old != v { values[i] = "MISMATCH" } else if values[i] != "MISMATCH" { values[i] = v }
    }
    func get(_ i: Int) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return values[i]
    }
}
