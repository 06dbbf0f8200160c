import Testing

@testable import SSCompilers

/// The printer's digit-only shortcut for numeric literals must agree with the full
/// `JSNumbers.shortest(JSNumbers.value(of:))` path it skips.
@Suite struct JSNumbersTests {
    /// What the printer printed before the shortcut existed.
    private func slowSpelling(_ raw: String) -> String {
        if let value = JSNumbers.value(of: raw), let short = JSNumbers.shortest(value), short.utf8.count <= raw.utf8.count {
            return short
        }
        return raw
    }

    private func fastSpelling(_ raw: String) -> String? {
        switch JSNumbers.plainShortest(raw) {
        case .asWritten: return raw
        case .withoutLeadingZero: return String(raw.dropFirst())
        case .unknown: return nil
        }
    }

    @Test func decidesCommonLiterals() {
        #expect(JSNumbers.plainShortest("7") == .asWritten)
        #expect(JSNumbers.plainShortest("255") == .asWritten)
        #expect(JSNumbers.plainShortest("12.5") == .asWritten)
        #expect(JSNumbers.plainShortest("0.25") == .withoutLeadingZero)
        #expect(JSNumbers.plainShortest("1000") == .unknown)
        #expect(JSNumbers.plainShortest("0.05") == .unknown)
        #expect(JSNumbers.plainShortest("1.50") == .unknown)
        #expect(JSNumbers.plainShortest("017") == .unknown)
        #expect(JSNumbers.plainShortest("0x1F") == .unknown)
        #expect(JSNumbers.plainShortest("1e3") == .unknown)
        #expect(JSNumbers.plainShortest(".5") == .unknown)
        #expect(JSNumbers.plainShortest("5.") == .unknown)
        #expect(JSNumbers.plainShortest("1_000") == .unknown)
        #expect(JSNumbers.plainShortest("1234567890123456") == .unknown)
    }

    @Test func agreesWithTheFullPath() {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789")
        var decided = 0
        for _ in 0..<20_000 {
            let integerDigits = Int.random(in: 0...9, using: &generator)
            let fractionDigits = Int.random(in: 0...9, using: &generator)
            var raw = String((0..<max(integerDigits, 1)).map { _ in digits.randomElement(using: &generator)! })
            if Bool.random(using: &generator) { raw = "0" }
            if fractionDigits > 0 {
                raw += "." + String((0..<fractionDigits).map { _ in digits.randomElement(using: &generator)! })
            }
            guard let fast = fastSpelling(raw) else { continue }
            decided += 1
            #expect(fast == slowSpelling(raw), "\(raw)")
        }
        #expect(decided > 5_000)
    }
}
