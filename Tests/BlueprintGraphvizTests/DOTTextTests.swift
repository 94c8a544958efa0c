import Testing

@testable import BlueprintGraphviz

@Suite("DOT text escaping")
struct DOTTextTests {
    @Test func numbersAreShortAndStable() {
        #expect(DOTText.number(12.5) == "12.5")
        #expect(DOTText.number(-0.001) == "0")
        #expect(DOTText.number(3) == "3")
        #expect(DOTText.number(1.05) == "1.05")
    }
}

@Suite("Text measuring and wrapping")
struct TextMetricsTests {
    let metrics = TextMetrics(fontName: "Helvetica")

    @Test func wrapsAtSpacesAndKeepsCodesWhole() {
        let lines = metrics.wrap("std 45min ±15min · SOP-WS-07", size: 9, maxWidth: 110)
        #expect(lines.contains { $0.hasSuffix("SOP-WS-07") })
        #expect(lines.allSatisfy { metrics.width($0, size: 9) <= 110 })
    }

    @Test func breaksLongWordsAfterHyphensThenCharacters() {
        let lines = metrics.wrap("first-line-second-line-escalation-desk", size: 11, maxWidth: 90)
        #expect(lines.count > 1)
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix("-") })
        #expect(lines.joined() == "first-line-second-line-escalation-desk")
        let unbroken = metrics.wrap(String(repeating: "x", count: 80), size: 11, maxWidth: 60)
        #expect(unbroken.joined() == String(repeating: "x", count: 80))
        #expect(unbroken.allSatisfy { metrics.width($0, size: 11) <= 60 })
    }

    @Test func cjkBreaksBetweenCharactersAndCountsFullWidth() {
        #expect(metrics.width("售后", size: 10) > metrics.width("ab", size: 10) * 1.5)
        let lines = metrics.wrap("售后服务维修中心快速响应", size: 10, maxWidth: 50)
        #expect(lines.count > 1)
        #expect(lines.joined() == "售后服务维修中心快速响应")
    }

    @Test func limitsLinesWithAnEllipsis() {
        let lines = metrics.wrap("one two three four five six seven eight nine ten", size: 10, maxWidth: 50, maxLines: 2)
        #expect(lines.count == 2)
        #expect(lines[1].hasSuffix("…"))
    }
}
