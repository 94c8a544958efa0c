import Testing
@testable import ServiceBlueprint

/// The compact tables the analysis builds for speed give what the plain computations give.
@Suite("Analysis: speed tables")
struct AnalysisTablesTests {
    static let titles = [
        "Verify the Customer's identity AGAIN!", "核对 客户身份", "Ünïcode Straße 2nd", "  leading, trailing  ", "", "a", "A1-b2_c3",
        "e-mail the customer", "Ⅻ roman and ½", "mixed ASCII then é", "😀 emoji 😀 word",
    ]

    @Test func wordHashesMatchTheScalarScan() {
        for title in Self.titles {
            var scalar: [UInt64] = []
            RedundantDuplicateStepRule.forEachWord(in: title) { _, hash in scalar.append(hash) }
            var fast: [UInt64] = []
            RedundantDuplicateStepRule.forEachWordHash(in: title) { fast.append($0) }
            #expect(fast == scalar, "\(title)")
        }
    }

    @Test func titleWordsHoldEachStepsWords() {
        let steps = Self.titles.enumerated().map { Fixture.step("s\($0.offset)", $0.element, .backstage) }
        let words = RedundantDuplicateStepRule.TitleWords(steps)
        for (i, title) in Self.titles.enumerated() {
            var expected: [UInt64] = []
            RedundantDuplicateStepRule.forEachWord(in: title) { _, hash in expected.append(hash) }
            #expect(Array(words[i]) == expected, "\(title)")
        }
        #expect(words[4].isEmpty)
    }
}
