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

@Suite("Text wrapping is linear")
struct TextWrapWorkTests {
    let metrics = TextMetrics(fontName: "Helvetica")

    /// Issue 10.9: a 400 KB word used to be re-measured for every line (quadratic: about 10^9 scalar
    /// measurements). Counting measurements, not time, keeps the test exact on a busy machine.
    @Test func aHugeWordIsMeasuredAFewTimesPerCharacter() {
        let word = String(repeating: "x", count: 400_000)
        var work = TextMetrics.Work()
        let lines = metrics.wrap(word, size: 11, maxWidth: 120, maxLines: .max, work: &work)
        #expect(lines.joined() == word)
        #expect(lines.allSatisfy { metrics.width($0, size: 11) <= 120 })
        #expect(work.measuredScalars <= 3 * word.unicodeScalars.count)

        var hyphenated = TextMetrics.Work()
        let withBreaks = String(repeating: "abc-defghij/", count: 40_000)
        let pieces = metrics.wrap(withBreaks, size: 11, maxWidth: 90, maxLines: .max, work: &hyphenated)
        #expect(pieces.joined() == withBreaks)
        #expect(hyphenated.measuredScalars <= 4 * withBreaks.unicodeScalars.count)
    }

    @Test func zeroWidthCharactersDoNotMakeItQuadratic() {
        let text = String(repeating: "a\u{200B} ", count: 100_000)
        var work = TextMetrics.Work()
        _ = metrics.wrap(text, size: 11, maxWidth: 120, maxLines: .max, work: &work)
        #expect(work.measuredScalars <= 3 * text.unicodeScalars.count)
    }

    @Test func aLineLimitStopsEarly() {
        // The word is measured once as a whole; cutting it stops after the fifth line.
        var work = TextMetrics.Work()
        let lines = metrics.wrap(String(repeating: "y", count: 400_000), size: 11, maxWidth: 120, maxLines: 4, work: &work)
        #expect(lines.count == 4)
        #expect(lines[3].hasSuffix("…"))
        #expect(work.measuredScalars < 400_000 + 1_000)
    }

    /// The linear wrap breaks exactly where the old re-measuring one did (kept here as the oracle).
    @Test func sameLinesAsTheQuadraticOracle() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abc de-f/ghi jk 售后 🎉 WW \u{301}xyz ")
        for _ in 0..<300 {
            let length = Int.random(in: 0...120, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "a" })
            let width = Double.random(in: 20...200, using: &generator)
            let maxLines = Bool.random(using: &generator) ? Int.max : Int.random(in: 1...4, using: &generator)
            let expected = Self.oracle(metrics, text, size: 10, maxWidth: width, maxLines: maxLines)
            #expect(metrics.wrap(text, size: 10, maxWidth: width, maxLines: maxLines) == expected, "\(text) at \(width)")
        }
    }

    /// The pre-0.2 algorithm, quadratic in a long word.
    static func oracle(_ metrics: TextMetrics, _ text: String, size: Double, maxWidth: Double, maxLines: Int) -> [String] {
        func width(_ text: String) -> Double { metrics.width(text, size: size) }
        func trimLeading(_ text: String) -> String { String(text.drop(while: { $0 == " " })) }
        func trimTrailing(_ text: String) -> String {
            var copy = text
            while copy.last == " " { copy.removeLast() }
            return copy
        }
        var words: [String] = []
        var word = ""
        for character in DOTText.singleLine(text) {
            let isWide = character.unicodeScalars.first.map { TextMetrics.advance($0, bold: false) >= 1.0 } ?? false
            if character == " " {
                if !word.isEmpty { words.append(word) }
                word = " "
            } else if isWide {
                if !word.isEmpty { words.append(word) }
                words.append(String(character))
                word = ""
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { words.append(word) }
        guard !words.isEmpty else { return [] }
        var lines: [String] = []
        var current = ""
        for word in words {
            let candidate = current.isEmpty ? trimLeading(word) : current + word
            if width(candidate) <= maxWidth {
                current = candidate
                continue
            }
            if !current.isEmpty { lines.append(trimTrailing(current)) }
            current = trimLeading(word)
            while width(current) > maxWidth, current.count > 1 {
                var head = ""
                var lastBreak = 0
                for character in current {
                    if width(head + String(character)) > maxWidth, !head.isEmpty { break }
                    head.append(character)
                    if character == "-" || character == "/" { lastBreak = head.count }
                }
                if lastBreak > 0, lastBreak < head.count { head = String(head.prefix(lastBreak)) }
                lines.append(head)
                current = String(current.dropFirst(head.count))
            }
        }
        if !current.isEmpty { lines.append(trimTrailing(current)) }
        guard lines.count > maxLines, maxLines > 0 else { return lines }
        var kept = Array(lines.prefix(maxLines))
        kept[maxLines - 1] = metrics.truncate(kept[maxLines - 1] + " " + lines[maxLines], size: size, maxWidth: maxWidth)
        return kept
    }
}
