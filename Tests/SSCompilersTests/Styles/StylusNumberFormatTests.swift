import Testing

@testable import SSCompilers

/// `styShortDecimal`, the fast path of `styFormatNumber`, against the general layout of
/// Swift's shortest round-trip description.
@Suite struct StylusNumberFormatTests {
    @Test func shortDecimalsMatchTheGeneralLayout() {
        var generator = SystemRandomNumberGenerator()
        var checked = 0
        for decimals in 1...8 {
            let scale = (0..<decimals).reduce(1.0) { r, _ in r * 10 }
            for _ in 0..<4_000 {
                let m = Double(Int64.random(in: -2_000_000_000...2_000_000_000, using: &generator))
                let n = m / scale
                guard n != n.rounded(.towardZero) else { continue }
                if let short = styShortDecimal(n) {
                    #expect(short == styFormatDescription(n), "\(n)")
                    checked += 1
                }
            }
        }
        #expect(checked > 10_000)
    }

    @Test func awkwardValues() {
        let values: [Double] = [
            0.1, 0.2, 0.3, 0.1 + 0.2, 1.0 / 3, 2.0 / 3, 0.000001, 0.0000015, 1e-7, 0.12 + 0.04 * 3,
            999_999_999.5, 1e9 + 0.5, 4.35, 1.005, 8.675, 0.07, 33.333333, 100.1, -0.5, -12.25,
            Double.ulpOfOne + 1, 5e-324, 1.7976931348623157e308, 123_456.789012,
        ]
        for n in values {
            let expected = styFormatDescription(n)
            if let short = styShortDecimal(n) { #expect(short == expected, "\(n)") }
            #expect(styFormatNumber(n) == expected || n == n.rounded(), "\(n)")
        }
        #expect(styShortDecimal(0.1 + 0.2) == nil)
        #expect(styShortDecimal(1.5) == "1.5")
        #expect(styShortDecimal(-0.25) == "-0.25")
        #expect(styShortDecimal(3) == nil)
    }
}
